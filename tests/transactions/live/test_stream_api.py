"""GET /api/v1/merchants/{id}/credits/stream: who may listen, the catch-up, and live delivery."""
import threading

import pytest

from merchants.models import Merchant
from tests import factories
from tests.transactions.live.helpers import SETTINGS, credit, frames, sign_in, stall

URL = "/api/v1/merchants/{}/credits/stream"


@pytest.fixture
def live_app(make_app):
    return make_app(**SETTINGS)


def test_an_anonymous_caller_gets_401_and_another_merchant_403(live_app, db):
    shop = stall(db)
    other = factories.user("merchant").username
    db.session.commit()
    client = live_app.test_client()
    assert client.get(URL.format(shop["merchant_id"])).status_code == 401
    sign_in(client, {"username": other})
    assert client.get(URL.format(shop["merchant_id"])).status_code == 403


def test_a_village_head_cannot_watch_a_merchants_money(live_app, db):
    shop = stall(db)
    headers = factories.auth_headers("village_head", village=factories.merchant().village)
    response = live_app.test_client().get(URL.format(shop["merchant_id"]), headers=headers)
    assert response.status_code == 403


def test_a_bad_last_event_id_is_a_422_naming_the_header(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    sign_in(client, shop)
    response = client.get(URL.format(shop["merchant_id"]), headers={"Last-Event-ID": "abc"})
    assert response.status_code == 422
    assert "Last-Event-ID" in str(response.get_json()["error"]["fields"])


def test_a_new_screen_gets_todays_total_and_announces_nothing_old(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    credit(client, shop, 50_000)
    credit(client, shop, 25_000)
    sign_in(client, shop)
    response = client.get(URL.format(shop["merchant_id"]))
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    sent = frames(response.get_data(as_text=True))
    assert [frame.get("event") for frame in sent] == ["today", "ready"]
    assert sent[0]["data"]["total"] == 75_000 and sent[0]["data"]["count"] == 2


def test_a_reconnecting_screen_replays_what_it_missed_in_order(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    seen = credit(client, shop, 10_000)
    credit(client, shop, 21_000)
    credit(client, shop, 105_000)
    credit(client, shop, 1_500_000)
    sign_in(client, shop)
    sent = frames(client.get(URL.format(shop["merchant_id"]), headers={"Last-Event-ID": str(seen)})
                  .get_data(as_text=True))
    replayed = [frame["data"] for frame in sent if frame.get("event") is None]
    assert [item["say"] for item in replayed] == [
        "Đã nhận hai mươi mốt nghìn đồng", "Đã nhận một trăm linh năm nghìn đồng",
        "Đã nhận một triệu năm trăm nghìn đồng"]
    assert sent[-1]["event"] == "ready" and sent[-1]["data"]["say"] == "Có ba khoản tiền vào khi mất mạng"


def test_a_credit_recorded_while_the_screen_is_open_arrives_live(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    sign_in(client, shop)
    response = client.get(URL.format(shop["merchant_id"]), buffered=False)
    chunks = (chunk.decode() for chunk in response.response)
    opening = "".join(next(chunks) for _ in range(3))  # retry, today, ready
    assert "event: ready" in opening
    poster = threading.Thread(target=credit, args=(live_app.test_client(), shop, 50_000))
    poster.start()
    poster.join()
    rest = "".join(chunks)
    live = [frame["data"] for frame in frames(rest)]
    assert [item["say"] for item in live] == ["Đã nhận năm mươi nghìn đồng"]
    assert live[0]["today_total"] == 50_000


def test_a_sale_the_merchant_types_is_not_announced(live_app, db):
    shop = stall(db)
    merchant = db.session.get(Merchant, shop["merchant_id"])
    factories.transaction(merchant, 30_000, method="cash", source="self_report")
    db.session.commit()
    client = live_app.test_client()
    sign_in(client, shop)
    sent = frames(client.get(URL.format(shop["merchant_id"]), headers={"Last-Event-ID": "0"}).get_data(as_text=True))
    assert sent[-1]["data"]["replayed"] == 0
