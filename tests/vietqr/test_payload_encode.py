"""encode emits NAPAS247 payloads: tag order, initiation, memo folding, CRC padding."""

import json
from pathlib import Path
from typing import Any

import pytest

from vietqr import decode, encode, fold

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "data" / "vietqr_vectors.json").read_text(encoding="utf-8")
)
PLAIN_TAGS = {"00", "01", "38", "53", "54", "58", "62", "63"}


def _reproducible(vector: dict[str, Any]) -> bool:
    """Valid VietQR vectors made only of the tags encode writes, memo already folded."""
    detail, purpose = vector["detail"], vector["expect"]["purpose"]
    return (
        vector["kind"] == "vietqr"
        and vector["status"] == "valid"
        and set(detail["root_tags"]) <= PLAIN_TAGS
        and (detail["additional_62"] is None or set(detail["additional_62"]) == {"08"})
        and (purpose is None or fold(purpose) == purpose)
    )


REPRODUCIBLE = [v for v in VECTORS if _reproducible(v)]


def test_enough_real_vectors_are_reproducible() -> None:
    assert len(REPRODUCIBLE) >= 8


@pytest.mark.parametrize("vector", REPRODUCIBLE, ids=lambda v: v["payload"][-8:])
def test_reencoding_a_real_vector_reproduces_it_byte_for_byte(vector: dict[str, Any]) -> None:
    expect = vector["expect"]
    amount = None if expect["amount"] is None else int(expect["amount"])
    payload = encode(
        expect["bin"], expect["account"], amount=amount, purpose=expect["purpose"], service=expect["service"]
    )
    assert payload == vector["payload"]


def test_static_payload_has_initiation_11_and_no_amount() -> None:
    payload = encode("970416", "257678859")
    assert payload == (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045802VN6304AE9F"
    )


def test_dynamic_payload_has_initiation_12_and_the_amount() -> None:
    payload = encode("970416", "257678859", amount=10000, purpose="Chuyen tien")
    assert payload.startswith("000201010212")
    assert "540510000" in payload


def test_purpose_is_folded_to_ascii() -> None:
    payload = encode("970436", "0123456789", purpose="Bánh đúc Đông")
    assert "62170813Banh duc Dong6304" in payload


def test_purpose_empty_after_folding_omits_tag_62() -> None:
    assert encode("970436", "0123456789", purpose=" ✓ !? ") == encode("970436", "0123456789")


def test_crc_below_0x1000_is_zero_padded_to_four_digits() -> None:
    payload = encode("970407", "19030413601018")
    assert payload.endswith("63040283")
    assert decode(payload).valid


def test_card_service_is_written_in_tag_38_02() -> None:
    payload = encode("970403", "9704031101234567", service="QRIBFTTC")
    assert "0208QRIBFTTC53" in payload
    assert decode(payload).service == "QRIBFTTC"


def test_largest_amount_and_longest_account_fit() -> None:
    decoded = decode(encode("970436", "A" * 19, amount=499_999_999, purpose="x" * 25))
    assert decoded.valid and decoded.amount == 499_999_999 and decoded.account == "A" * 19
