"""Load the official provinces and communes shipped in market/places/data/admin_units (idempotent)."""
import csv
import os
from collections.abc import Iterator

from market.core.upsert import upsert_by_code
from market.places.models import Commune, Province

DATA_DIR = os.path.join(os.path.dirname(__file__), "data", "admin_units")


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(os.path.join(DATA_DIR, name), encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def import_admin_units() -> dict[str, tuple[int, int]]:
    """Insert or update provinces then communes; returns (added, changed) per table."""
    return {
        "provinces": upsert_by_code(Province, _rows("provinces.csv")),
        "communes": upsert_by_code(Commune, _rows("communes.csv")),
    }
