"""Stall cards: issue, revoke and look up the printed QR cards."""
import base64
import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select

from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.extensions import db
from merchants.models import Card, Merchant, PaymentAccount

SERIAL_LENGTH = 10
SERIAL_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def revoke_cards(principal: Principal, *, reason: str, merchant_id: int | None = None,
                 account_id: int | None = None) -> list[Card]:
    """Revoke every live card of a merchant or of one account (changed, removed or suspended)."""
    query = select(Card).where(Card.revoked_at.is_(None))
    if account_id is not None:
        query = query.where(Card.account_id == account_id)
    elif merchant_id is not None:
        query = query.where(Card.merchant_id == merchant_id)
    else:
        raise ValueError("revoke_cards needs merchant_id or account_id")
    cards = list(db.session.scalars(query))
    now = utcnow()
    for card in cards:
        card.revoked_at, card.revoked_reason = now, reason
        record(principal, "card.revoke", "card", card.serial, before={"revoked_at": None},
               after={"revoked_at": now.isoformat(), "reason": reason})
    return cards


def derive_serial(key: str, merchant_id: int, account_id: int, nonce: str) -> str:
    """A short base32 code from HMAC-SHA256(key, merchant:account:nonce); unguessable without the key."""
    digest = hmac.new(key.encode(), f"{merchant_id}:{account_id}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:SERIAL_LENGTH]


def normalize_serial(text: str) -> str | None:
    """Upper-case a typed serial and drop spaces and dashes; None when it cannot be a serial."""
    serial = "".join(text.split()).replace("-", "").upper()
    if len(serial) != SERIAL_LENGTH or not set(serial) <= SERIAL_ALPHABET:
        return None
    return serial


def _unused_serial(merchant_id: int, account_id: int) -> str:
    key = current_app.config["SECRET_KEY"]
    while True:  # a clash among 32**10 codes is astronomically rare; draw again if it happens
        serial = derive_serial(key, merchant_id, account_id, secrets.token_hex(8))
        if db.session.scalar(select(Card.id).where(Card.serial == serial)) is None:
            return serial


def live_card(merchant_id: int) -> Card | None:
    """The merchant's newest card that has not been revoked."""
    query = (select(Card).where(Card.merchant_id == merchant_id, Card.revoked_at.is_(None))
             .order_by(Card.id.desc()).limit(1))
    return db.session.scalar(query)


def find_card(serial: str) -> Card | None:
    """The card with this serial (as typed on the card, any case), or None."""
    normalized = normalize_serial(serial)
    if normalized is None:
        return None
    return db.session.scalar(select(Card).where(Card.serial == normalized))


def issue_card(principal: Principal, merchant: Merchant, account: PaymentAccount, payload: str) -> Card:
    """Reuse the live card of this account and payload, or revoke the stale ones and issue a new serial."""
    current = live_card(merchant.id)
    if current is not None and current.account_id == account.id and current.payload == payload:
        return current
    if current is not None:
        revoke_cards(principal, reason="superseded", merchant_id=merchant.id)
    return _new_card(principal, merchant, account, payload)


def reissue_card(principal: Principal, merchant: Merchant, account: PaymentAccount, payload: str,
                 reason: str = "reprint") -> Card:
    """A reprint: revoke every live card of the merchant and issue one with a new serial."""
    revoke_cards(principal, reason=reason, merchant_id=merchant.id)
    return _new_card(principal, merchant, account, payload)


def _new_card(principal: Principal, merchant: Merchant, account: PaymentAccount, payload: str) -> Card:
    card = Card(serial=_unused_serial(merchant.id, account.id), merchant_id=merchant.id,
                account_id=account.id, payload=payload, issued_by=principal.label)
    db.session.add(card)
    db.session.flush()
    record(principal, "card.issue", "card", card.serial,
           after={"merchant_id": merchant.id, "account_id": account.id, "payload": payload},
           commune_code=merchant.village.commune_code if merchant.village else None)
    return card
