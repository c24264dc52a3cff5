"""Payloads agree with the independent PyPI library vietnam-qr-pay."""

import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vietnam_qr_pay import QRPay, VietQRService

from vietqr import all_banks, decode, encode, fold

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "data" / "vietqr_vectors.json").read_text(encoding="utf-8")
)
SOUND = [v for v in VECTORS if v["kind"] == "vietqr" and v["status"] == "valid"]


def _fields(qr: QRPay) -> tuple[Any, ...]:
    amount = None if qr.amount is None else int(qr.amount)
    purpose, service = qr.additional_data.purpose, qr.provider.service
    return qr.consumer.bank_bin, qr.consumer.bank_number, amount, purpose, service


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(
    st.sampled_from([bank.bin for bank in all_banks()]),
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=19),
    st.none() | st.integers(1, 499_999_999),
    st.none() | st.text("aáàđĐơưỹ Ơ0123456789xyz", max_size=25),
    st.sampled_from(list(VietQRService)),
)
def test_our_payload_parses_identically_and_matches_their_build(
    bin: str, account: str, amount: int | None, purpose: str | None, service: VietQRService
) -> None:
    ours = encode(bin, account, amount=amount, purpose=purpose, service=service.value)
    memo = fold(purpose or "") or None
    theirs = QRPay(ours)
    assert theirs.is_valid
    assert _fields(theirs) == (bin, account, amount, memo, service.value)
    built = QRPay.init_viet_qr(bin, account, None if amount is None else str(amount), memo, service).build()
    assert built == ours


@pytest.mark.parametrize("vector", SOUND, ids=lambda v: v["payload"][-8:])
def test_real_vector_decodes_the_same_in_both_libraries(vector: dict[str, Any]) -> None:
    ours = decode(vector["payload"])
    theirs = QRPay(vector["payload"])
    assert theirs.is_valid and ours.valid
    assert _fields(theirs) == (ours.bin, ours.account, ours.amount, ours.purpose, ours.service)
