import hashlib
import hmac
import json
import time
from datetime import datetime, timezone

from market.transactions.models import Transaction, UnmatchedCredit, WebhookIntegration
from tests import factories

URL = "/api/v1/webhooks/bank"


def signed(name, secret, body, *, stamp=None, secret_for_signature=None):
    """Headers a bank service would send (computed here independently of our code)."""
    raw = json.dumps(body).encode()
    stamp = str(int(time.time()) if stamp is None else stamp)
    key = (secret_for_signature or secret).encode()
    digest = hmac.new(key, stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    headers = {"X-Cho40-Integration": name, "X-Cho40-Timestamp": stamp, "X-Cho40-Signature": f"sha256={digest}",
               "Content-Type": "application/json"}
    return raw, headers


def _credit(account_number, **fields):
    body = {"account_number": account_number, "amount": 150_000, "content": "NGUYEN VAN A chuyen tien",
            "reference": "FT26060123456", "occurred_at": datetime.now(timezone.utc).isoformat()}
    body.update(fields)
    return body


def _setup(db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    integration, secret = factories.webhook_integration("vcb-notify")
    db.session.commit()
    return merchant, account, integration, secret


def test_a_signed_credit_to_a_known_account_is_recorded_once_even_when_retried(client, db):
    merchant, account, integration, secret = _setup(db)
    raw, headers = signed(integration.name, secret, _credit(account.account_number))
    first = client.post(URL, data=raw, headers=headers)
    retry = client.post(URL, data=raw, headers=headers)
    assert first.status_code == 201, first.json
    assert retry.status_code == 200 and retry.json["duplicate"] is True
    assert retry.json["transaction_id"] == first.json["transaction_id"]
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.account_id, row.amount) == (merchant.id, account.id, 150_000)
    assert (row.source, row.method, row.reference) == ("webhook", "bank_transfer", "FT26060123456")


def test_a_credit_to_an_unknown_account_is_queued_for_review_not_dropped(client, auth, db):
    _, _, integration, secret = _setup(db)
    raw, headers = signed(integration.name, secret, _credit("99990000123"))
    response = client.post(URL, data=raw, headers=headers)
    assert response.status_code == 202 and response.json["status"] == "queued"
    assert client.post(URL, data=raw, headers=headers).status_code == 200
    db.session.expire_all()
    queued = db.session.query(UnmatchedCredit).one()
    assert (queued.account_number, queued.amount, queued.status) == ("99990000123", 150_000, "open")
    assert db.session.query(Transaction).count() == 0
    listed = client.get("/api/v1/webhooks/unmatched", headers=auth("admin")).json
    assert [item["reference"] for item in listed] == ["FT26060123456"]
    assert client.get("/api/v1/webhooks/unmatched", headers=auth("merchant")).status_code == 403


def test_a_credit_to_a_disabled_account_goes_to_the_review_queue(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant, status="disabled")
    integration, secret = factories.webhook_integration()
    db.session.commit()
    raw, headers = signed(integration.name, secret, _credit(account.account_number))
    assert client.post(URL, data=raw, headers=headers).status_code == 202


def test_bad_signatures_stale_timestamps_and_unknown_integrations_are_refused_and_write_nothing(client, db):
    _, account, integration, secret = _setup(db)
    body = _credit(account.account_number)
    cases = {
        "X-Cho40-Signature": signed(integration.name, secret, body, secret_for_signature="wrong-secret"),
        "X-Cho40-Timestamp": signed(integration.name, secret, body, stamp=int(time.time()) - 301),
        "X-Cho40-Integration": signed("no-such-bank", secret, body),
    }
    for header, (raw, headers) in cases.items():
        response = client.post(URL, data=raw, headers=headers)
        assert response.status_code == 401, header
        assert header in response.json["error"]["fields"], header
    raw, headers = signed(integration.name, secret, body)
    tampered = raw.replace(b"150000", b"950000")
    assert client.post(URL, data=tampered, headers=headers).status_code == 401
    assert db.session.query(Transaction).count() == 0 and db.session.query(UnmatchedCredit).count() == 0


def test_a_correctly_signed_but_invalid_credit_names_the_fields(client, db):
    _, account, integration, secret = _setup(db)
    raw, headers = signed(integration.name, secret, _credit(account.account_number, amount=-5,
                                                            occurred_at="hôm qua"))
    response = client.post(URL, data=raw, headers=headers)
    assert response.status_code == 422
    assert {"amount", "occurred_at"} <= set(response.json["error"]["fields"])
    assert db.session.query(Transaction).count() == 0


def test_the_cli_creates_an_integration_and_prints_its_secret_once(runner, db):
    result = runner.invoke(args=["create-webhook-integration", "mb-notify"])
    assert result.exit_code == 0
    secret = result.output.strip()
    assert len(secret) == 64
    db.session.expire_all()
    assert db.session.query(WebhookIntegration).filter_by(name="mb-notify").one().secret == secret
    again = runner.invoke(args=["create-webhook-integration", "mb-notify"])
    assert again.exit_code != 0


def test_a_reference_reused_for_another_account_is_the_same_credit_not_a_second_one(client, db):
    merchant, account, integration, secret = _setup(db)
    other = factories.account(factories.merchant())
    db.session.commit()
    raw, headers = signed(integration.name, secret, _credit(account.account_number))
    first = client.post(URL, data=raw, headers=headers)
    raw, headers = signed(integration.name, secret, _credit(other.account_number, amount=9_000_000))
    reused = client.post(URL, data=raw, headers=headers)
    assert first.status_code == 201
    assert reused.status_code == 200 and reused.json["duplicate"] is True
    assert reused.json["transaction_id"] == first.json["transaction_id"]
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 1


def test_hostile_webhook_bodies_get_a_4xx_not_a_500(client, db):
    _, account, integration, secret = _setup(db)
    deep = ("[" * 10_000 + "]" * 10_000).encode()
    digits = json.dumps(_credit(account.account_number)).replace("150000", "9" * 5000).encode()
    surrogate = json.dumps(_credit(account.account_number, content="\ud800")).encode()
    for raw in (deep, digits, surrogate):
        stamp = str(int(time.time()))
        digest = hmac.new(secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
        for content_type in ("application/json", "text/plain"):
            response = client.post(URL, data=raw, headers={
                "X-Cho40-Integration": integration.name, "X-Cho40-Timestamp": stamp,
                "X-Cho40-Signature": f"sha256={digest}", "Content-Type": content_type})
            assert 400 <= response.status_code < 500 and "error" in response.json, (raw[:40], content_type)
    assert db.session.query(Transaction).count() == 0
