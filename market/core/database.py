"""Database behaviour that models alone cannot express: SQLite pragmas and the request commit."""
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFERRED_BEGIN = "cho40_deferred_begin"
WRITE_LOCK_WAIT_SECONDS = 30
BUSY_TIMEOUT = f"PRAGMA busy_timeout={WRITE_LOCK_WAIT_SECONDS * 1000}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin); pysqlite's implicit one is deferred.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(BUSY_TIMEOUT)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    # A write request takes the write lock up front: a deferred transaction that later
    # upgrades can fail at once with "database is locked" instead of waiting its turn.
    writing = not has_request_context() or request.method not in READ_METHODS
    if writing and not conn.get_execution_options().get(DEFERRED_BEGIN):
        _begin_immediate(conn.connection.dbapi_connection)
    else:
        conn.exec_driver_sql("BEGIN")


def _begin_immediate(dbapi_connection: Any) -> None:
    # SQLite's own busy handler backs off to 100 ms sleeps, so under write load the lock sits idle while
    # waiters sleep and a few unlucky ones wait far longer than the rest. Retry with short, jittered
    # sleeps instead; the 30 s busy_timeout still covers every other statement.
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + WRITE_LOCK_WAIT_SECONDS
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.0002, 0.002))
    finally:
        dbapi_connection.execute(BUSY_TIMEOUT)


def init_app(app: Flask) -> None:
    """SQLite's pragmas and write locking on every engine, and the one commit per request."""
    for name, listener in (("connect", _sqlite_pragmas), ("begin", _sqlite_begin)):
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)
    commit_request(app)


KEEP_ON_ERROR = "cho40_keep_writes_on_error"


def keep_writes_on_error() -> None:
    """Commit this request's writes although it answers with an error (e.g. the log line of a refusal)."""
    request.environ[KEEP_ON_ERROR] = True


def commit_request(app: Flask) -> None:
    """Commit once per request, after the view returned without error."""
    from market.core.extensions import db

    @app.after_request
    def _commit(response: Any) -> Any:
        if response.status_code < 400 or request.environ.get(KEEP_ON_ERROR):
            db.session.commit()
        return response


@contextmanager
def read_outside_write_lock() -> Iterator[Connection]:
    """A connection for a short read that must not hold SQLite's write lock (authentication, before the
    request's own transaction); the session's connection elsewhere, where reads never block writes."""
    from market.core.extensions import db

    if db.engine.dialect.name != "sqlite" or db.session().in_transaction():
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(**{DEFERRED_BEGIN: True}) as connection:
        yield connection
