"""SQLite: a sale posted while a 200,000-line statement import is being written is recorded at once."""
import os
import sqlite3
import threading
import time
from datetime import timedelta

import pytest

from market.core.clock import LOCAL_TZ
from market.core.dbtypes import utcnow
from market.transactions.models import Transaction
from tests import factories, hostile_files

pytestmark = pytest.mark.skipif(os.environ.get("TEST_DATABASE", "sqlite") == "postgresql",
                                reason="SQLite's single writer lock")
LINES = 200_000


def _statement() -> bytes:
    """200,000 credits in 3.6 MB: a date, an amount, nothing else (references are made from them)."""
    day = (utcnow() - timedelta(days=2)).astimezone(LOCAL_TZ).strftime("%d/%m/%Y")
    lines = b"".join(b"%s;%d\n" % (day.encode(), 1_000 + n) for n in range(LINES))
    return "Ngày giao dịch;Số tiền ghi có\n".encode() + lines


def _imported(path: str) -> int:
    with sqlite3.connect(path) as probe:
        return probe.execute("SELECT count(*) FROM \"transaction\" WHERE source = 'import'").fetchone()[0]


def test_a_sale_during_a_200000_line_statement_import_succeeds(app, auth, db, database_url):
    path = database_url.removeprefix("sqlite:///")
    merchant = factories.merchant()
    account = factories.account(merchant)
    headers = auth("merchant", merchant=merchant)
    fields = {"account_id": str(account.id), "commit": "true"}
    upload = hostile_files.multipart(fields, _statement(), "saoke.csv")
    merchant_id = merchant.id
    db.session.commit()  # outside a request, reading ids began a writing transaction: end it
    done: dict[str, object] = {}
    importer = threading.Thread(target=lambda: done.update(
        response=app.test_client().post("/api/v1/statement-imports", headers=headers, **upload)))
    importer.start()
    deadline = time.monotonic() + 60
    while _imported(path) == 0 and importer.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)  # waiting for the import's first batch, not pacing the test
    sale = app.test_client().post("/api/v1/transactions", json={"merchant_id": merchant_id, "amount": 25_000,
                                                                 "method": "vietqr"}, headers=headers)
    during = importer.is_alive() and _imported(path) < LINES
    importer.join()
    assert sale.status_code == 201, sale.json
    assert during, "the sale should have been posted while the import was still writing"
    response = done["response"]
    assert response.status_code == 201 and response.json["added"] == LINES, response.json
    db.session.expire_all()
    assert db.session.query(Transaction).filter_by(source="self_report").count() == 1
