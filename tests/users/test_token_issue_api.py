"""Admins issue API tokens over the API: shown once, scoped from the register, usable at once."""
from market.auth.models import ApiToken
from market.auth.principal import hash_token
from tests import factories

URL = "/api/v1/tokens"


def test_an_admin_issues_a_merchant_token_that_works_once_shown(client, auth, db):
    merchant = factories.merchant()
    response = client.post(URL, json={"name": "máy POS sạp 12", "role": "merchant", "merchant_id": merchant.id},
                           headers=auth("admin"))
    assert response.status_code == 201, response.json
    assert response.headers["Cache-Control"] == "no-store"
    issued = response.json
    assert (issued["role"], issued["merchant_id"], issued["village_id"]) == ("merchant", merchant.id, merchant.village_id)
    assert issued["commune_code"] == merchant.village.commune_code
    row = db.session.get(ApiToken, issued["id"])
    assert row.token_hash == hash_token(issued["token"]) and issued["token"].startswith(row.prefix)
    sale = client.post("/api/v1/transactions", json={"merchant_id": merchant.id, "amount": 30_000, "method": "vietqr"},
                       headers={"Authorization": f"Bearer {issued['token']}"})
    assert sale.status_code == 201
    listing = client.get(URL, headers=auth("admin")).get_data(as_text=True)
    assert issued["token"] not in listing


def test_a_scope_that_the_role_needs_is_named_when_missing_or_unknown(client, auth, db):
    headers = auth("admin")
    cases = [({"name": "x", "role": "merchant"}, "merchant_id"),
             ({"name": "x", "role": "village_head", "village_id": 999_999}, "village_id"),
             ({"name": "x", "role": "commune", "commune_code": "00000"}, "commune_code"),
             ({"name": "", "role": "admin"}, "name"),
             ({"name": "x", "role": "king"}, "role")]
    for body, field in cases:
        response = client.post(URL, json=body, headers=headers)
        assert response.status_code == 422, body
        assert field in response.json["error"]["fields"], body
    assert db.session.query(ApiToken).count() == 1  # only the admin's own


def test_a_commune_officer_cannot_issue_tokens(client, auth, db):
    village = factories.village()
    response = client.post(URL, json={"name": "x", "role": "admin"}, headers=auth("commune", village=village))
    assert response.status_code == 403
    assert db.session.query(ApiToken).count() == 1
