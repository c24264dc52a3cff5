"""Pure text rules of the register: phone numbers, names, holder names, search keys."""
import re
import unicodedata

from market.core.i18n import gettext
from vietqr.text import fold

MOBILE = re.compile(r"^0(3|5|7|8|9)\d{8}$")
_SEPARATORS = re.compile(r"[\s.\-()]")


class PhoneError(ValueError):
    """The text is not a Vietnamese mobile number."""


def normalise_phone(raw: str) -> str:
    """Return a Vietnamese mobile number as 0xxxxxxxxx (accepts +84/84/0, spaces, dots, dashes)."""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not MOBILE.fullmatch(digits):
        raise PhoneError(gettext("Số di động không hợp lệ (10 số, đầu 03/05/07/08/09)."))
    return digits


def clean_name(raw: str) -> str:
    """A name kept as typed, in NFC with single inner spaces."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def holder_name(raw: str) -> str:
    """The account holder's name as banks show it: upper-case ASCII."""
    return fold(raw).upper()


def search_key(text: str) -> str:
    """Lower-case, diacritics-free text for accent-insensitive search."""
    return fold(text).lower()


def search_text(display_name: str, owner_name: str) -> str:
    """The stored search column: public name first, then '|' and the owner's name."""
    # The separator lets public searches match only the part before it (the owner stays private).
    return f"{search_key(display_name)} | {search_key(owner_name)}"[:400]

