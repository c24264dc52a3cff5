from market.auth.models import User
from market.core.audit import AuditEvent
from merchants.models import Merchant
from tests import factories
from tests.factories import login


def _merchant_payload(merchant, username="ba.ba"):
    return {"role": "merchant", "username": username, "display_name": "Bà Ba", "merchant_id": merchant.id}


def test_a_merchant_account_takes_the_village_and_commune_of_its_merchant(client, auth, db):
    village = factories.village()
    merchant = factories.merchant(village)
    response = client.post("/api/v1/users", json=_merchant_payload(merchant),
                           headers=auth("village_head", village=village))
    assert response.status_code == 201
    user = response.json["user"]
    assert (user["village_id"], user["commune_code"], user["merchant_id"]) == (
        village.id, village.commune_code, merchant.id)
    event = db.session.query(AuditEvent).filter_by(action="user.create").one()
    assert event.after["role"] == "merchant" and "setup" not in str(event.after)


def test_a_village_head_cannot_create_managers_or_accounts_elsewhere(client, auth, db):
    mine, other = factories.village(), factories.village()
    headers = auth("village_head", village=mine)
    elsewhere = client.post("/api/v1/users", json=_merchant_payload(factories.merchant(other)), headers=headers)
    assert elsewhere.status_code == 403
    for role, extra in (("village_head", {"village_id": mine.id}), ("commune", {"commune_code": mine.commune_code}),
                        ("admin", {})):
        body = {"role": role, "username": f"x.{role}", "display_name": "X", **extra}
        assert client.post("/api/v1/users", json=body, headers=headers).status_code == 403, role
    assert db.session.query(User).count() == 0


def test_a_commune_officer_promotes_a_merchant_and_the_change_is_audited(client, auth, db):
    village = factories.village()
    user = factories.user("merchant", village=village)
    db.session.commit()
    session_client = client.application.test_client()
    login(session_client, user)
    response = client.patch(f"/api/v1/users/{user.id}", json={"role": "village_head", "village_id": village.id},
                            headers=auth("commune", commune_code=village.commune_code))
    assert response.status_code == 200, response.json
    assert (response.json["role"], response.json["merchant_id"]) == ("village_head", None)
    event = db.session.query(AuditEvent).filter_by(action="user.role_change").one()
    assert event.before["role"] == "merchant" and event.after["role"] == "village_head"
    assert event.actor.startswith("token:") and event.role == "commune"
    assert session_client.get("/auth/account").status_code == 302  # old session ended


def test_nobody_below_admin_can_promote_to_a_higher_role(client, auth, db):
    village = factories.village()
    user = factories.user("merchant", village=village)
    db.session.commit()
    as_head = client.patch(f"/api/v1/users/{user.id}", json={"role": "admin"},
                           headers=auth("village_head", village=village))
    as_commune = client.patch(f"/api/v1/users/{user.id}", json={"role": "commune", "commune_code": village.commune_code},
                              headers=auth("commune", commune_code=village.commune_code))
    assert (as_head.status_code, as_commune.status_code) == (403, 403)
    db.session.expire_all()
    assert db.session.get(User, user.id).role == "merchant"


def test_managers_list_only_the_accounts_in_their_scope(client, auth, db):
    mine, other = factories.village(), factories.village()
    kept, hidden = factories.user("merchant", village=mine), factories.user("merchant", village=other)
    factories.user("commune")
    db.session.commit()
    listed = client.get("/api/v1/users", headers=auth("village_head", village=mine)).json
    assert [u["id"] for u in listed] == [kept.id]
    assert client.get(f"/api/v1/users/{hidden.id}", headers=auth("village_head", village=mine)).status_code == 403
    assert client.get("/api/v1/users").status_code == 401
    as_merchant = auth("merchant", merchant=db.session.get(Merchant, kept.merchant_id))
    assert client.get("/api/v1/users", headers=as_merchant).status_code == 403


def test_a_taken_username_or_merchant_is_a_conflict_and_unknown_fields_are_refused(client, auth, db):
    merchant = factories.merchant()
    factories.user("merchant", merchant=merchant, username="ba.ba")
    headers = auth("admin")
    assert client.post("/api/v1/users", json=_merchant_payload(factories.merchant()), headers=headers).status_code == 409
    assert client.post("/api/v1/users", json=_merchant_payload(merchant, "khac"), headers=headers).status_code == 409
    unknown = client.post("/api/v1/users", json={**_merchant_payload(merchant, "moi"), "otp": "123456"},
                          headers=headers)
    assert unknown.status_code == 422 and "otp" in unknown.json["error"]["fields"]
    bad_name = client.post("/api/v1/users", json=_merchant_payload(merchant, "Bà Ba"), headers=headers)
    assert bad_name.status_code == 422 and "username" in bad_name.json["error"]["fields"]


def test_the_me_endpoint_tells_the_caller_who_they_are(client, auth, db):
    village = factories.village()
    assert client.get("/api/v1/me").json["role"] == "public"
    me = client.get("/api/v1/me", headers=auth("village_head", village=village)).json
    assert (me["role"], me["village_id"]) == ("village_head", village.id)


def test_a_village_head_creates_a_merchant_account_from_the_page(client, db):
    village = factories.village()
    merchant = factories.merchant(village, display_name="Quán Cô Lan")
    head = factories.user("village_head", village=village)
    db.session.commit()
    login(client, head)
    form = client.get("/users/")
    assert form.status_code == 200 and "Quán Cô Lan" in form.text
    response = client.post("/users/", data={"role": "merchant", "username": "co.lan", "display_name": "Cô Lan",
                                            "merchant_id": str(merchant.id)})
    assert response.status_code == 200 and "https://cho40.test/auth/set-password/" in response.text
    assert db.session.query(User).filter_by(username="co.lan", merchant_id=merchant.id).count() == 1
    refused = client.post("/users/", data={"role": "admin", "username": "sep.to", "display_name": "X"})
    assert refused.status_code == 403
