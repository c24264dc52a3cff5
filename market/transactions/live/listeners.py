"""The one listener thread of each worker process: PostgreSQL LISTEN, or polling on the embedded SQLite.

PostgreSQL delivers a NOTIFY only when the transaction that sent it commits, to every listening process on
every host. SQLite has no such channel, so each process polls the transactions table (an index range scan
past the last id it saw) a few times a second, and at once after a commit of its own.
"""
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from market.core.database import DEFERRED_BEGIN
from market.core.dbtypes import utcnow
from market.transactions.live.events import events_by_id, last_transaction_id, newer_credits
from market.transactions.live.hub import Hub

POLL_SECONDS = 0.5
NOTIFY_WINDOW = 0.1
RETRY_SECONDS = 2.0
RESTART_LOOKBACK = timedelta(seconds=30)
log = logging.getLogger(__name__)


def _deliver(engine: Engine, hub: Hub, credits: list[tuple[int, int]]) -> None:
    watched = hub.watched()
    wanted = [credit_id for credit_id, merchant_id in credits if merchant_id in watched]
    if not wanted:
        return
    with engine.connect().execution_options(**{DEFERRED_BEGIN: True}) as connection:
        events = events_by_id(connection, wanted)
    hub.deliver(events)


def parse_payload(payload: str) -> tuple[int, int] | None:
    """(transaction id, merchant id) from a NOTIFY payload "transaction_id:merchant_id"."""
    first, _, second = payload.partition(":")
    return (int(first), int(second)) if first.isdigit() and second.isdigit() else None


def _listen_postgresql(engine: Engine, channel: str, hub: Hub) -> None:
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    while not hub.retire():
        try:
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                hub.ready.set()
                while not hub.retire():
                    batch = [parse_payload(note.payload) for note in connection.notifies(timeout=NOTIFY_WINDOW)]
                    if batch:
                        _deliver(engine, hub, [credit for credit in batch if credit])
                return
        except Exception:  # a dropped connection or a failed read: log, wait, listen again
            log.exception("live credits: listener failed, listening again")
            time.sleep(RETRY_SECONDS)


def _poll_sqlite(engine: Engine, hub: Hub) -> None:
    with engine.connect().execution_options(**{DEFERRED_BEGIN: True}) as connection:
        last = last_transaction_id(connection)
    hub.ready.set()
    while not hub.retire():
        hub.wakeup.wait(POLL_SECONDS)
        hub.wakeup.clear()
        try:
            with engine.connect().execution_options(**{DEFERRED_BEGIN: True}) as connection:
                credits = newer_credits(connection, last)
                if not credits and last_transaction_id(connection) < last:
                    # Ids went back (a restored backup, or a test that emptied the table): start again.
                    last = 0
                    credits = newer_credits(connection, last, since=utcnow() - RESTART_LOOKBACK)
            if credits:
                last = credits[-1][0]
                _deliver(engine, hub, credits)
        except Exception:  # a locked or briefly missing database: the next tick tries again
            log.exception("live credits: poll failed")
            time.sleep(RETRY_SECONDS)


def _until_retired(target: Callable[..., None], engine: Engine, *args: Any) -> None:
    try:
        target(engine, *args)
    finally:
        engine.dispose()


def starter(app_engine: Engine, channel: str) -> Callable[[Hub], threading.Thread]:
    """The callback that starts this process's listener for the database of `app_engine`."""
    def start(hub: Hub) -> threading.Thread:
        # A connection of its own: when every pooled connection serves a request waiting for this listener
        # to be ready, the listener must not wait for one of them.
        engine = create_engine(app_engine.url, pool_size=1, max_overflow=0)
        if engine.dialect.name == "postgresql":
            target, args = _listen_postgresql, (channel, hub)
        else:
            target, args = _poll_sqlite, (hub,)
        thread = threading.Thread(target=_until_retired, args=(target, engine, *args), name="live-credits",
                                  daemon=True)
        thread.start()
        return thread
    return start
