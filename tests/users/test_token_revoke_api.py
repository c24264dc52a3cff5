from market.auth.models import ApiToken
from market.core.audit import AuditEvent
from tests import factories


def test_an_admin_lists_tokens_without_ever_seeing_a_token(client, auth, db):
    admin = auth("admin")
    listed = client.get("/api/v1/tokens", headers=admin)
    assert listed.status_code == 200
    plain = admin["Authorization"].split()[1]
    assert listed.json[0]["prefix"] == plain[:12] and plain not in listed.text


def test_revoking_through_the_api_takes_effect_on_the_next_request(client, auth, db):
    village = factories.village()
    victim = auth("village_head", village=village)
    token_id = db.session.query(ApiToken).filter_by(role="village_head").one().id
    assert client.get("/api/v1/me", headers=victim).json["role"] == "village_head"
    response = client.delete(f"/api/v1/tokens/{token_id}", headers=auth("admin"))
    assert response.status_code == 200 and response.json["revoked_at"]
    refused = client.patch(f"/api/v1/villages/{village.id}", json={"name": "Thôn Mới"}, headers=victim)
    assert refused.status_code == 401 and refused.json["error"]["code"] == "invalid_token"
    assert db.session.query(AuditEvent).filter_by(action="token.revoke", entity_id=str(token_id)).count() == 1


def test_only_admins_see_or_revoke_tokens(client, auth, db):
    commune = auth("commune", commune_code=factories.COMMUNE)
    token_id = db.session.query(ApiToken).one().id
    assert client.get("/api/v1/tokens", headers=commune).status_code == 403
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=commune).status_code == 403
    assert client.get("/api/v1/tokens").status_code == 401
    db.session.expire_all()
    assert db.session.get(ApiToken, token_id).revoked_at is None


def test_revoking_an_unknown_token_is_a_404(client, auth, db):
    assert client.delete("/api/v1/tokens/999999", headers=auth("admin")).status_code == 404
