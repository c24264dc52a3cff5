"""After a crash: is every acknowledged write there exactly once, and is the database sound?"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import Connection

KEY_PREFIX = "rel-"


@dataclass
class DatabaseReport:
    """What the checks found; `problems` is empty for a sound database."""

    copies: dict[str, int] = field(default_factory=dict)  # idempotency key -> rows holding it
    problems: list[str] = field(default_factory=list)


def _integrity(conn: Connection) -> list[str]:
    if conn.dialect.name == "sqlite":
        result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
        return ([] if result == ["ok"] else [f"integrity_check: {result}"]) + [f"foreign key: {row}" for row in fk]
    invalid = list(conn.execute(text("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid")))
    return [f"invalid index {row[0]}" for row in invalid]


def _orphans(conn: Connection) -> list[str]:
    """Rows whose foreign key points nowhere, for every foreign key of the live schema."""
    metadata = MetaData()
    metadata.reflect(conn)
    problems = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            target = fk.referred_table
            join = " AND ".join(f't."{c.name}" = p."{e.column.name}"' for c, e in zip(fk.columns, fk.elements))
            present = " AND ".join(f't."{c.name}" IS NOT NULL' for c in fk.columns)
            sql = (f'SELECT COUNT(*) FROM "{table.name}" t WHERE {present} AND NOT EXISTS '
                   f'(SELECT 1 FROM "{target.name}" p WHERE {join})')
            count = conn.execute(text(sql)).scalar_one()
            if count:
                problems.append(f"{count} rows of {table.name} point to missing {target.name}")
    return problems


def _duplicates(conn: Connection) -> list[str]:
    rows = conn.execute(text(
        'SELECT client_key, idempotency_key, COUNT(*) FROM "transaction" WHERE idempotency_key IS NOT NULL '
        "GROUP BY client_key, idempotency_key HAVING COUNT(*) > 1")).all()
    return [f"key {key} of {client} stored {count} times" for client, key, count in rows]


def check_database(database_url: str) -> DatabaseReport:
    """Integrity check, foreign keys, duplicate idempotency keys, and the copies of each test write."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            report = DatabaseReport(problems=_integrity(conn) + _orphans(conn) + _duplicates(conn))
            rows = conn.execute(text('SELECT idempotency_key, COUNT(*) FROM "transaction" '
                                     "WHERE idempotency_key LIKE :prefix GROUP BY idempotency_key"),
                                {"prefix": KEY_PREFIX + "%"})
            report.copies = {key: count for key, count in rows}
    finally:
        engine.dispose()
    return report
