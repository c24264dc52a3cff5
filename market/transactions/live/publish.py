"""Announce recorded credits when, and only when, their transaction commits.

The recording path calls `remember` for each transaction it inserts; whatever source recorded it (the signed
webhook, a bank feed, the review queue), the session carries the credit until commit. On PostgreSQL the
NOTIFY is sent inside the committing transaction, which PostgreSQL delivers at commit and drops on rollback;
on SQLite the commit wakes this process's poller (other processes see the row at their next poll).
"""
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from market.transactions.live.events import is_live_credit
from market.transactions.live.hub import HUB

INFO_KEY = "cho40_live_credits"
DEFAULT_CHANNEL = "cho40_credits"
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


def channel() -> str:
    """The LISTEN/NOTIFY channel (LIVE_CHANNEL; tests give each run its own)."""
    return current_app.config["LIVE_CHANNEL"] if has_app_context() else DEFAULT_CHANNEL


def remember(session: Session, row: Any) -> None:
    """Carry a just-inserted transaction to the commit, if the money screen announces it."""
    if is_live_credit(row.source, row.amount, row.reverses_id):
        session.info.setdefault(INFO_KEY, []).append((row.id, row.merchant_id))


def _notify_in_transaction(session: Session) -> None:
    credits = session.info.get(INFO_KEY)
    if not credits or session.get_bind().dialect.name != "postgresql":
        return
    name = channel()
    for credit_id, merchant_id in credits:
        session.execute(_NOTIFY, {"channel": name, "payload": f"{credit_id}:{merchant_id}"})


def _after_commit(session: Session) -> None:
    if session.info.pop(INFO_KEY, None):
        HUB.wakeup.set()


def _forget(session: Session, *_: Any) -> None:
    session.info.pop(INFO_KEY, None)


def register_listeners() -> None:
    """Hook the commit of every session (called by the factory)."""
    for name, listener in (("before_commit", _notify_in_transaction), ("after_commit", _after_commit),
                           ("after_soft_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
