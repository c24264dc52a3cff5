import pytest

from merchants.cards.schemas import parse_vnd


@pytest.mark.parametrize("typed, expected", [
    ("1.234.567 ₫", 1234567), ("1,234,567", 1234567), ("1234567", 1234567), ("25.000đ", 25000),
    ("25 000 VND", 25000), ("  500 ", 500), ("1\u00a0234\u00a0567 ₫", 1234567),
])
def test_amounts_typed_by_merchants_are_read_as_whole_dong(typed, expected):
    assert parse_vnd(typed) == expected


@pytest.mark.parametrize("typed", ["", "12,5", "1.2345", "1.234,567", "abc", "-5", "1e6", "٣٤٥"])
def test_anything_else_is_not_an_amount(typed):
    assert parse_vnd(typed) is None
