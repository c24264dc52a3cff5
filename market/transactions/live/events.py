"""Credit events as the money screen receives them, read from the transactions table (the one log).

A credit, for the screen, is money the bank says arrived: a positive, non-reversal transaction from a bank
source (webhook, feeds, the review queue). Sales the merchant typed, tallies and statement imports (history
loaded in bulk) are not announced.
"""
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from market.core.clock import local_day, today
from market.core.dbtypes import utcnow
from market.transactions.live.codes import asked_amount
from market.transactions.models import Transaction

NOT_ANNOUNCED = ("self_report", "tally", "import")
REPLAY_LIMIT = 200
TODAY_ITEMS = 30


def is_live_credit(source: str, amount: int, reverses_id: int | None) -> bool:
    """Whether a recorded transaction is announced on the merchant's screen."""
    return source not in NOT_ANNOUNCED and amount > 0 and reverses_id is None


LIVE_CREDIT: ColumnElement[bool] = and_(
    Transaction.source.notin_(NOT_ANNOUNCED), Transaction.amount > 0, Transaction.reverses_id.is_(None))
_COLUMNS = (Transaction.id, Transaction.merchant_id, Transaction.amount, Transaction.occurred_at,
            Transaction.note, Transaction.local_day)


def _total(connection: Connection, merchant_id: int, day: date, up_to: int | None = None) -> int:
    query = select(func.coalesce(func.sum(Transaction.amount), 0)).where(
        LIVE_CREDIT, Transaction.merchant_id == merchant_id, Transaction.local_day == day)
    if up_to is not None:
        query = query.where(Transaction.id <= up_to)
    return int(connection.execute(query).scalar_one())


def _event(connection: Connection, row: Any) -> dict[str, Any]:
    asked = asked_amount(connection, row.merchant_id, row.note)
    return {
        "transaction_id": row.id, "merchant_id": row.merchant_id, "amount": row.amount,
        "occurred_at": row.occurred_at.isoformat(), "content": row.note or "",
        "today_total": _total(connection, row.merchant_id, row.local_day, row.id) if row.local_day == today() else None,
        "asked_amount": asked, "short_by": asked - row.amount if asked is not None and row.amount < asked else 0,
    }


def events_by_id(connection: Connection, ids: Iterable[int]) -> list[dict[str, Any]]:
    """The events of these transactions that are live credits, in id order."""
    rows = connection.execute(select(*_COLUMNS).where(Transaction.id.in_(list(ids)), LIVE_CREDIT)
                              .order_by(Transaction.id))
    return [_event(connection, row) for row in rows]


def events_after(connection: Connection, merchant_id: int, after_id: int) -> list[dict[str, Any]]:
    """What a screen that last saw `after_id` missed: the merchant's later credits of the last two days."""
    since = local_day(utcnow()).toordinal() - 1
    rows = connection.execute(select(*_COLUMNS).where(
        Transaction.merchant_id == merchant_id, Transaction.id > after_id, LIVE_CREDIT,
        Transaction.local_day >= date.fromordinal(since)).order_by(Transaction.id).limit(REPLAY_LIMIT))
    return [_event(connection, row) for row in rows]


def today_so_far(connection: Connection, merchant_id: int) -> dict[str, Any]:
    """Today's running total, count and latest credits (shown, not spoken, when a screen first opens)."""
    day = today()
    rows = list(connection.execute(select(*_COLUMNS).where(
        Transaction.merchant_id == merchant_id, LIVE_CREDIT, Transaction.local_day == day)
        .order_by(Transaction.id.desc()).limit(TODAY_ITEMS)))
    count = connection.execute(select(func.count()).where(
        Transaction.merchant_id == merchant_id, LIVE_CREDIT, Transaction.local_day == day)).scalar_one()
    last = connection.execute(select(func.max(Transaction.id)).where(
        Transaction.merchant_id == merchant_id, LIVE_CREDIT)).scalar_one()
    return {"total": _total(connection, merchant_id, day), "count": count, "last_id": last or 0,
            "items": [{"transaction_id": row.id, "amount": row.amount, "occurred_at": row.occurred_at.isoformat(),
                       "content": row.note or ""} for row in rows]}


def newer_credits(connection: Connection, after_id: int, limit: int = 1000,
                  since: datetime | None = None) -> list[tuple[int, int]]:
    """(id, merchant_id) of every live credit recorded after `after_id` (and `since`): what a poller picks up."""
    query = select(Transaction.id, Transaction.merchant_id).where(Transaction.id > after_id, LIVE_CREDIT)
    if since is not None:
        query = query.where(Transaction.created_at > since)
    rows = connection.execute(query.order_by(Transaction.id).limit(limit))
    return [(row.id, row.merchant_id) for row in rows]


def last_transaction_id(connection: Connection) -> int:
    """The newest transaction id (where a polling listener starts)."""
    return int(connection.execute(select(func.coalesce(func.max(Transaction.id), 0))).scalar_one())
