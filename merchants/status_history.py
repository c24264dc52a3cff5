"""Log every merchant status as it is written, whichever code path writes it.

A listener rather than calls in each service: registration, approval, suspension, the demo and the
test builders all set `Merchant.status`, and a missed call would silently bend past statistics.
Bulk Core inserts bypass the ORM and call `log_bulk` themselves.
"""
from datetime import datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from market.dbtypes import utcnow
from market.extensions import db
from merchants.models import Merchant, MerchantStatusChange


def _changed_at(merchant: Merchant, is_new: bool) -> datetime:
    state = inspect(merchant)
    if state.attrs.status_changed_at.history.added and merchant.status_changed_at is not None:
        return merchant.status_changed_at
    if is_new and merchant.created_at is not None:
        return merchant.created_at
    return utcnow()


def _status_changed(merchant: Merchant) -> bool:
    history = inspect(merchant).attrs.status.history
    return bool(history.added) and history.added[0] not in (*history.unchanged, *history.deleted)


@event.listens_for(Session, "before_flush")
def _log_status_changes(session: Session, _context: Any, _instances: Any) -> None:
    new = [row for row in session.new if isinstance(row, Merchant)]
    changed = [row for row in session.dirty if isinstance(row, Merchant) and _status_changed(row)]
    for merchant in new + changed:
        if merchant.status is None:
            merchant.status = "pending"
        session.add(MerchantStatusChange(merchant=merchant, status=merchant.status,
                                         changed_at=_changed_at(merchant, merchant in new),
                                         changed_by=merchant.status_changed_by))


def log_bulk(rows: list[dict[str, Any]]) -> None:
    """Log statuses of merchants written with a Core insert: dicts of merchant_id, status, changed_at, changed_by."""
    if rows:
        db.session.execute(insert(MerchantStatusChange.__table__), rows)
