"""A read-only helper ("xem tiền về"): the merchant names one, the helper's phone watches, the merchant revokes."""
import re

import pytest

from market.auth.viewers import MoneyViewer
from tests import factories
from tests.transactions.live.helpers import SETTINGS, credit, frames, sign_in, stall

URL = "/api/v1/merchants/{}/credits/stream"


@pytest.fixture
def live_app(make_app):
    return make_app(**SETTINGS)


def _new_helper(client, name="Con gái Lan"):
    page = client.post("/tien-ve/nguoi-xem", data={"name": name})
    assert page.status_code == 201
    return re.search(r'href="(https?://[^"]+/tien-ve/xem/[^"]+)"', page.get_data(as_text=True)).group(1)


def test_a_helper_watches_the_money_screen_but_can_change_nothing(live_app, db):
    shop = stall(db)
    owner = live_app.test_client()
    sign_in(owner, shop)
    link = _new_helper(owner).split("/tien-ve/", 1)[1]
    helper = live_app.test_client()
    assert "Bắt đầu xem tiền về" in helper.get(f"/tien-ve/{link}").get_data(as_text=True)
    assert helper.post(f"/tien-ve/{link}").headers["Location"].endswith("/tien-ve/")
    assert helper.get("/tien-ve/").status_code == 200
    paid = credit(owner, shop, 75_000)
    body = helper.get(URL.format(shop["merchant_id"]), headers={"Last-Event-ID": str(paid - 1)}).get_data(as_text=True)
    assert [frame["data"]["amount"] for frame in frames(body) if "event" not in frame] == [75_000]
    assert helper.post("/api/v1/transactions", json={"merchant_id": shop["merchant_id"], "amount": 1000,
                                                      "method": "cash"}).status_code == 403
    assert helper.get("/tien-ve/nguoi-xem").status_code == 403
    assert helper.post(f"/tien-ve/{link}").status_code == 404  # the link works once


def test_a_revoked_helper_is_shut_out_at_the_next_request(live_app, db):
    shop = stall(db)
    owner = live_app.test_client()
    sign_in(owner, shop)
    link = _new_helper(owner).split("/tien-ve/", 1)[1]
    helper = live_app.test_client()
    helper.post(f"/tien-ve/{link}")
    viewer_id = db.session.query(MoneyViewer.id).scalar()
    db.session.rollback()
    page = owner.post(f"/tien-ve/nguoi-xem/{viewer_id}/thu-hoi", follow_redirects=True)
    assert "Đã thu hồi quyền xem tiền về của Con gái Lan" in page.get_data(as_text=True)
    assert helper.get(URL.format(shop["merchant_id"])).status_code == 401
    assert helper.get("/tien-ve/").status_code == 302


def test_a_merchant_cannot_revoke_another_merchants_helper_and_an_empty_name_is_refused(live_app, db):
    shop = stall(db)
    owner = live_app.test_client()
    sign_in(owner, shop)
    _new_helper(owner)
    viewer_id = db.session.query(MoneyViewer.id).scalar()
    other = factories.user("merchant").username
    db.session.commit()
    intruder = live_app.test_client()
    sign_in(intruder, {"username": other})
    assert intruder.post(f"/tien-ve/nguoi-xem/{viewer_id}/thu-hoi").status_code == 404
    refused = owner.post("/tien-ve/nguoi-xem", data={"name": ""})
    assert refused.status_code == 422 and "field-error" in refused.get_data(as_text=True)
