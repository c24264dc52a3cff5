"""crc16 is CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""

from hypothesis import given, settings
from hypothesis import strategies as st

from vietqr.crc import crc16, crc16_hex


def _bitwise_reference(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def test_standard_check_value_of_123456789_is_29b1() -> None:
    assert crc16(b"123456789") == 0x29B1


def test_hex_form_is_four_upper_case_digits_zero_padded() -> None:
    text = "00020101021138580010A000000727012800069704070114190304136010180208QRIBFTTA53037045802VN6304"
    assert crc16_hex(text) == "0283"


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.binary(max_size=300))
def test_crc_matches_a_bitwise_reference(data: bytes) -> None:
    assert crc16(data) == _bitwise_reference(data)
