from datetime import timedelta

from market.core.dbtypes import utcnow
from market.transactions.models import Transaction
from tests import factories

URL = "/api/v1/transactions"


def _post(client, headers, body, key):
    return client.post(URL, json=body, headers={**headers, "Idempotency-Key": key})


def test_the_same_key_and_body_returns_the_original_transaction(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    body = {"merchant_id": merchant.id, "amount": 12_000, "method": "cash", "note": "bánh mì"}
    first = _post(client, headers, body, "sale-0001")
    again = _post(client, headers, dict(reversed(list(body.items()))), "sale-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    assert db.session.query(Transaction).count() == 1


def test_the_same_key_with_another_body_is_a_conflict(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    _post(client, headers, {"merchant_id": merchant.id, "amount": 12_000, "method": "cash"}, "k-7")
    clash = _post(client, headers, {"merchant_id": merchant.id, "amount": 13_000, "method": "cash"}, "k-7")
    assert clash.status_code == 409
    assert "Idempotency-Key" in clash.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 1


def test_keys_are_scoped_per_client(client, auth, db):
    merchant = factories.merchant()
    body = {"merchant_id": merchant.id, "amount": 12_000, "method": "cash"}
    assert _post(client, auth("merchant", merchant=merchant), body, "shared").status_code == 201
    assert _post(client, auth("admin"), body, "shared").status_code == 201
    assert db.session.query(Transaction).count() == 2


def test_a_malformed_key_is_refused_naming_the_header(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    body = {"merchant_id": merchant.id, "amount": 12_000, "method": "cash"}
    for key in ("has space", "x" * 121, "khóa"):
        response = client.post(URL, json=body, headers={**headers, "Idempotency-Key": key.encode().decode("latin-1")})
        assert response.status_code == 422, key
        assert "Idempotency-Key" in response.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 0


def test_the_purge_clears_only_old_keys_and_keeps_every_transaction(runner, db):
    merchant = factories.merchant()
    old = factories.transaction(merchant, idempotency_key="old", client_key="c", request_hash="h",
                                created_at=utcnow() - timedelta(days=45))
    recent = factories.transaction(merchant, idempotency_key="new", client_key="c", request_hash="h",
                                   created_at=utcnow() - timedelta(days=10))
    db.session.commit()
    refused = runner.invoke(args=["purge-idempotency-keys", "--days", "29"])
    assert refused.exit_code != 0
    result = runner.invoke(args=["purge-idempotency-keys", "--days", "30"])
    assert result.exit_code == 0 and "cleared 1" in result.output
    db.session.expire_all()
    assert db.session.get(Transaction, old.id).idempotency_key is None
    assert db.session.get(Transaction, recent.id).idempotency_key == "new"
    assert db.session.query(Transaction).count() == 2


def test_a_retry_after_the_merchant_was_suspended_still_gets_the_original(client, auth, db):
    merchant = factories.merchant()
    headers = auth("admin")
    body = {"merchant_id": merchant.id, "amount": 12_000, "method": "vietqr"}
    first = _post(client, headers, body, "before-suspension")
    merchant.status = "suspended"
    db.session.commit()
    retry = _post(client, headers, body, "before-suspension")
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json == first.json
    fresh = _post(client, headers, body, "after-suspension")
    assert fresh.status_code == 422 and "merchant_id" in fresh.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 1


def test_a_new_key_reusing_a_recorded_reference_is_a_reference_conflict(client, auth, db):
    merchant = factories.merchant()
    headers = auth("admin")
    body = {"merchant_id": merchant.id, "amount": 12_000, "method": "vietqr", "reference": "HD-9"}
    assert _post(client, headers, body, "first-key").status_code == 201
    clash = _post(client, headers, body, "second-key")
    assert clash.status_code == 409 and clash.json["error"]["code"] == "duplicate_reference"
    assert _post(client, headers, body, "first-key").status_code == 200
    assert db.session.query(Transaction).count() == 1
