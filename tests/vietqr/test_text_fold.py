"""fold reduces Vietnamese text to the [A-Za-z0-9 ] memo alphabet."""

import pytest

from vietqr.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bánh đúc Đông", "Banh duc Dong"),
        ("Thanh toán đơn hàng", "Thanh toan don hang"),
        ("Ấp Phước Hưng – Chợ Lớn", "Ap Phuoc Hung Cho Lon"),
        ("  INV/TEST/0001  ", "INV TEST 0001"),
        ("Cà\tphê\n sữa\u00a0đá", "Ca phe sua da"),
        ("ỲỶỸỴ ỳỷỹỵ Ơ ơ Ư ư", "YYYY yyyy O o U u"),
        ("", ""),
        ("🍜 !!", ""),
    ],
)
def test_vietnamese_text_folds_to_plain_ascii(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_folding_decomposed_text_gives_the_same_result_as_composed() -> None:
    import unicodedata

    text = "Bún bò Huế đặc biệt"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "Bun bo Hue dac biet"


def test_punctuation_separates_words_instead_of_gluing_them() -> None:
    assert fold("sunary/vietqr") == "sunary vietqr"
    assert fold("Cà phê, sữa đá!") == "Ca phe sua da"
    assert fold("Đặt cọc – 50k") == "Dat coc 50k"
