from datetime import timedelta

from market.core.audit import AuditEvent
from market.core.clock import today
from market.transactions.models import DailyTally
from tests import factories

URL = "/api/v1/tallies"


def _tally(merchant, **fields):
    body = {"merchant_id": merchant.id, "day": today().isoformat(), "cash_count": 12, "cash_value": 340_000,
            "cashless_count": 5, "cashless_value": 210_000}
    body.update(fields)
    return body


def test_a_second_tally_for_the_same_day_replaces_the_first_with_an_audit_record(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    first = client.post(URL, json=_tally(merchant), headers=headers)
    second = client.post(URL, json=_tally(merchant, cash_count=13, cash_value=360_000), headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json["id"] == first.json["id"]
    db.session.expire_all()
    tally = db.session.query(DailyTally).one()
    assert (tally.cash_count, tally.cash_value) == (13, 360_000)
    event = db.session.query(AuditEvent).filter_by(action="tally.replace").one()
    assert event.before["cash_count"] == 12 and event.after["cash_count"] == 13


def test_tallies_of_different_days_are_kept_apart(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    client.post(URL, json=_tally(merchant), headers=headers)
    yesterday = (today() - timedelta(days=1)).isoformat()
    assert client.post(URL, json=_tally(merchant, day=yesterday), headers=headers).status_code == 201
    assert db.session.query(DailyTally).count() == 2


def test_inconsistent_or_future_tallies_are_refused_naming_the_field(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    cases = {
        "cash_value": _tally(merchant, cash_count=0, cash_value=5_000),
        "cashless_value": _tally(merchant, cashless_count=3, cashless_value=0),
        "day": _tally(merchant, day=(today() + timedelta(days=1)).isoformat()),
        "cash_count": _tally(merchant, cash_count=-1),
    }
    for field, body in cases.items():
        response = client.post(URL, json=body, headers=headers)
        assert response.status_code == 422, field
        assert field in response.json["error"]["fields"], field
    assert db.session.query(DailyTally).count() == 0


def test_a_merchant_cannot_tally_for_another(client, auth, db):
    response = client.post(URL, json=_tally(factories.merchant()),
                           headers=auth("merchant", merchant=factories.merchant()))
    assert response.status_code == 403


def test_the_tally_page_saves_a_days_totals(client, db):
    merchant = factories.merchant()
    factories.login_as(client, factories.user("merchant", merchant=merchant))
    response = client.post("/ban-hang/tong-ngay", data={
        "day": today().isoformat(), "cash_count": "4", "cash_value": "120.000",
        "cashless_count": "", "cashless_value": ""})
    assert response.status_code == 303  # post/redirect/get: reloading the page does not post again
    response = client.get(response.headers["Location"])
    assert response.status_code == 200 and "Đã lưu tổng ngày" in response.text
    db.session.expire_all()
    tally = db.session.query(DailyTally).one()
    assert (tally.cash_count, tally.cash_value, tally.cashless_count) == (4, 120_000, 0)
    refused = client.post("/ban-hang/tong-ngay", data={"day": today().isoformat(), "cash_count": "0",
                                                       "cash_value": "5000"})
    assert refused.status_code == 422
