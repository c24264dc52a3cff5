"""tlv.parse splits EMVCo data objects and names every structural fault."""

import pytest

from vietqr import tlv


def _parse(text: str, path: str = "") -> tuple[dict[str, str], list[str]]:
    errors: list[str] = []
    return tlv.parse(text, errors, path), errors


def test_elements_are_read_in_any_order() -> None:
    assert _parse("5802VN0002010102125303704") == ({"58": "VN", "00": "01", "01": "12", "53": "704"}, [])


def test_well_formed_text_gives_every_value_and_no_error() -> None:
    assert _parse("0002015303704") == ({"00": "01", "53": "704"}, [])


def test_duplicate_tag_keeps_the_first_value_and_is_reported() -> None:
    assert _parse("0002010002025802VN", "38.") == ({"00": "01", "58": "VN"}, ["duplicate tag 38.00"])


def test_non_digit_length_stops_parsing() -> None:
    assert _parse("00020158XXVN") == ({"00": "01"}, ["tag 58: length 'XX' is not two digits"])


def test_non_digit_tag_stops_parsing() -> None:
    assert _parse("0002019A02VN", "62.") == ({"00": "01"}, ["template 62: tag '9A' is not two digits"])


def test_unicode_digits_are_not_taken_for_ascii_digits() -> None:
    assert _parse("00²201") == ({}, ["tag 00: length '²2' is not two digits"])


def test_text_too_short_for_an_element_is_reported() -> None:
    assert _parse("010", "38.") == ({}, ["template 38: trailing '010' is too short to be an element"])


def test_trailing_characters_too_short_for_an_element_join_the_last_one() -> None:
    assert _parse("000201630") == (
        {"00": "01630"},
        ["tag 00: declared length 02 but 5 characters remain; took them all as its value"],
    )


def test_last_element_longer_than_declared_keeps_the_remainder() -> None:
    values, errors = _parse("000697040301120011012345678", "38.01.")
    assert values == {"00": "970403", "01": "0011012345678"}
    assert errors == ["tag 38.01.01: declared length 12 but 13 characters remain; took them all as its value"]


def test_last_element_shorter_than_declared_keeps_the_remainder() -> None:
    values, errors = _parse("00020163041A2")
    assert values == {"00": "01", "63": "1A2"}
    assert errors == ["tag 63: declared length 04 but 3 characters remain; took them all as its value"]


def test_emit_writes_a_two_digit_length() -> None:
    assert tlv.emit("08", "Banh duc") == "0808Banh duc"
    assert tlv.emit("62", "") == "6200"


def test_emit_refuses_values_longer_than_99_characters() -> None:
    with pytest.raises(ValueError, match="at most 99"):
        tlv.emit("62", "x" * 100)
