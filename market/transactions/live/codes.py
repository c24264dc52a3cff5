"""Payment codes of amount QRs: issued when the merchant shows a QR with an amount, found again in memos.

Banks and feeds reshape memos (upper case, spaces dropped, a prefix of their own, the merchant's payment
code before ours), so a code is looked for anywhere in the memo, ignoring case, spaces and punctuation.
"""
import re
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from market.core.dbtypes import utcnow
from market.core.extensions import db
from market.transactions.live.models import AmountQr
from vietqr.text import fold

PREFIX = "TT"
# No 0/O or 1/I: a code read aloud or typed by hand stays unambiguous.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MEMO_LIMIT = 25
# A shopper pays within minutes of seeing the QR; a week bounds the codes searched for each credit.
LOOKBACK = timedelta(days=7)
_NOT_CODE = re.compile(r"[^A-Z0-9]")


def new_code() -> str:
    """A fresh random code such as "TT7KQ2MX"."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def issue(merchant_id: int, amount: int) -> str:
    """Store the code of a QR with this amount and return it."""
    code = new_code()
    db.session.add(AmountQr(merchant_id=merchant_id, code=code, amount=amount))
    db.session.flush()
    return code


def memo_with_code(code: str, purpose: str | None) -> str:
    """The memo for the QR: the code first, then as much of the merchant's own text as fits."""
    room = MEMO_LIMIT - len(code) - 1
    text = fold(purpose or "")[:room].strip()
    return f"{code} {text}" if text else code


def squeeze(memo: str | None) -> str:
    """A memo reduced to upper-case letters and digits, as codes are compared."""
    return _NOT_CODE.sub("", fold(memo or "").upper())


def asked_amount(connection: Connection, merchant_id: int, memo: str | None) -> int | None:
    """The amount of the merchant's recent amount QR whose code is in this memo, if any."""
    squeezed = squeeze(memo)
    if PREFIX not in squeezed:
        return None
    rows = connection.execute(select(AmountQr.code, AmountQr.amount).where(
        AmountQr.merchant_id == merchant_id, AmountQr.created_at > utcnow() - LOOKBACK)
        .order_by(AmountQr.id.desc()).limit(500))
    return next((row.amount for row in rows if row.code in squeezed), None)
