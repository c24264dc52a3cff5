"""Stall cards: issue, revoke and look up the printed QR cards."""
from sqlalchemy import select

from market.audit import record
from market.dbtypes import utcnow
from market.extensions import db
from merchants.models import Card


def revoke_cards(*, reason: str, merchant_id: int | None = None, account_id: int | None = None) -> list[Card]:
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
        record("card.revoke", "card", card.serial, before={"revoked_at": None},
               after={"revoked_at": now.isoformat(), "reason": reason})
    return cards
