from market.core.audit import AuditEvent
from merchants.models import Card, Merchant
from tests import factories


def _payload(village, **fields):
    body = {"display_name": "Quán Phở Cô Lan", "owner_name": "Lê Thị Lan", "phone": "+84 912 345 678",
            "category": "ăn uống", "village_id": village.id}
    body.update(fields)
    return body


def test_village_head_registers_a_merchant_with_a_normalised_phone(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/merchants", json=_payload(village), headers=auth("village_head", village=village))
    assert response.status_code == 201, response.json
    assert response.json["phone"] == "0912345678"
    assert response.json["status"] == "pending"
    merchant = db.session.get(Merchant, response.json["id"])
    assert merchant.search_text.startswith("quan pho co lan")
    assert db.session.query(AuditEvent).filter_by(action="merchant.create").count() == 1


def test_decomposed_accents_are_stored_in_nfc(client, auth, db):
    village = factories.village()
    name = "Bu\u0301n cha\u0309 Hà Nội"
    response = client.post("/api/v1/merchants", json=_payload(village, display_name=name), headers=auth("admin"))
    assert response.json["display_name"] == "Bún chả Hà Nội"


def test_a_landline_is_refused_naming_the_phone_field(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/merchants", json=_payload(village, phone="024 3825 1234"), headers=auth("admin"))
    assert response.status_code == 422
    assert "phone" in response.json["error"]["fields"]
    assert db.session.query(Merchant).count() == 0


def test_unknown_fields_and_blank_names_are_refused(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/merchants", json=_payload(village, display_name="  ", cccd="001"),
                           headers=auth("admin"))
    assert response.status_code == 422
    assert {"display_name", "cccd"} <= set(response.json["error"]["fields"])


def test_a_village_head_cannot_register_in_another_village(client, auth, db):
    mine, other = factories.village(), factories.village()
    response = client.post("/api/v1/merchants", json=_payload(other), headers=auth("village_head", village=mine))
    assert response.status_code == 403


def test_registering_without_a_token_is_refused(client, db):
    village = factories.village()
    db.session.commit()
    assert client.post("/api/v1/merchants", json=_payload(village)).status_code == 401


def test_a_stall_number_is_unique_within_its_market(client, auth, db):
    village = factories.village()
    market = factories.market(village)
    factories.merchant(village, display_name="Sạp Rau Bà Tư", market_id=market.id, stall_number="A12")
    response = client.post("/api/v1/merchants", json=_payload(village, market_id=market.id, stall_number="A12"),
                           headers=auth("admin"))
    assert response.status_code == 409
    assert "Sạp Rau Bà Tư" in response.json["error"]["fields"]["stall_number"][0]


def test_a_stall_number_needs_a_market(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/merchants", json=_payload(village, stall_number="B3"), headers=auth("admin"))
    assert response.status_code == 422
    assert "stall_number" in response.json["error"]["fields"]


def test_a_market_of_another_commune_is_refused(client, auth, db):
    village = factories.village()
    far = factories.market(factories.village(commune_code="11995"))
    response = client.post("/api/v1/merchants", json=_payload(village, market_id=far.id), headers=auth("admin"))
    assert response.status_code == 422
    assert "market_id" in response.json["error"]["fields"]


def test_the_public_sees_no_phone_and_no_owner_without_consent(client, db):
    merchant = factories.merchant(consent_public=False)
    db.session.commit()
    body = client.get(f"/api/v1/merchants/{merchant.id}").json
    assert body["display_name"] == merchant.display_name
    assert "phone" not in body and "owner_name" not in body


def test_the_owner_name_is_public_once_consented_but_never_the_phone(client, db):
    merchant = factories.merchant(consent_public=True)
    db.session.commit()
    body = client.get(f"/api/v1/merchants/{merchant.id}").json
    assert body["owner_name"] == "Nguyễn Thị Hoà"
    assert "phone" not in body


def test_managers_and_the_merchant_see_every_field(client, auth, db):
    merchant = factories.merchant()
    for headers in (auth("village_head", village=merchant.village), auth("merchant", merchant=merchant)):
        body = client.get(f"/api/v1/merchants/{merchant.id}", headers=headers).json
        assert body["phone"] == merchant.phone and body["owner_name"] == merchant.owner_name


def test_a_pending_merchant_is_hidden_from_the_public(client, db):
    merchant = factories.merchant(status="pending")
    db.session.commit()
    assert client.get(f"/api/v1/merchants/{merchant.id}").status_code == 404


def test_a_merchant_edits_their_own_name_but_cannot_move_their_stall(client, auth, db):
    merchant = factories.merchant()
    market = factories.market(merchant.village)
    headers = auth("merchant", merchant=merchant)
    ok = client.patch(f"/api/v1/merchants/{merchant.id}", json={"display_name": "Quán Mới"}, headers=headers)
    assert ok.status_code == 200 and ok.json["display_name"] == "Quán Mới"
    moved = client.patch(f"/api/v1/merchants/{merchant.id}", json={"market_id": market.id, "stall_number": "9"},
                         headers=headers)
    assert moved.status_code == 403
    assert "market_id" in moved.json["error"]["fields"]


def test_a_merchant_cannot_edit_another_merchant(client, auth, db):
    mine, other = factories.merchant(), factories.merchant()
    response = client.patch(f"/api/v1/merchants/{other.id}", json={"display_name": "X"},
                            headers=auth("merchant", merchant=mine))
    assert response.status_code == 403


def test_editing_updates_the_search_text_and_is_audited(client, auth, db):
    merchant = factories.merchant()
    response = client.patch(f"/api/v1/merchants/{merchant.id}", json={"display_name": "Cà phê Sáng"},
                            headers=auth("admin"))
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).search_text.startswith("ca phe sang")
    event = db.session.query(AuditEvent).filter_by(action="merchant.update").one()
    assert event.before["display_name"] != event.after["display_name"]


def test_the_status_workflow_records_who_and_when(client, auth, db):
    merchant = factories.merchant(status="pending")
    headers = auth("village_head", village=merchant.village)
    for status in ("active", "suspended", "active", "closed"):
        response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": status, "reason": "kiểm tra"},
                               headers=headers)
        assert response.status_code == 200, response.json
        assert response.json["status"] == status
        assert response.json["status_changed_by"] == "token:test-village_head"
    assert db.session.query(AuditEvent).filter(AuditEvent.action.like("merchant.%")).count() == 4


def test_a_closed_merchant_cannot_be_reopened(client, auth, db):
    merchant = factories.merchant(status="closed")
    response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": "active"}, headers=auth("admin"))
    assert response.status_code == 409
    assert "status" in response.json["error"]["fields"]


def test_a_pending_merchant_cannot_be_suspended(client, auth, db):
    merchant = factories.merchant(status="pending")
    response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": "suspended"},
                           headers=auth("admin"))
    assert response.status_code == 409


def test_a_merchant_cannot_approve_themself(client, auth, db):
    merchant = factories.merchant(status="pending")
    response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": "active"},
                           headers=auth("merchant", merchant=merchant))
    assert response.status_code == 403


def test_suspending_a_merchant_revokes_its_cards(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    db.session.add(Card(serial="S0001", merchant_id=merchant.id, account_id=account.id, payload="000201"))
    db.session.flush()
    response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": "suspended"},
                           headers=auth("admin"))
    assert response.status_code == 200
    db.session.expire_all()
    card = db.session.query(Card).one()
    assert card.revoked_at is not None and card.revoked_reason == "merchant suspended"


def test_an_empty_stall_or_house_number_means_none(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/merchants", json=_payload(village, stall_number="", house_number=" "),
                           headers=auth("admin"))
    assert response.status_code == 201, response.json
    assert response.json["stall_number"] is None and response.json["house_number"] is None


def test_an_over_long_stall_number_is_refused(client, auth, db):
    village = factories.village()
    market = factories.market(village)
    response = client.post("/api/v1/merchants", json=_payload(village, market_id=market.id, stall_number="9" * 21),
                           headers=auth("admin"))
    assert response.status_code == 422
    assert "stall_number" in response.json["error"]["fields"]
