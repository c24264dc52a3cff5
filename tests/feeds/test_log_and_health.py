"""The delivery log, replaying a queued delivery, feed health and statement reconciliation."""
import json
from datetime import timedelta

from market.core.clock import today
from market.core.dbtypes import utcnow
from market.feeds.models import FeedDelivery
from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction, UnmatchedCredit
from tests import factories
from tests.feeds.samples import local_now, sample, url


def _deliver(client, key, account_number, provider_id, reference, content="rau"):
    body = sample("sepay") | {"id": provider_id, "accountNumber": account_number, "referenceCode": reference,
                              "content": content, "transactionDate": local_now()}
    return client.post(url("sepay-xa"), data=json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Apikey {key}"})


def _feed(db):
    feed, key = create_feed_from_cli("sepay-xa", "sepay", factories.COMMUNE, None)
    db.session.commit()
    return feed, key


def test_officers_filter_the_log_of_their_communes_feeds(client, db, auth):
    account = factories.account(factories.merchant())
    _, key = _feed(db)
    _deliver(client, key, account.account_number, 1, "FT1")
    _deliver(client, key, account.account_number, 1, "FT1")
    _deliver(client, key, "0999888777", 2, "FT2")
    officer = auth("commune", commune_code=factories.COMMUNE)
    everything = client.get("/api/v1/feeds/deliveries", headers=officer)
    assert [line["outcome"] for line in everything.json] == ["queued", "duplicate", "recorded"]
    queued = client.get("/api/v1/feeds/deliveries", query_string={"outcome": "queued"}, headers=officer)
    assert [line["reference"] for line in queued.json] == ["FT2"]
    elsewhere = auth("commune", commune_code="00004")
    assert client.get("/api/v1/feeds/deliveries", headers=elsewhere).json == []
    assert client.get("/api/v1/feeds/deliveries", headers=auth("merchant", merchant=factories.merchant())
                      ).status_code == 403


def test_a_queued_delivery_is_recorded_once_when_replayed_after_the_register_is_fixed(client, db, auth):
    _, key = _feed(db)
    _deliver(client, key, "0999888777", 7, "FT7")
    queued_line = db.session.query(FeedDelivery).one()
    officer = auth("commune", commune_code=factories.COMMUNE)
    still = client.post(f"/api/v1/feeds/deliveries/{queued_line.id}/replay", headers=officer)
    assert still.status_code == 409
    merchant = factories.merchant()
    factories.account(merchant, account_number="0999888777")
    db.session.commit()
    replayed = client.post(f"/api/v1/feeds/deliveries/{queued_line.id}/replay", headers=officer)
    assert replayed.status_code == 200 and replayed.json["outcome"] == "recorded"
    again = client.post(f"/api/v1/feeds/deliveries/{queued_line.id}/replay", headers=officer)
    assert again.status_code == 409
    retry = _deliver(client, key, "0999888777", 7, "FT7")
    assert retry.status_code == 200
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.amount) == (merchant.id, 2_277_000)
    assert db.session.query(UnmatchedCredit).one().status == "assigned"


def test_health_shows_deliveries_refusals_and_flags_a_silent_feed(client, db, auth):
    account = factories.account(factories.merchant())
    feed, key = _feed(db)
    quiet, _ = create_feed_from_cli("casso-im-lang", "casso", factories.COMMUNE, "casso-key-123456")
    quiet.created_at = utcnow() - timedelta(hours=30)
    db.session.commit()
    _deliver(client, key, account.account_number, 1, "FT1")
    client.post(url("sepay-xa"), json={}, headers={"Authorization": "Apikey wrong"})
    rows = {row["feed"]["name"]: row for row in client.get("/api/v1/feeds", headers=auth("admin")).json}
    assert (rows["sepay-xa"]["deliveries_24h"], rows["sepay-xa"]["refusals_24h"]) == (2, 1)
    assert rows["sepay-xa"]["last_credit"] is not None and rows["sepay-xa"]["silent"] is False
    assert rows["casso-im-lang"]["silent"] is True and rows["casso-im-lang"]["last_delivery"] is None


def test_reconciliation_lists_what_the_statement_and_the_feeds_each_lack(client, db, auth):
    merchant = factories.merchant()
    account = factories.account(merchant)
    _, key = _feed(db)
    _deliver(client, key, account.account_number, 1, "FT-BOTH")
    _deliver(client, key, account.account_number, 2, "FT-FEED-ONLY")
    for reference in ("FT-BOTH", "FT-STATEMENT-ONLY"):
        factories.transaction(merchant, 2_277_000, "bank_transfer", source="import", account_id=account.id,
                              reference=reference)
    db.session.commit()
    day = today().isoformat()
    answer = client.get("/api/v1/feeds/reconciliation", headers=auth("commune", commune_code=factories.COMMUNE),
                        query_string={"account_id": account.id, "from": day, "to": day})
    assert answer.status_code == 200, answer.json
    assert answer.json["matched"] == 1
    assert [line["reference"] for line in answer.json["only_in_statement"]] == ["FT-STATEMENT-ONLY"]
    assert [line["reference"] for line in answer.json["only_in_feeds"]] == ["FT-FEED-ONLY"]
