"""Long imports: commit in short batches so SQLite's single write lock is never held for long.

A request normally commits once, at its end (`market.core.database`). An import of up to 200,000 lines
is the exception: on SQLite a write request holds the one write lock from its first statement, so one
long transaction makes every other write of the village wait and time out. Imports written this way
must stay correct when interrupted between batches (statement lines are deduplicated by reference, so
importing the same file again adds only what is missing).
"""
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert

from market.core.extensions import db

BATCH_ROWS = 2_000  # about 50 ms of inserting on SQLite on a village laptop


def commit_so_far() -> None:
    """Commit what the request did so far, freeing SQLite's write lock: before slow work that needs no
    lock (reading a file), and after each batch."""
    db.session.commit()


def chunks(items: Iterable[Any], size: int = BATCH_ROWS) -> Iterator[list[Any]]:
    """Consecutive lists of at most `size` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_in_batches(table: Table, values: Iterable[dict[str, Any]], size: int = BATCH_ROWS) -> int:
    """Insert rows a batch at a time, each batch committed at once; returns how many were inserted."""
    inserted = 0
    for chunk in chunks(values, size):
        db.session.execute(insert(table), chunk)
        commit_so_far()
        inserted += len(chunk)
    return inserted
