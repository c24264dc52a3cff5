"""Database behaviour that models alone cannot express: SQLite pragmas and the request commit."""
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFERRED_BEGIN = "cho40_deferred_begin"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin); pysqlite's implicit one is deferred.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    # A write request takes the write lock up front: a deferred transaction that later
    # upgrades can fail at once with "database is locked" instead of waiting its turn.
    writing = not has_request_context() or request.method not in READ_METHODS
    if conn.get_execution_options().get(DEFERRED_BEGIN):
        writing = False
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def commit_request(app: Flask) -> None:
    """Commit once per request, after the view returned without error."""
    from market.extensions import db

    @app.after_request
    def _commit(response: Any) -> Any:
        if response.status_code < 400:
            db.session.commit()
        return response


@contextmanager
def read_outside_write_lock() -> Iterator[Connection]:
    """A connection for a short read that must not hold SQLite's write lock (authentication, before the
    request's own transaction); the session's connection elsewhere, where reads never block writes."""
    from market.extensions import db

    if db.engine.dialect.name != "sqlite" or db.session().in_transaction():
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(**{DEFERRED_BEGIN: True}) as connection:
        yield connection
