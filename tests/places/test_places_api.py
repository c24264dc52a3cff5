from market.core.audit import AuditEvent
from market.places.models import Village
from tests import factories


def test_commune_officer_creates_a_village_in_their_commune(client, auth, db):
    headers = auth("commune", commune_code="11992")
    response = client.post("/api/v1/villages", json={"name": "Thôn Đông Hoà", "commune_code": "11992"},
                           headers=headers)
    assert response.status_code == 201, response.json
    assert response.json["name"] == "Thôn Đông Hoà"
    village = db.session.get(Village, response.json["id"])
    assert village is not None and village.commune_code == "11992"
    assert db.session.query(AuditEvent).filter_by(action="village.create").count() == 1


def test_commune_officer_cannot_create_a_village_in_another_commune(client, auth, db):
    response = client.post("/api/v1/villages", json={"name": "Thôn X", "commune_code": "11995"},
                           headers=auth("commune", commune_code="11992"))
    assert response.status_code == 403
    assert db.session.query(Village).count() == 0


def test_writes_without_a_token_are_refused(client, db):
    response = client.post("/api/v1/villages", json={"name": "Thôn X", "commune_code": "11992"})
    assert response.status_code == 401
    assert db.session.query(Village).count() == 0


def test_a_revoked_or_made_up_token_is_refused(client, db):
    response = client.get("/api/v1/villages", headers={"Authorization": "Bearer cho40_nope"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


def test_unknown_commune_is_a_404(client, auth, db):
    response = client.post("/api/v1/villages", json={"name": "Thôn X", "commune_code": "99999"},
                           headers=auth("admin"))
    assert response.status_code == 404


def test_duplicate_village_name_in_a_commune_is_refused(client, auth, db):
    factories.village("Thôn Một")
    db.session.commit()
    response = client.post("/api/v1/villages", json={"name": "Thôn Một", "commune_code": factories.COMMUNE},
                           headers=auth("admin"))
    assert response.status_code == 409
    assert "name" in response.json["error"]["fields"]


def test_village_head_adds_a_market_to_their_village_and_it_inherits_the_commune(client, auth, db):
    village = factories.village()
    headers = auth("village_head", village=village)
    response = client.post("/api/v1/markets", json={"name": "Chợ Lạc Đạo", "village_id": village.id},
                           headers=headers)
    assert response.status_code == 201, response.json
    assert response.json["commune_code"] == village.commune_code
    listed = client.get("/api/v1/markets", query_string={"village": village.id}).json
    assert [m["name"] for m in listed] == ["Chợ Lạc Đạo"]


def test_village_head_cannot_add_a_street_to_another_village(client, auth, db):
    mine, other = factories.village(), factories.village()
    response = client.post("/api/v1/streets", json={"name": "Đường 1", "village_id": other.id},
                           headers=auth("village_head", village=mine))
    assert response.status_code == 403


def test_a_village_from_another_commune_is_refused_for_a_place(client, auth, db):
    village = factories.village()
    response = client.post("/api/v1/streets", json={"name": "Đường 2", "village_id": village.id,
                                                    "commune_code": "11995"}, headers=auth("admin"))
    assert response.status_code == 422
    assert "village_id" in response.json["error"]["fields"]


def test_renaming_a_village_is_audited_with_before_and_after(client, auth, db):
    village = factories.village("Thôn Cũ")
    headers = auth("village_head", village=village)
    response = client.patch(f"/api/v1/villages/{village.id}", json={"name": "Thôn Mới"}, headers=headers)
    assert response.status_code == 200
    event = db.session.query(AuditEvent).filter_by(action="village.update").one()
    assert event.before["name"] == "Thôn Cũ" and event.after["name"] == "Thôn Mới"


def test_a_village_head_cannot_move_a_market_or_street_out_of_their_village(client, auth, db):
    mine, other = factories.village(), factories.village()
    market, street = factories.market(mine), factories.street(mine)
    db.session.commit()
    head = auth("village_head", village=mine)
    for path in (f"/api/v1/markets/{market.id}", f"/api/v1/streets/{street.id}"):
        for target in (other.id, None):
            response = client.patch(path, json={"village_id": target}, headers=head)
            assert response.status_code == 403, (path, target)
    db.session.expire_all()
    assert (market.village_id, street.village_id) == (mine.id, mine.id)
    officer = auth("commune", commune_code=factories.COMMUNE)
    assert client.patch(f"/api/v1/markets/{market.id}", json={"village_id": other.id}, headers=officer).status_code == 200


def test_a_village_head_cannot_place_a_merchant_in_another_villages_market_or_street(client, auth, db):
    mine, other = factories.village(), factories.village()
    merchant = factories.merchant(mine)
    their_market, their_street = factories.market(other), factories.street(other)
    db.session.commit()
    head = auth("village_head", village=mine)
    for field, place in (("market_id", their_market), ("street_id", their_street)):
        response = client.patch(f"/api/v1/merchants/{merchant.id}", json={field: place.id}, headers=head)
        assert response.status_code == 403, field
    assert client.patch(f"/api/v1/merchants/{merchant.id}", json={"village_id": other.id}, headers=head).status_code == 403
    db.session.expire_all()
    assert (merchant.market_id, merchant.street_id, merchant.village_id) == (None, None, mine.id)
