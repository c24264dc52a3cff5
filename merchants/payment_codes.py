"""Merchant payment codes: a short `CHO…` word a payer puts in the transfer memo to name the stall.

One bank account (a family's, a market board's) can serve several stalls; the code in the memo says
which stall a credit belongs to. Banks upper-case, re-space and strip marks from memos, so codes use
only letters and digits that survive that, and matching ignores case and spaces.
"""
import re
import secrets

from vietqr.text import fold

PREFIX = "CHO"
# No 0/O, 1/I/L, 5/S, 8/B: a code read aloud or copied by hand stays the same code.
ALPHABET = "ACDEFGHJKMNPQRTUVWXYZ234679"
LENGTH = 7  # 27^7 ≈ 10^10 codes: a clash at 100,000 merchants is about one in a hundred thousand inserts
CODE_LENGTH = len(PREFIX) + LENGTH
MEMO_LIMIT = 25
_CANDIDATE = re.compile(f"(?={PREFIX}([{ALPHABET}]{{{LENGTH}}}))")


def new_payment_code() -> str:
    """A fresh random code such as CHO7KQ2M9X (uniqueness is the database's to guarantee)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def codes_in(content: str | None) -> list[str]:
    """Every code-shaped word in a memo, ignoring case, marks, spaces and punctuation, in order."""
    if not content:
        return []
    squeezed = fold(content).upper().replace(" ", "")
    return list(dict.fromkeys(PREFIX + tail for tail in _CANDIDATE.findall(squeezed)))


def memo_with_code(code: str | None, purpose: str | None) -> str | None:
    """The memo of a dynamic QR: the merchant's code first, then as much of the purpose as fits."""
    if not code:
        return purpose
    rest = fold(purpose or "")
    if rest.upper().replace(" ", "").startswith(code):
        return rest[:MEMO_LIMIT]
    return f"{code} {rest}".strip()[:MEMO_LIMIT]
