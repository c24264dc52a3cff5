"""Load the official provinces and communes shipped in market/data/admin_units (idempotent)."""
import csv
import os
from collections.abc import Iterator

from sqlalchemy import select

from market.extensions import db
from market.places.models import Commune, Province

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "admin_units")


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(os.path.join(DATA_DIR, name), encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(model: type[Province] | type[Commune], rows: Iterator[dict[str, str]]) -> tuple[int, int]:
    existing = {row.code: row for row in db.session.scalars(select(model))}
    added = changed = 0
    for row in rows:
        current = existing.get(row["code"])
        if current is None:
            db.session.add(model(**row))
            added += 1
        elif any(getattr(current, key) != value for key, value in row.items()):
            for key, value in row.items():
                setattr(current, key, value)
            changed += 1
    db.session.flush()
    return added, changed


def import_admin_units() -> dict[str, tuple[int, int]]:
    """Insert or update provinces then communes; returns (added, changed) per table."""
    return {
        "provinces": _upsert(Province, _rows("provinces.csv")),
        "communes": _upsert(Commune, _rows("communes.csv")),
    }
