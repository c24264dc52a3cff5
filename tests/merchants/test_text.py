from datetime import date

import pytest

from merchants.ocop.services import add_months, expiry
from merchants.text import PhoneError, clean_name, holder_name, normalise_phone, search_text


@pytest.mark.parametrize("raw", ["0912345678", "+84 912 345 678", "84912345678", "0912.345.678",
                                 "091-234-5678", "+84912345678"])
def test_vietnamese_mobile_numbers_are_normalised_to_ten_digits(raw):
    assert normalise_phone(raw) == "0912345678"


@pytest.mark.parametrize("raw", ["0212345678", "091234567", "09123456789", "+1 912 345 678", "abc", "",
                                 "0412345678", "+84 212 345 678"])
def test_landlines_short_numbers_and_foreign_numbers_are_refused(raw):
    with pytest.raises(PhoneError):
        normalise_phone(raw)


def test_names_keep_their_accents_but_become_nfc_with_single_spaces():
    decomposed = "Cà phê  Bà Hoà".replace("à", "a\u0300")
    assert clean_name(decomposed) == "Cà phê Bà Hoà"
    assert clean_name(decomposed) != decomposed


def test_holder_names_become_upper_case_ascii_as_banks_show_them():
    assert holder_name("Nguyễn Thị Đào") == "NGUYEN THI DAO"


def test_search_text_puts_the_public_name_before_the_owner():
    assert search_text("Cà phê Đồng Quê", "Trần Văn Bình") == "ca phe dong que | tran van binh"


@pytest.mark.parametrize("issued, expected", [
    (date(2024, 3, 15), date(2027, 3, 15)),
    (date(2024, 2, 29), date(2027, 2, 28)),
    (date(2023, 12, 31), date(2026, 12, 31)),
])
def test_ocop_certificates_expire_thirty_six_months_after_issue(issued, expected):
    assert expiry(issued) == expected


def test_adding_months_clamps_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
