from market.core.audit import AuditEvent
from merchants.models import Card, PaymentAccount
from tests import factories

BODY = {"bin": "970436", "account_number": "0011001234567", "holder_name": "Lê Thị Lan"}


def _url(merchant, *rest):
    return "/".join([f"/api/v1/merchants/{merchant.id}/accounts", *map(str, rest)])


def test_a_merchant_adds_an_account_that_waits_for_confirmation(client, auth, db):
    merchant = factories.merchant()
    response = client.post(_url(merchant), json=BODY, headers=auth("merchant", merchant=merchant))
    assert response.status_code == 201, response.json
    assert response.json["status"] == "pending"
    assert response.json["holder_name"] == "LE THI LAN"
    assert response.json["is_primary"] is True
    assert response.json["bank_name"]
    event = db.session.query(AuditEvent).filter_by(action="account.add").one()
    assert event.after["account_number"] == "0011001234567"


def test_a_village_head_confirms_and_the_merchant_then_has_a_qr(client, auth, db):
    merchant = factories.merchant()
    added = client.post(_url(merchant), json=BODY, headers=auth("merchant", merchant=merchant)).json
    head = auth("village_head", village=merchant.village)
    response = client.post(_url(merchant, added["id"], "confirm"), headers=head)
    assert response.status_code == 200, response.json
    assert response.json["status"] == "active" and response.json["verified_by"] == "token:test-village_head"
    assert client.get(f"/api/v1/merchants/{merchant.id}").json["has_qr"] is True
    assert db.session.query(AuditEvent).filter_by(action="account.confirm").count() == 1


def test_whoever_entered_an_account_cannot_confirm_it(client, auth, db):
    merchant = factories.merchant()
    head = auth("village_head", village=merchant.village)
    added = client.post(_url(merchant), json=BODY, headers=head).json
    response = client.post(_url(merchant, added["id"], "confirm"), headers=head)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "same_person"


def test_a_merchant_cannot_confirm_accounts(client, auth, db):
    merchant = factories.merchant()
    added = client.post(_url(merchant), json=BODY, headers=auth("admin")).json
    response = client.post(_url(merchant, added["id"], "confirm"), headers=auth("merchant", merchant=merchant))
    assert response.status_code == 403


def test_a_head_of_another_village_cannot_confirm(client, auth, db):
    merchant = factories.merchant()
    added = client.post(_url(merchant), json=BODY, headers=auth("admin")).json
    response = client.post(_url(merchant, added["id"], "confirm"),
                           headers=auth("village_head", village=factories.village()))
    assert response.status_code == 403


def test_an_active_account_cannot_be_confirmed_twice(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    response = client.post(_url(merchant, account.id, "confirm"), headers=auth("admin"))
    assert response.status_code == 409


def test_a_bin_outside_the_bank_directory_is_refused(client, auth, db):
    merchant = factories.merchant()
    response = client.post(_url(merchant), json={**BODY, "bin": "123456"}, headers=auth("admin"))
    assert response.status_code == 422
    assert "bin" in response.json["error"]["fields"]


def test_a_malformed_account_number_is_refused(client, auth, db):
    merchant = factories.merchant()
    response = client.post(_url(merchant), json={**BODY, "account_number": "12 34"}, headers=auth("admin"))
    assert response.status_code == 422
    assert "account_number" in response.json["error"]["fields"]


def test_the_same_bank_account_of_another_merchant_is_refused_naming_it(client, auth, db):
    owner = factories.merchant(display_name="Tạp hoá Minh Châu")
    factories.account(owner, account_number=BODY["account_number"])
    merchant = factories.merchant()
    response = client.post(_url(merchant), json=BODY, headers=auth("admin"))
    assert response.status_code == 409
    assert "Tạp hoá Minh Châu" in response.json["error"]["message"]
    assert db.session.query(PaymentAccount).count() == 1


def test_an_account_can_be_reused_once_removed(client, auth, db):
    owner = factories.merchant()
    factories.account(owner, account_number=BODY["account_number"], status="removed", is_primary=False)
    response = client.post(_url(factories.merchant()), json=BODY, headers=auth("admin"))
    assert response.status_code == 201


def test_a_new_primary_unsets_the_old_one(client, auth, db):
    merchant = factories.merchant()
    first = factories.account(merchant)
    response = client.post(_url(merchant), json={**BODY, "is_primary": True}, headers=auth("admin"))
    assert response.json["is_primary"] is True
    db.session.expire_all()
    assert db.session.get(PaymentAccount, first.id).is_primary is False


def test_the_primary_cannot_simply_be_unset(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    response = client.patch(_url(merchant, account.id), json={"is_primary": False}, headers=auth("admin"))
    assert response.status_code == 422


def test_removing_the_primary_promotes_the_oldest_remaining_account(client, auth, db):
    merchant = factories.merchant()
    primary = factories.account(merchant)
    older = factories.account(merchant, is_primary=False)
    factories.account(merchant, is_primary=False)
    response = client.delete(_url(merchant, primary.id), headers=auth("admin"))
    assert response.status_code == 204
    db.session.expire_all()
    assert db.session.get(PaymentAccount, primary.id).status == "removed"
    assert db.session.get(PaymentAccount, older.id).is_primary is True
    assert db.session.query(PaymentAccount).filter_by(is_primary=True).count() == 1
    event = db.session.query(AuditEvent).filter_by(action="account.remove").one()
    assert event.before["status"] == "active" and event.after["status"] == "removed"


def test_changing_an_account_number_needs_a_new_confirmation_and_revokes_its_card(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    db.session.add(Card(serial="S0002", merchant_id=merchant.id, account_id=account.id, payload="000201"))
    db.session.flush()
    response = client.patch(_url(merchant, account.id), json={"account_number": "999888777"},
                            headers=auth("merchant", merchant=merchant))
    assert response.status_code == 200, response.json
    assert response.json["status"] == "pending" and response.json["verified_at"] is None
    db.session.expire_all()
    assert db.session.query(Card).one().revoked_at is not None
    event = db.session.query(AuditEvent).filter_by(action="account.update").one()
    assert event.before["account_number"] != event.after["account_number"]


def test_removing_an_account_revokes_its_card(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    db.session.add(Card(serial="S0003", merchant_id=merchant.id, account_id=account.id, payload="000201"))
    db.session.flush()
    client.delete(_url(merchant, account.id), headers=auth("admin"))
    db.session.expire_all()
    assert db.session.query(Card).one().revoked_reason == "account removed"


def test_accounts_are_private(client, auth, db):
    merchant = factories.merchant()
    factories.account(merchant)
    db.session.commit()
    assert client.get(_url(merchant)).status_code == 401
    assert client.get(_url(merchant), headers=auth("merchant", merchant=factories.merchant())).status_code == 403
    assert len(client.get(_url(merchant), headers=auth("merchant", merchant=merchant)).json) == 1


def test_an_account_of_another_merchant_is_a_404(client, auth, db):
    merchant, other = factories.merchant(), factories.merchant()
    account = factories.account(other)
    response = client.patch(_url(merchant, account.id), json={"holder_name": "X"}, headers=auth("admin"))
    assert response.status_code == 404
