"""Fold Vietnamese text to the ASCII subset that VietQR memos allow."""

import string
import unicodedata

__all__ = ["fold"]

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_ALLOWED = (string.ascii_letters + string.digits + " ").encode("ascii")
# Byte table: every byte outside [A-Za-z0-9 ] (whitespace, punctuation) becomes a space, so words
# separated by punctuation stay apart ("sunary/vietqr" → "sunary vietqr").
_OTHER = bytes(b for b in range(128) if b not in _ALLOWED)
_TO_SPACE = bytes.maketrans(_OTHER, b" " * len(_OTHER))


def _ascii_letters(text: str) -> str:
    """Drop diacritics (combining marks after NFD); any other non-ASCII character separates words."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join("" if unicodedata.combining(char) else char if char.isascii() else " " for char in decomposed)


def fold(text: str) -> str:
    """Return text without diacritics, reduced to [A-Za-z0-9 ] with single inner spaces."""
    if not text.isascii():
        text = _ascii_letters(text)
    return " ".join(text.encode("ascii").translate(_TO_SPACE).decode("ascii").split())
