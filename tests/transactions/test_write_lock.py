"""SQLite: a sale that arrives while another writer holds the database waits its turn and is stored."""
import os
import sqlite3
import threading

import pytest

from market.transactions.models import Transaction
from tests import factories

# PostgreSQL has row locks and no database-wide writer lock: nothing to wait for there.
pytestmark = pytest.mark.skipif(os.environ.get("TEST_DATABASE", "sqlite") == "postgresql",
                                reason="SQLite's single writer lock")


@pytest.fixture
def sqlite_path(database_url):
    return database_url.removeprefix("sqlite:///")


def test_a_sale_waits_for_another_writer_instead_of_failing(client, auth, db, sqlite_path):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    other_writer = sqlite3.connect(sqlite_path, isolation_level=None, check_same_thread=False)
    other_writer.execute("BEGIN IMMEDIATE")  # e.g. a statement import holding the write lock
    released = threading.Timer(0.3, other_writer.commit)
    released.start()
    try:
        response = client.post("/api/v1/transactions", json={"merchant_id": merchant.id, "amount": 20_000,
                                                              "method": "vietqr"}, headers=headers)
    finally:
        released.join()
        other_writer.close()
    assert response.status_code == 201, response.json
    assert db.session.query(Transaction).count() == 1


def test_a_writer_still_waits_for_the_lock_after_a_sale(client, auth, db, sqlite_path):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    body = {"merchant_id": merchant.id, "amount": 20_000, "method": "vietqr"}
    assert client.post("/api/v1/transactions", json=body, headers=headers).status_code == 201
    # The pooled connection that served the sale must wait like any other, not fail at once.
    (busy_timeout,) = db.session.connection().exec_driver_sql("PRAGMA busy_timeout").one()
    assert busy_timeout == 30_000
