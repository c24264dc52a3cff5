from datetime import datetime, timedelta, timezone

from market.transactions.models import Transaction
from tests import factories

URL = "/api/v1/transactions"


def _sale(merchant, **fields):
    body = {"merchant_id": merchant.id, "amount": 50_000, "method": "vietqr"}
    body.update(fields)
    return body


def test_a_merchant_reports_a_sale_stored_in_utc_with_its_vietnamese_day(client, auth, db):
    merchant = factories.merchant()
    headers = auth("merchant", merchant=merchant)
    # 00:30 in Hà Nội is 17:30 UTC of the day before: the local day must be the Vietnamese one.
    now = datetime.now(timezone.utc)
    late = now.astimezone(timezone(timedelta(hours=7))).replace(hour=0, minute=30) - timedelta(days=1)
    response = client.post(URL, json=_sale(merchant, occurred_at=late.isoformat()), headers=headers)
    assert response.status_code == 201, response.json
    assert response.json["local_day"] == late.date().isoformat()
    db.session.expire_all()
    row = db.session.get(Transaction, response.json["id"])
    assert row.occurred_at == late and row.occurred_at.utcoffset() == timedelta(0)
    assert row.local_day == late.date() and row.source == "self_report"


def test_occurred_at_defaults_to_now(client, auth, db):
    merchant = factories.merchant()
    before = datetime.now(timezone.utc)
    response = client.post(URL, json=_sale(merchant), headers=auth("merchant", merchant=merchant))
    assert response.status_code == 201
    assert datetime.fromisoformat(response.json["occurred_at"]) >= before.replace(microsecond=0)


def test_a_merchant_cannot_report_for_another_merchant(client, auth, db):
    mine, other = factories.merchant(), factories.merchant()
    response = client.post(URL, json=_sale(other), headers=auth("merchant", merchant=mine))
    assert response.status_code == 403
    assert db.session.query(Transaction).count() == 0


def test_a_village_head_reports_for_a_merchant_of_their_village_only(client, auth, db):
    village = factories.village()
    inside, outside = factories.merchant(village), factories.merchant()
    headers = auth("village_head", village=village)
    assert client.post(URL, json=_sale(inside), headers=headers).status_code == 201
    assert client.post(URL, json=_sale(outside), headers=headers).status_code == 403


def test_a_suspended_merchant_cannot_report_sales(client, auth, db):
    merchant = factories.merchant(status="suspended")
    response = client.post(URL, json=_sale(merchant), headers=auth("admin"))
    assert response.status_code == 422
    assert "merchant_id" in response.json["error"]["fields"]


def test_the_public_cannot_report_a_sale(client, db):
    merchant = factories.merchant()
    db.session.commit()
    assert client.post(URL, json=_sale(merchant)).status_code == 401


def test_a_cashless_sale_of_500_million_is_refused_but_cash_is_allowed(client, auth, db):
    merchant = factories.merchant()
    headers = auth("admin")
    refused = client.post(URL, json=_sale(merchant, amount=500_000_000, method="bank_transfer"), headers=headers)
    assert refused.status_code == 422 and "amount" in refused.json["error"]["fields"]
    ok = client.post(URL, json=_sale(merchant, amount=500_000_000, method="cash"), headers=headers)
    assert ok.status_code == 201
    assert client.post(URL, json=_sale(merchant, amount=499_999_999), headers=headers).status_code == 201


def test_the_same_reference_twice_for_one_merchant_is_a_conflict(client, auth, db):
    merchant = factories.merchant()
    headers = auth("admin")
    assert client.post(URL, json=_sale(merchant, reference="HD-1"), headers=headers).status_code == 201
    second = client.post(URL, json=_sale(merchant, reference="HD-1", amount=9_000), headers=headers)
    assert second.status_code == 409 and "reference" in second.json["error"]["fields"]
    assert db.session.query(Transaction).count() == 1


def test_one_transaction_is_readable_by_its_merchant_and_hidden_from_others(client, auth, db):
    mine, other = factories.merchant(), factories.merchant()
    row = factories.transaction(mine)
    assert client.get(f"{URL}/{row.id}", headers=auth("merchant", merchant=mine)).json["id"] == row.id
    assert client.get(f"{URL}/999999", headers=auth("admin")).status_code == 404
    # Nobody outside learns which ids exist: another merchant and the public get what an unknown id gets.
    stranger = auth("merchant", merchant=other)
    real, unknown = client.get(f"{URL}/{row.id}", headers=stranger), client.get(f"{URL}/999999", headers=stranger)
    assert real.status_code == unknown.status_code == 404
    assert real.json["error"]["code"] == unknown.json["error"]["code"] == "not_found"
    assert client.get(f"{URL}/{row.id}").status_code == client.get(f"{URL}/999999").status_code == 401
