"""Properties: encode/decode round trip, decode never raises, the CRC catches edits."""

import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from vietqr import all_banks, bank_by_bin, decode, encode, fold

SETTINGS = settings(max_examples=200, derandomize=True, database=None, deadline=None)
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + string.digits + " -/.,!?\t"

bins = st.sampled_from([bank.bin for bank in all_banks()])
accounts = st.text(string.ascii_letters + string.digits, min_size=1, max_size=19)
amounts = st.none() | st.integers(1, 499_999_999)
purposes = st.none() | st.text(LETTERS, max_size=25) | st.text(max_size=25)
services = st.sampled_from(["QRIBFTTA", "QRIBFTTC"])


@SETTINGS
@given(bins, accounts, amounts, purposes, services)
def test_decoding_an_encoded_payload_gives_back_the_inputs(
    bin: str, account: str, amount: int | None, purpose: str | None, service: str
) -> None:
    decoded = decode(encode(bin, account, amount=amount, purpose=purpose, service=service))
    assert decoded.valid, decoded.errors
    assert (decoded.bin, decoded.account, decoded.amount, decoded.service) == (bin, account, amount, service)
    assert decoded.purpose == (fold(purpose or "") or None)
    assert decoded.initiation == ("static" if amount is None else "dynamic")
    assert decoded.bank == bank_by_bin(bin)


@SETTINGS
@given(st.text() | st.text("0123456789ABCDEF") | st.text("0123456789").map("000201".__add__))
def test_decode_never_raises_on_any_text(text: str) -> None:
    decoded = decode(text)
    assert decoded.kind in {"vietqr", "vnpay", "emv_other", "invalid"}
    json.dumps(decoded.to_dict(), ensure_ascii=False)


@SETTINGS
@given(bins, accounts, amounts, purposes, st.data())
def test_any_one_character_edit_makes_the_payload_invalid(
    bin: str, account: str, amount: int | None, purpose: str | None, data: st.DataObject
) -> None:
    payload = encode(bin, account, amount=amount, purpose=purpose)
    at = data.draw(st.integers(0, len(payload) - 1))
    char = data.draw(st.sampled_from(string.printable).filter(lambda c: c != payload[at]))
    decoded = decode(payload[:at] + char + payload[at + 1 :])
    only_crc_case = at >= len(payload) - 4 and char.upper() == payload[at]
    assert decoded.valid is only_crc_case
