"""payOS, Casso v2, VietQR.vn and our own format, each from its documented sample and signature scheme."""
import base64
import hashlib
import hmac
import json
import time

from market.feeds.models import FeedDelivery
from market.feeds.providers import casso
from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction
from tests import factories
from tests.feeds.samples import local_now, sample, url

PAYOS_TEST_KEY = "payos-test-checksum-key-0001"


def _payos_signature(key, data):
    """payOS's documented signing: data fields sorted by key as key=value&…, HMAC-SHA256 (written out here)."""
    message = "&".join(f"{k}={'' if data[k] is None else data[k]}" for k in sorted(data))
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def _payos_body(account_number):
    body = sample("payos")
    body["data"].update(accountNumber=account_number, transactionDateTime=local_now())
    body["signature"] = _payos_signature(PAYOS_TEST_KEY, body["data"])
    return body


def test_the_documented_payos_delivery_is_recorded_once(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    create_feed_from_cli("payos-cho", "payos", None, PAYOS_TEST_KEY)
    db.session.commit()
    body = _payos_body(account.account_number)
    first = client.post(url("payos-cho"), json=body)
    again = client.post(url("payos-cho"), json=body)
    assert (first.status_code, first.json, again.status_code) == (200, {"success": True}, 200)
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.amount, row.reference) == (merchant.id, 3000, "TF230204212323")


def test_a_payos_body_changed_after_signing_is_refused(client, db):
    account = factories.account(factories.merchant())
    create_feed_from_cli("payos-cho", "payos", None, PAYOS_TEST_KEY)
    db.session.commit()
    body = _payos_body(account.account_number)
    body["data"]["amount"] = 3_000_000
    assert client.post(url("payos-cho"), json=body).status_code == 401
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0


def test_cassos_published_signature_vector_verifies_with_its_published_key():
    vector = sample("casso")
    casso.authenticate(vector["checksum_key"], vector["headers"], json.dumps(vector["body"]).encode())


def test_the_documented_casso_delivery_is_recorded_for_the_account(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant, bin="970432")  # VPBank, as the sample's bankAbbreviation says
    vector = sample("casso")
    create_feed_from_cli("casso-cho", "casso", None, vector["checksum_key"])
    db.session.commit()
    body = vector["body"]
    body["data"].update(accountNumber=account.account_number, transactionDateTime=local_now())
    stamp = str(int(time.time() * 1000))
    sorted_body = json.dumps(json.loads(json.dumps(body, sort_keys=True)), separators=(",", ":"))
    digest = hmac.new(vector["checksum_key"].encode(), f"{stamp}.{sorted_body}".encode(), hashlib.sha512).hexdigest()
    answer = client.post(url("casso-cho"), json=body, headers={"X-Casso-Signature": f"t={stamp},v1={digest}"})
    assert answer.status_code == 201, answer.json
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.account_id, row.amount) == (merchant.id, account.id, 599_000)


def _vietqr_token(client, name, secret):
    login = base64.b64encode(f"{name}:{secret}".encode()).decode()
    return client.post(f"{url(name)}/api/token_generate", headers={"Authorization": f"Basic {login}"})


def test_vietqr_vn_gets_a_token_with_basic_login_then_syncs_a_transaction(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    _, secret = create_feed_from_cli("vietqr-cho", "vietqr_vn", None, None)
    db.session.commit()
    token = _vietqr_token(client, "vietqr-cho", secret)
    assert token.status_code == 200 and set(token.json) == set(sample("vietqr_vn")["token_response"])
    assert token.headers["Cache-Control"] == "no-store"
    body = {"bankaccount": account.account_number, "amount": 45_000, "transType": "C", "content": "mua rau",
            "transactionid": "vqr-1", "transactiontime": int(time.time() * 1000), "referencenumber": "FT123",
            "orderId": "", "terminalCode": "", "subTerminalCode": "", "serviceCode": "", "urlLink": "", "sign": ""}
    headers = {"Authorization": f"Bearer {token.json['access_token']}"}
    answer = client.post(f"{url('vietqr-cho')}/bank/api/transaction-sync", json=body, headers=headers)
    assert answer.status_code == 200
    assert set(answer.json) == set(sample("vietqr_vn")["success_response"]) and answer.json["error"] is False
    db.session.expire_all()
    assert db.session.query(Transaction).one().merchant_id == merchant.id


def test_vietqr_vn_refusals_use_its_error_shape(client, db):
    _, secret = create_feed_from_cli("vietqr-cho", "vietqr_vn", None, None)
    db.session.commit()
    assert _vietqr_token(client, "vietqr-cho", "wrong-password").status_code == 401
    answer = client.post(f"{url('vietqr-cho')}/bank/api/transaction-sync", json={},
                         headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401
    assert answer.json["error"] is True and answer.json["object"] is None
    db.session.expire_all()
    assert [line.outcome for line in db.session.query(FeedDelivery)] == ["refused", "refused"]


def test_our_own_signed_format_works_as_a_feed(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    _, secret = create_feed_from_cli("cho40-vcb", "cho40", None, None)
    db.session.commit()
    raw = json.dumps({"account_number": account.account_number, "amount": 20_000, "content": "tra tien",
                      "reference": "FT9", "occurred_at": "2026-12-01T08:00:00+07:00"}).encode()
    stamp = str(int(time.time()))
    signature = "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    answer = client.post(url("cho40-vcb"), data=raw, content_type="application/json",
                         headers={"X-Cho40-Timestamp": stamp, "X-Cho40-Signature": signature})
    assert answer.status_code == 201 and answer.json["status"] == "recorded"
