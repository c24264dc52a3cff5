"""Amounts in Vietnamese words, as a cashier reads them aloud ("hai mươi mốt nghìn năm trăm").

Pure: no Flask, no database. Conventions (the northern standard that banks print on receipts): "mốt" and "tư"
for a unit 1 or 4 after "mươi", "lăm" for a unit 5 after any ten, "linh" for an empty tens place, "nghìn" for
thousands, and "không trăm" when a group after the first has no hundreds ("một triệu không trăm linh năm").
"""
from vietqr import MAX_AMOUNT
from vietqr.text import fold

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", "nghìn", "triệu")
LARGEST = MAX_AMOUNT - 1


def _units(unit: int, tens: int) -> str:
    if unit == 1 and tens >= 2:
        return "mốt"
    if unit == 4 and tens >= 2:
        return "tư"
    if unit == 5 and tens >= 1:
        return "lăm"
    return DIGITS[unit]


def _tens_and_units(tens: int, unit: int) -> list[str]:
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"] if tens else []
    if unit:
        words.append(_units(unit, tens))
    return words


def _group(value: int, leading: bool) -> list[str]:
    """Words of one three-digit group; a group after the first reads its empty hundreds ("không trăm")."""
    hundreds, tens, unit = value // 100, value // 10 % 10, value % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds or not leading else []
    if words and tens == 0 and unit:
        words.append("linh")
    return words + _tens_and_units(tens, unit)


def amount_in_words(amount: int) -> str:
    """0 ≤ amount < the NAPAS247 ceiling, in Vietnamese words ("năm mươi nghìn")."""
    if not 0 <= amount <= LARGEST:
        raise ValueError(f"amount out of range: {amount}")
    if amount == 0:
        return DIGITS[0]
    groups = [amount // 1_000_000, amount // 1000 % 1000, amount % 1000]
    first = next(index for index, value in enumerate(groups) if value)
    words: list[str] = []
    for index in range(first, len(groups)):
        if groups[index]:
            words += _group(groups[index], leading=index == first) + [GROUPS[len(groups) - 1 - index]]
    return " ".join(word for word in words if word)


def received_sentence(amount: int) -> str:
    """What the money screen says for one credit: "Đã nhận năm mươi nghìn đồng"."""
    return f"Đã nhận {amount_in_words(amount)} đồng"


def shortfall_sentence(missing: int) -> str:
    """What it says when a QR with an amount was paid short: "Khách chuyển thiếu hai mươi nghìn đồng"."""
    return f"Khách chuyển thiếu {amount_in_words(missing)} đồng"


def missed_sentence(count: int) -> str:
    """What it says on reconnecting: "Có ba khoản tiền vào khi mất mạng"."""
    return f"Có {amount_in_words(count)} khoản tiền vào khi mất mạng"


# Every word the screen can say, each recorded once as a clip for phones without a Vietnamese voice.
SENTENCE_WORDS = ("đã", "nhận", "đồng", "khách", "chuyển", "thiếu", "có", "khoản", "tiền", "vào", "khi", "mất", "mạng")
NUMBER_WORDS = DIGITS + ("mốt", "tư", "lăm", "mười", "mươi", "trăm", "linh", "nghìn", "triệu")
# Two pairs fold to the same letters; their clips get distinct names.
_CLIP_NAMES = {"mốt": "mot-sac", "mười": "muoi-huyen"}


def clip_name(word: str) -> str:
    """The file name (without .wav) of a word's clip: the word without marks ("nghìn" → "nghin")."""
    return _CLIP_NAMES.get(word, fold(word).lower())


def clip_names(sentence: str) -> list[str]:
    """The clips that, played in order, say `sentence`."""
    return [clip_name(word) for word in sentence.lower().replace(".", " ").split()]
