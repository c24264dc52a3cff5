"""Fold Vietnamese text to the ASCII subset that VietQR memos allow."""

import unicodedata

__all__ = ["fold"]

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ")
# Every ASCII character outside [A-Za-z0-9 ] is deleted, except whitespace which becomes a space.
_KEEP_ASCII = str.maketrans(
    {chr(c): (" " if chr(c).isspace() else None) for c in range(128) if chr(c) not in _ALLOWED}
)


def fold(text: str) -> str:
    """Return text without diacritics, reduced to [A-Za-z0-9 ] with single inner spaces."""
    text = " ".join(text.split())
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.translate(_D_STROKE))
        # Combining marks and any other non-ASCII character are dropped together.
        text = text.encode("ascii", "ignore").decode("ascii")
    return " ".join(text.translate(_KEEP_ASCII).split())
