"""Insert-or-update of reference data keyed by `code` (admin units, the indicator catalogue)."""
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from market.core.extensions import db


def upsert_by_code(model: type, rows: Iterable[dict[str, Any]]) -> tuple[int, int]:
    """Add missing rows and update changed ones; returns (added, changed). Flushes, never commits."""
    existing = {row.code: row for row in db.session.scalars(select(model))}
    added = changed = 0
    for values in rows:
        current = existing.get(values["code"])
        if current is None:
            db.session.add(model(**values))
            added += 1
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            changed += 1
    db.session.flush()
    return added, changed
