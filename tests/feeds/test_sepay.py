"""SePay deliveries (API Key authentication) through POST /api/v1/feeds/<name>."""
import json
from datetime import datetime, timezone

from market.feeds.models import FeedDelivery
from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction, UnmatchedCredit
from tests import factories
from tests.feeds.samples import local_now, sample, url


def _feed(db, name="sepay-lacdao", commune_code=None):
    feed, key = create_feed_from_cli(name, "sepay", commune_code, None)
    db.session.commit()
    return feed, key


def _post(client, name, key, body):
    return client.post(url(name), data=json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Apikey {key}"})


def _documented_delivery(account_number, **fields):
    body = sample("sepay")
    body.update({"accountNumber": account_number, "transactionDate": local_now()}, **fields)
    return body


def test_the_documented_sepay_delivery_is_recorded_once_for_the_merchant_however_often_it_is_retried(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    _, key = _feed(db)
    body = _documented_delivery(account.account_number)
    answers = [_post(client, "sepay-lacdao", key, body) for _ in range(8)]  # the first and SePay's 7 retries
    assert answers[0].status_code == 201 and answers[0].json == {"success": True}
    assert all(answer.status_code == 200 and answer.json == {"success": True} for answer in answers[1:])
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.account_id, row.amount) == (merchant.id, account.id, 2_277_000)
    assert (row.source, row.method, row.reference) == ("webhook", "bank_transfer", "MBVCB.3278907687")
    outcomes = [line.outcome for line in db.session.query(FeedDelivery).order_by(FeedDelivery.id)]
    assert outcomes == ["recorded"] + ["duplicate"] * 7


def test_a_naive_sepay_time_is_read_as_viet_nam_time(client, db):
    account = factories.account(factories.merchant())
    _, key = _feed(db)
    body = _documented_delivery(account.account_number, transactionDate="2026-12-01 07:30:00")
    assert _post(client, "sepay-lacdao", key, body).status_code == 201
    db.session.expire_all()
    occurred = db.session.query(Transaction).one().occurred_at
    assert occurred == datetime(2026, 12, 1, 0, 30, tzinfo=timezone.utc)


def test_an_outgoing_transfer_is_acknowledged_and_ignored(client, db):
    account = factories.account(factories.merchant())
    _, key = _feed(db)
    answer = _post(client, "sepay-lacdao", key, _documented_delivery(account.account_number, transferType="out"))
    assert answer.status_code == 200 and answer.json == {"success": True}
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0
    assert db.session.query(FeedDelivery).one().outcome == "ignored"


def test_a_wrong_api_key_is_refused_and_logged_without_the_body(client, db):
    account = factories.account(factories.merchant())
    _feed(db)
    answer = _post(client, "sepay-lacdao", "not-the-key", _documented_delivery(account.account_number))
    assert answer.status_code == 401
    assert "Authorization" in answer.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0
    line = db.session.query(FeedDelivery).one()
    assert (line.outcome, line.status_code, line.raw, line.amount) == ("refused", 401, None, None)


def test_a_credit_to_an_unknown_account_is_queued_within_the_feeds_commune(client, db):
    feed, key = _feed(db, commune_code=factories.COMMUNE)
    answer = _post(client, "sepay-lacdao", key, _documented_delivery("0123499999"))
    assert answer.status_code == 200 and answer.json == {"success": True}
    db.session.expire_all()
    queued = db.session.query(UnmatchedCredit).one()
    assert (queued.integration_id, queued.account_number, queued.amount) == (feed.integration_id, "0123499999",
                                                                               2_277_000)
    assert queued.raw["gateway"] == "Vietcombank"
    assert db.session.query(FeedDelivery).one().outcome == "queued"


def test_bad_amounts_and_future_times_are_422_and_logged(client, db):
    account = factories.account(factories.merchant())
    _, key = _feed(db)
    for fields, field in (({"transferAmount": 0}, "transferAmount"), ({"transferAmount": 1000.5}, "transferAmount"),
                          ({"transactionDate": local_now(minutes=30)}, "transactionDate")):
        answer = _post(client, "sepay-lacdao", key, _documented_delivery(account.account_number, **fields))
        assert answer.status_code == 422 and field in answer.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0
    assert [line.outcome for line in db.session.query(FeedDelivery)] == ["invalid"] * 3


def test_a_body_sepay_would_never_send_is_400_naming_the_field(client, db):
    _, key = _feed(db)
    body = _documented_delivery("0123499999")
    del body["accountNumber"]
    answer = _post(client, "sepay-lacdao", key, body)
    assert answer.status_code == 400 and "accountNumber" in answer.json["error"]["fields"]
    broken = client.post(url("sepay-lacdao"), data=b"{not json", content_type="application/json",
                         headers={"Authorization": f"Apikey {key}"})
    assert broken.status_code == 400 and "body" in broken.json["error"]["fields"]


def test_a_megabyte_body_is_413(client, db):
    _, key = _feed(db)
    big = json.dumps({"content": "x" * (1024 * 1024)})
    answer = client.post(url("sepay-lacdao"), data=big, content_type="application/json",
                         headers={"Authorization": f"Apikey {key}"})
    assert answer.status_code == 413
