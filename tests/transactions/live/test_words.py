"""Amounts read aloud, checked against an oracle built the other way round (recursive, by magnitude).

The published vn-numberwords 0.2.0 was tried as the oracle and reads 65 as "sáu mươi năm" (wrong: "sáu mươi
lăm"), so the oracle is written here, from the reading rules rather than from our grouping loop."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from market.transactions.live.words import LARGEST, amount_in_words, missed_sentence, received_sentence

DIGIT = "không một hai ba bốn năm sáu bảy tám chín".split()


def _below_hundred(number: int) -> str:
    tens, unit = divmod(number, 10)
    if tens == 0:
        return DIGIT[unit]
    head = "mười" if tens == 1 else f"{DIGIT[tens]} mươi"
    spoken = {0: "", 1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, DIGIT[unit])
    return f"{head} {spoken}".strip()


def _padded(number: int) -> str:
    """A three-digit group that follows another: its empty hundreds are read."""
    if number >= 100:
        return oracle(number)
    return "không trăm " + (f"linh {DIGIT[number]}" if number < 10 else _below_hundred(number))


def _tail(rest: int, magnitude: int) -> str:
    if rest == 0:
        return ""
    if magnitude == 1000 or rest < 1000:
        return " " + _padded(rest)
    thousands, units = divmod(rest, 1000)
    return (f" {_padded(thousands)} nghìn" if thousands else "") + _tail(units, 1000)


def oracle(number: int) -> str:
    """Vietnamese reading of `number`, recursively by magnitude."""
    if number < 100:
        return _below_hundred(number)
    for magnitude, name in ((1_000_000, "triệu"), (1000, "nghìn")):
        if number >= magnitude:
            head, rest = divmod(number, magnitude)
            return f"{oracle(head)} {name}{_tail(rest, magnitude)}"
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return f"{DIGIT[hundreds]} trăm"
    return f"{DIGIT[hundreds]} trăm " + (f"linh {DIGIT[rest]}" if rest < 10 else _below_hundred(rest))


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=LARGEST))
def test_every_amount_reads_as_the_independent_oracle_reads_it(amount):
    assert amount_in_words(amount) == oracle(amount)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=999), st.sampled_from([1, 1000, 1_000_000]))
def test_round_amounts_in_each_group_read_as_the_oracle(value, scale):
    amount = min(value * scale, LARGEST)
    assert amount_in_words(amount) == oracle(amount)


@pytest.mark.parametrize(("amount", "words"), [
    (21, "hai mươi mốt"), (11, "mười một"), (24, "hai mươi tư"), (14, "mười bốn"), (15, "mười lăm"),
    (25, "hai mươi lăm"), (105, "một trăm linh năm"), (50_000, "năm mươi nghìn"),
    (1_005_000, "một triệu không trăm linh năm nghìn"), (LARGEST, "bốn trăm chín mươi chín triệu chín trăm "
     "chín mươi chín nghìn chín trăm chín mươi chín"),
])
def test_the_words_market_sellers_expect(amount, words):
    assert amount_in_words(amount) == words


def test_the_sentences_the_screen_speaks():
    assert received_sentence(50_000) == "Đã nhận năm mươi nghìn đồng"
    assert missed_sentence(3) == "Có ba khoản tiền vào khi mất mạng"


@pytest.mark.parametrize("amount", [-1, LARGEST + 1])
def test_amounts_outside_a_napas_transfer_are_refused(amount):
    with pytest.raises(ValueError):
        amount_in_words(amount)
