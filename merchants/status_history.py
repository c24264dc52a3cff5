"""Log every merchant and payment-account status as it is written, whichever code path writes it.

A listener rather than calls in each service: registration, approval, suspension, account
confirmation, the demo and the test builders all set `status`, and a missed call would silently bend
past statistics. Bulk Core inserts bypass the ORM and call `log_bulk` themselves.
"""
from datetime import datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from market.core.dbtypes import utcnow
from market.core.extensions import db
from merchants.models import AccountStatusChange, Merchant, MerchantStatusChange, PaymentAccount


def _changed_at(row: Merchant | PaymentAccount, is_new: bool) -> datetime:
    explicit = getattr(row, "status_changed_at", None)
    if explicit is not None and inspect(row).attrs.status_changed_at.history.added:
        return explicit
    if is_new and row.created_at is not None:
        return row.created_at
    return utcnow()


def _status_changed(row: Any) -> bool:
    history = inspect(row).attrs.status.history
    return bool(history.added) and history.added[0] not in (*history.unchanged, *history.deleted)


def _entry(row: Merchant | PaymentAccount, is_new: bool) -> MerchantStatusChange | AccountStatusChange:
    if row.status is None:
        row.status = "pending"
    at = _changed_at(row, is_new)
    if isinstance(row, Merchant):
        return MerchantStatusChange(merchant=row, status=row.status, changed_at=at,
                                    changed_by=row.status_changed_by)
    who = row.verified_by if row.status == "active" else row.changed_by
    return AccountStatusChange(account=row, status=row.status, changed_at=at, changed_by=who)


def _log_status_changes(session: Session, _context: Any, _instances: Any) -> None:
    logged = (Merchant, PaymentAccount)
    new = [row for row in session.new if isinstance(row, logged)]
    changed = [row for row in session.dirty if isinstance(row, logged) and _status_changed(row)]
    for row in new + changed:
        session.add(_entry(row, row in new))


def register_listeners() -> None:
    """Log statuses in every session's flush (called once by the factory)."""
    if not event.contains(Session, "before_flush", _log_status_changes):
        event.listen(Session, "before_flush", _log_status_changes)


def log_bulk(model: type[MerchantStatusChange] | type[AccountStatusChange], rows: list[dict[str, Any]]) -> None:
    """Log statuses of rows written with a Core insert (dicts of the log's columns)."""
    if rows:
        db.session.execute(insert(model.__table__), rows)
