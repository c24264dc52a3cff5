"""The fast path for encode-shaped payloads decodes exactly as the general path does."""

import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vietqr import all_banks, encode
from vietqr.crc import crc16_hex
from vietqr.decode import _decode_canonical, _decode_general, decode
from vietqr.payload import transfer_body as _body

VECTORS = json.loads((Path(__file__).parents[1] / "data" / "vietqr_vectors.json").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=200, derandomize=True, database=None, deadline=None)
payloads = st.builds(
    lambda bin, account, amount, purpose: encode(bin, account, amount=amount, purpose=purpose),
    st.sampled_from([bank.bin for bank in all_banks()]),
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=19),
    st.none() | st.integers(1, 499_999_999),
    st.none() | st.text("aăđ Ơ09xZ", max_size=25),
)


def _agree(text: str) -> bool:
    fast = _decode_canonical(text)
    return fast is None or fast == _decode_general(text)


@SETTINGS
@given(payloads)
def test_every_encoded_payload_takes_the_fast_path_with_the_same_result(payload: str) -> None:
    assert _decode_canonical(payload) is not None
    assert _agree(payload)


@SETTINGS
@given(payloads, st.data())
def test_an_edited_payload_never_decodes_differently_on_the_fast_path(
    payload: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(payload) - 5))
    edited = payload[:at] + data.draw(st.sampled_from(string.printable)) + payload[at + 1 : -4]
    assert _agree(edited + crc16_hex(edited))


@pytest.mark.parametrize("payload", [v["payload"] for v in VECTORS], ids=lambda p: p[-8:])
def test_real_vectors_decode_the_same_on_both_paths(payload: str) -> None:
    assert decode(payload) == _decode_general(payload)


@pytest.mark.parametrize(
    "body",
    [
        _body("970416", "257678859", "001000", "", "QRIBFTTA"),
        _body("970416", "257678859", "500000000", "", "QRIBFTTA"),
        _body("970416", "257678859", "", "", "QRIBFTTX"),
        _body("970416", "2576-8859", "", "", "QRIBFTTA"),
        _body("970416", "257678859", "", "", "QRIBFTTA").replace("5802VN6304", "5802VN620408006304"),
        _body("970416", "257678859", "", "", "QRIBFTTA").replace("010211", "010212"),
    ],
    ids=["amount-0-prefixed", "amount-too-large", "bad-service", "bad-account", "empty-memo", "12-no-amount"],
)
def test_doubtful_payloads_fall_through_to_the_general_path(body: str) -> None:
    payload = body + crc16_hex(body)
    assert _decode_canonical(payload) is None
    assert decode(payload) == _decode_general(payload)
    assert decode(payload).crc_ok
