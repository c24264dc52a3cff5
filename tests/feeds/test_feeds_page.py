"""The officers' feeds page: health with the silent flag, set-up with the secret shown once, log and replay."""
import json
from datetime import timedelta

from market.core.dbtypes import utcnow
from market.feeds.models import BankFeed
from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction
from tests import factories
from tests.feeds.samples import local_now, sample, url


def _officer(client, db, role="commune"):
    user = factories.user(role)
    db.session.commit()
    factories.login_as(client, user)
    return user


def test_an_admin_creates_a_feed_on_the_page_and_sees_its_key_once(client, db):
    _officer(client, db, "admin")
    page = client.post("/nguon-tien-vao/", data={"name": "sepay-cho", "provider": "sepay", "silence_hours": "24"})
    assert page.status_code == 201 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    feed = db.session.query(BankFeed).one()
    assert feed.integration.secret in html and "/api/v1/feeds/sepay-cho" in html
    assert feed.integration.secret not in client.get("/nguon-tien-vao/").get_data(as_text=True)


def test_a_bad_new_feed_keeps_the_input_and_names_the_field(client, db):
    _officer(client, db, "admin")
    page = client.post("/nguon-tien-vao/", data={"name": "có dấu", "provider": "payos"})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'value="có dấu"' in html and "field-error" in html


def test_officers_see_a_silent_feed_flagged_and_replay_a_queued_delivery(client, db):
    feed, key = create_feed_from_cli("sepay-xa", "sepay", factories.COMMUNE, None)
    quiet, _ = create_feed_from_cli("casso-xa", "casso", factories.COMMUNE, "casso-key-123456")
    quiet.created_at = utcnow() - timedelta(days=2)
    db.session.commit()
    body = sample("sepay") | {"accountNumber": "0999777555", "transactionDate": local_now()}
    client.post(url("sepay-xa"), data=json.dumps(body), content_type="application/json",
                headers={"Authorization": f"Apikey {key}"})
    _officer(client, db)
    html = client.get("/nguon-tien-vao/").get_data(as_text=True)
    assert "Im lặng quá 24 giờ" in html and "Chờ xem xét" in html and "Thêm nguồn" not in html
    factories.account(factories.merchant(), account_number="0999777555")
    db.session.commit()
    line_id = int(html.split('/nhat-ky/')[1].split('/')[0])
    done = client.post(f"/nguon-tien-vao/nhat-ky/{line_id}/phat-lai")
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 1


def test_the_reconciliation_page_answers_for_an_account(client, db):
    account = factories.account(factories.merchant())
    _officer(client, db)
    day = local_now()[:10]
    page = client.get("/nguon-tien-vao/doi-soat", query_string={"account_id": account.id, "from": day, "to": day})
    assert page.status_code == 200 and "khoản khớp" in page.get_data(as_text=True)


def test_merchants_cannot_open_the_feeds_page(client, db):
    _officer(client, db, "merchant")
    assert client.get("/nguon-tien-vao/").status_code == 403
