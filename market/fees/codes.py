"""Bill payment codes: `PHI` + stall + month (MMYY) + the fee's letter, first in the transfer memo.

Banks upper-case, re-space and strip marks and punctuation from memos, so a code is letters and digits
only and a memo is searched with everything else squeezed out. A stall's code is the same month after
month but for MMYY, so a merchant learns to read it.
"""
import re

from merchants.payment_codes import ALPHABET
from vietqr.text import fold

PREFIX = "PHI"
STALL_LENGTH = 8
SHORTEST, LONGEST = len(PREFIX) + 1 + 4 + 1, len(PREFIX) + STALL_LENGTH + 1 + 4 + 2
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def squeeze(text: str | None) -> str:
    """Upper-case letters and digits only, marks folded (as a bank may have rewritten the memo)."""
    return _NOT_ALNUM.sub("", fold(text or "").upper())


def fee_letter(index: int) -> str:
    """The `index`-th fee code of a market: A, C, D, … then AA, AC, …"""
    base = len(ALPHABET)
    return ALPHABET[index] if index < base else ALPHABET[index // base - 1] + ALPHABET[index % base]


def bill_code(stall: str, period: str, fee_code: str, merchant_id: int) -> str:
    """The code of a stall's bill for a fee in a month (YYYY-MM); `M<id>` stands in for a missing stall."""
    tag = squeeze(stall)[:STALL_LENGTH] or f"M{merchant_id}"
    return f"{PREFIX}{tag}{period[5:7]}{period[2:4]}{fee_code}"


def fallback_code(period: str, fee_code: str, merchant_id: int) -> str:
    """The code when two stalls' names squeeze to the same letters: the merchant's id instead."""
    return f"{PREFIX}M{merchant_id}{period[5:7]}{period[2:4]}{fee_code}"


def candidates(memo: str | None) -> list[list[str]]:
    """For each `PHI` in the memo, every code-length word starting there, longest first."""
    squeezed = squeeze(memo)
    found = []
    for start in (match.start() for match in re.finditer(f"(?={PREFIX})", squeezed)):
        tail = squeezed[start:start + LONGEST]
        found.append([tail[:n] for n in range(len(tail), SHORTEST - 1, -1)])
    return found
