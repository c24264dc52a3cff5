"""Every kind of bad input is a 4xx naming the field, and nothing is written."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from market.transactions.models import DailyTally, Transaction, UnmatchedCredit
from tests import factories

BAD_SALES = [
    ("amount", {"amount": "50000"}),
    ("amount", {"amount": 50_000.5}),
    ("amount", {"amount": True}),
    ("amount", {"amount": -1}),
    ("amount", {"amount": 0}),
    ("amount", {"amount": 10**13}),
    ("amount", {"amount": 500_000_000, "method": "ewallet"}),
    ("method", {"method": "bitcoin"}),
    ("method", {"method": None}),
    ("merchant_id", {"merchant_id": "1"}),
    ("merchant_id", {"merchant_id": 2**40}),
    ("merchant_id", {"merchant_id": 987_654}),
    ("occurred_at", {"occurred_at": "25/03/2026"}),
    ("occurred_at", {"occurred_at": "2026-02-30T10:00:00+07:00"}),
    ("occurred_at", {"occurred_at": "2026-03-01T10:00:00"}),
    # Offsets from the moment the test runs (a time taken at import goes stale in a long suite).
    ("occurred_at", {"occurred_at": timedelta(minutes=10)}),
    ("occurred_at", {"occurred_at": -timedelta(days=401)}),
    ("reference", {"reference": "x" * 121}),
    ("note", {"note": "n" * 501}),
    ("surprise", {"surprise": 1}),
]


@pytest.mark.parametrize(("field", "change"), BAD_SALES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD_SALES)])
def test_a_bad_sale_is_refused_naming_the_field(client, auth, db, field, change):
    merchant = factories.merchant()
    body = {"merchant_id": merchant.id, "amount": 50_000, "method": "vietqr", **change}
    if isinstance(body.get("occurred_at"), timedelta):
        body["occurred_at"] = (datetime.now(timezone.utc) + body["occurred_at"]).isoformat()
    response = client.post("/api/v1/transactions", json=body, headers=auth("admin"))
    assert 400 <= response.status_code < 500
    assert field in response.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 0


def test_a_body_that_is_not_json_or_not_an_object_is_refused(client, auth, db):
    headers = auth("admin")
    for data in ("{broken", "[1, 2]", '"text"'):
        response = client.post("/api/v1/transactions", data=data, content_type="application/json", headers=headers)
        assert 400 <= response.status_code < 500, data
    assert db.session.query(Transaction).count() == 0


@pytest.mark.parametrize("url", ["/api/v1/transactions", "/api/v1/tallies", "/api/v1/webhooks/bank"])
def test_a_json_body_over_256_kb_is_refused_before_anything_reads_it(client, auth, db, url):
    merchant = factories.merchant()
    body = json.dumps({"merchant_id": merchant.id, "amount": 1000, "method": "cash", "note": "x" * 300_000})
    response = client.post(url, data=body, content_type="application/json", headers=auth("admin"))
    assert response.status_code == 413
    assert "body" in response.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 0
    assert db.session.query(DailyTally).count() == 0 and db.session.query(UnmatchedCredit).count() == 0


def test_a_tally_with_wrong_types_is_refused_naming_each_field(client, auth, db):
    merchant = factories.merchant()
    body = {"merchant_id": merchant.id, "day": "hôm nay", "cash_count": "3", "cash_value": -5,
            "cashless_count": 1.5, "cashless_value": 10**12}
    response = client.post("/api/v1/tallies", json=body, headers=auth("admin"))
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"day", "cash_count", "cash_value", "cashless_count",
                                                     "cashless_value"}
    assert db.session.query(DailyTally).count() == 0


def test_a_webhook_without_any_signature_headers_is_refused(client, db):
    factories.webhook_integration("acb-notify")
    db.session.commit()
    response = client.post("/api/v1/webhooks/bank", json={"account_number": "123456", "amount": 1,
                                                          "reference": "R",
                                                          "occurred_at": datetime.now(timezone.utc).isoformat()})
    assert response.status_code == 401
    assert "X-Cho40-Integration" in response.json["error"]["fields"]
    response = client.post("/api/v1/webhooks/bank", json={}, headers={"X-Cho40-Integration": "acb-notify",
                                                                      "X-Cho40-Timestamp": "soon"})
    assert response.status_code == 401 and "X-Cho40-Timestamp" in response.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 0 and db.session.query(UnmatchedCredit).count() == 0
