import re
from datetime import timedelta

from market.auth.models import User
from market.auth.principal import hash_token
from market.core.dbtypes import utcnow
from tests import factories

NEW_PASSWORD = "mat-khau-cua-toi-1"


def _create_merchant_account(client, auth, db):
    village = factories.village()
    merchant = factories.merchant(village)
    headers = auth("village_head", village=village)
    response = client.post("/api/v1/users", headers=headers, json={
        "role": "merchant", "username": "ba.hoa", "display_name": "Bà Hoà", "merchant_id": merchant.id})
    assert response.status_code == 201, response.json
    return response.json


def _token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _set(client, token: str, password: str = NEW_PASSWORD):
    return client.post(f"/auth/set-password/{token}", data={"password": password, "confirm": password})


def test_village_head_creates_a_merchant_account_and_the_merchant_sets_a_password_once(client, auth, db):
    created = _create_merchant_account(client, auth, db)
    assert created["setup_url"].startswith("https://cho40.test/auth/set-password/")
    token = _token_of(created["setup_url"])
    page = client.get(f"/auth/set-password/{token}")
    assert page.status_code == 200 and "Bà Hoà" in page.text and "OTP" in page.text
    assert _set(client, token).status_code == 302
    assert client.post("/auth/login", data={"username": "ba.hoa", "password": NEW_PASSWORD}).status_code == 302
    assert client.get(f"/auth/set-password/{token}").status_code == 404
    assert _set(client, token, "mat-khau-khac-2").status_code == 404


def test_the_link_expires_after_72_hours(client, auth, db):
    created = _create_merchant_account(client, auth, db)
    db.session.expire_all()
    user = db.session.get(User, created["user"]["id"])
    assert timedelta(hours=71, minutes=59) < user.setup_token_expires_at - utcnow() <= timedelta(hours=72)
    user.setup_token_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert _set(client, _token_of(created["setup_url"])).status_code == 404


def test_only_the_hash_of_the_link_token_is_stored(client, auth, db):
    created = _create_merchant_account(client, auth, db)
    token = _token_of(created["setup_url"])
    db.session.expire_all()
    user = db.session.get(User, created["user"]["id"])
    assert user.setup_token_hash == hash_token(token) and token not in user.setup_token_hash
    assert user.password_hash is None and created["user"]["has_password"] is False


def test_passwords_are_hashed_with_full_strength_scrypt(client, auth, db):
    created = _create_merchant_account(client, auth, db)
    _set(client, _token_of(created["setup_url"]))
    db.session.expire_all()
    stored = db.session.get(User, created["user"]["id"]).password_hash
    assert stored.startswith("scrypt:32768:8:1$") and NEW_PASSWORD not in stored


def test_a_new_link_makes_the_old_one_useless(client, auth, db):
    created = _create_merchant_account(client, auth, db)
    user_id = created["user"]["id"]
    again = client.post(f"/api/v1/users/{user_id}/setup-link", headers=auth("admin"))
    assert again.status_code == 201
    assert _set(client, _token_of(created["setup_url"])).status_code == 404
    assert _set(client, _token_of(again.json["setup_url"])).status_code == 302


def test_a_too_short_password_or_a_mismatch_is_refused(client, auth, db):
    token = _token_of(_create_merchant_account(client, auth, db)["setup_url"])
    assert _set(client, token, "ngan").status_code == 422
    mismatch = client.post(f"/auth/set-password/{token}", data={"password": NEW_PASSWORD, "confirm": "khac-han-123"})
    assert mismatch.status_code == 422 and "không khớp" in mismatch.text
    assert _set(client, token).status_code == 302


def test_cli_create_user_prints_a_one_time_link(runner, client, db):
    village = factories.village()
    db.session.commit()
    result = runner.invoke(args=["create-user", "--role", "village_head", "--username", "truong.thon",
                                 "--name", "Ông Ba", "--village", str(village.id)])
    assert result.exit_code == 0, result.output
    link = re.search(r"https://\S+/auth/set-password/\S+", result.output).group(0)
    db.session.expire_all()
    user = db.session.query(User).filter_by(username="truong.thon").one()
    assert (user.role, user.village_id, user.commune_code) == ("village_head", village.id, village.commune_code)
    assert _set(client, _token_of(link)).status_code == 302
    again = runner.invoke(args=["setup-link", "truong.thon"])
    assert again.exit_code == 0 and "/auth/set-password/" in again.output


def test_cli_refuses_a_merchant_account_without_a_merchant(runner, db):
    result = runner.invoke(args=["create-user", "--role", "merchant", "--username", "ai.do"])
    assert result.exit_code != 0 and "merchant_id" in result.output
    assert db.session.query(User).count() == 0
