"""Fold Vietnamese text to the ASCII subset that VietQR memos allow."""

import string
import unicodedata

__all__ = ["fold"]

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_ALLOWED = (string.ascii_letters + string.digits + " ").encode("ascii")
# Byte tables: ASCII whitespace becomes a space, every other byte outside [A-Za-z0-9 ] is deleted.
_SPACES = bytes.maketrans(string.whitespace.encode("ascii"), b" " * len(string.whitespace))
_DELETE = bytes(b for b in range(256) if b not in _ALLOWED and chr(b) not in string.whitespace)


def fold(text: str) -> str:
    """Return text without diacritics, reduced to [A-Za-z0-9 ] with single inner spaces."""
    if not text.isascii():
        # Unicode whitespace (e.g. no-break space) must become a space before non-ASCII is dropped.
        text = unicodedata.normalize("NFD", " ".join(text.split()).translate(_D_STROKE))
    # Combining marks and any other non-ASCII character are dropped together.
    data = text.encode("ascii", "ignore").translate(_SPACES, _DELETE)
    return " ".join(data.decode("ascii").split())
