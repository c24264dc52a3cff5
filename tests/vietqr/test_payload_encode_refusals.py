"""encode refuses every input it cannot turn into a sound payload, naming the field."""

from typing import Any

import pytest

from vietqr import (
    AccountError,
    AmountError,
    BinError,
    PurposeError,
    ServiceError,
    VietQRError,
    encode,
)

GOOD: dict[str, Any] = {"bin": "970436", "account": "0123456789"}


@pytest.mark.parametrize(
    "bin", ["97043", "9704366", "97043a", "", "９７０４３６", 970436, None], ids=repr
)
def test_malformed_bin_is_refused(bin: Any) -> None:
    with pytest.raises(BinError, match="6 digits") as caught:
        encode(bin, "0123456789")
    assert caught.value.field == "bin"


def test_bin_missing_from_the_directory_is_refused() -> None:
    with pytest.raises(BinError, match="not in the bank directory") as caught:
        encode("970499", "0123456789")
    assert caught.value.field == "bin"


@pytest.mark.parametrize(
    "account", ["", "1" * 20, "0123-456", "01234 56", "tài01", "０１２３", 123456, None], ids=repr
)
def test_malformed_account_is_refused(account: Any) -> None:
    with pytest.raises(AccountError, match="1 to 19 letters or digits") as caught:
        encode("970436", account)
    assert caught.value.field == "account"


@pytest.mark.parametrize("amount", [0, -1, 500_000_000, 10**13], ids=repr)
def test_amount_out_of_range_is_refused(amount: int) -> None:
    with pytest.raises(AmountError, match="from 1 to 499,999,999 VND") as caught:
        encode(**GOOD, amount=amount)
    assert caught.value.field == "amount"


@pytest.mark.parametrize("amount", [True, False, 1000.0, "1000", 1.5], ids=repr)
def test_amount_that_is_not_an_int_is_refused(amount: Any) -> None:
    with pytest.raises(AmountError, match="integer number of VND") as caught:
        encode(**GOOD, amount=amount)
    assert caught.value.field == "amount"


def test_purpose_longer_than_25_characters_after_folding_is_refused() -> None:
    with pytest.raises(PurposeError, match="26 characters .* limit is 25") as caught:
        encode(**GOOD, purpose="Thanh toán đơn hàng số 123")
    assert caught.value.field == "purpose"


def test_purpose_that_is_not_text_is_refused() -> None:
    with pytest.raises(PurposeError) as caught:
        encode(**GOOD, purpose=123)  # type: ignore[arg-type]
    assert caught.value.field == "purpose"


@pytest.mark.parametrize("service", ["QRIBFTTX", "qribftta", "", None], ids=repr)
def test_unknown_service_is_refused(service: Any) -> None:
    with pytest.raises(ServiceError, match="QRIBFTTA or QRIBFTTC") as caught:
        encode(**GOOD, service=service)
    assert caught.value.field == "service"


def test_every_refusal_is_a_value_error() -> None:
    assert issubclass(VietQRError, ValueError)
    with pytest.raises(ValueError):
        encode("x", "y")
