from market.transactions.models import Transaction
from tests import factories


def test_a_reversal_adds_a_negative_entry_and_leaves_the_original_untouched(client, auth, db):
    merchant = factories.merchant()
    original = factories.transaction(merchant, 80_000, "ewallet", reference="REF-9")
    headers = auth("merchant", merchant=merchant)
    response = client.post(f"/api/v1/transactions/{original.id}/reverse", json={"reason": "Nhập nhầm số"},
                           headers=headers)
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["amount"], body["reverses_id"], body["method"]) == (-80_000, original.id, "ewallet")
    assert body["local_day"] == original.local_day.isoformat() and body["reason"] == "Nhập nhầm số"
    db.session.expire_all()
    kept = db.session.get(Transaction, original.id)
    assert (kept.amount, kept.reference, kept.reverses_id) == (80_000, "REF-9", None)
    assert db.session.query(Transaction).count() == 2


def test_a_transaction_is_reversed_only_once(client, auth, db):
    original = factories.transaction(factories.merchant())
    headers = auth("admin")
    url = f"/api/v1/transactions/{original.id}/reverse"
    assert client.post(url, json={"reason": "Khách trả hàng"}, headers=headers).status_code == 201
    second = client.post(url, json={"reason": "Khách trả hàng"}, headers=headers)
    assert second.status_code == 409
    assert db.session.query(Transaction).count() == 2


def test_a_reversal_cannot_itself_be_reversed(client, auth, db):
    original = factories.transaction(factories.merchant())
    headers = auth("admin")
    reversal = client.post(f"/api/v1/transactions/{original.id}/reverse", json={"reason": "Sai"},
                           headers=headers).json
    again = client.post(f"/api/v1/transactions/{reversal['id']}/reverse", json={"reason": "Sai nữa"},
                        headers=headers)
    assert again.status_code == 409


def test_another_merchant_cannot_reverse_my_sale(client, auth, db):
    original = factories.transaction(factories.merchant())
    response = client.post(f"/api/v1/transactions/{original.id}/reverse", json={"reason": "Phá"},
                           headers=auth("merchant", merchant=factories.merchant()))
    assert response.status_code == 404  # the same answer as for an id that does not exist
    assert db.session.query(Transaction).count() == 1


def test_a_reason_is_required(client, auth, db):
    original = factories.transaction(factories.merchant())
    response = client.post(f"/api/v1/transactions/{original.id}/reverse", json={}, headers=auth("admin"))
    assert response.status_code == 422 and "reason" in response.json["error"]["fields"]
