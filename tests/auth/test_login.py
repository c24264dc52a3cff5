import pytest
from flask import session

from market.auth.models import User
from tests import factories
from tests.factories import TEST_PASSWORD, login


def _logged_in_as(client) -> str | None:
    with client.session_transaction() as sess:
        return sess.get("_user_id")


def test_a_user_logs_in_and_reaches_their_account_page(client, db):
    user = factories.user("village_head")
    db.session.commit()
    response = login(client, user)
    assert response.status_code == 302 and response.headers["Location"] == "/auth/account"
    page = client.get("/auth/account")
    assert page.status_code == 200 and user.display_name in page.text


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(client, db):
    user = factories.user("merchant")
    db.session.commit()
    wrong = client.post("/auth/login", data={"username": user.username, "password": "sai-mat-khau"})
    unknown = client.post("/auth/login", data={"username": "khong-ai-ca", "password": "sai-mat-khau"})
    assert "Sai tên đăng nhập hoặc mật khẩu." in wrong.text
    assert "Sai tên đăng nhập hoặc mật khẩu." in unknown.text
    assert _logged_in_as(client) is None


def test_repeated_failures_slow_that_name_from_that_address_only(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="100/minute", RATELIMIT_LOGIN_FAILURES="3/15 minutes")
    with app.app_context():
        user = factories.user("merchant")
        factories.db.session.commit()
        username = user.username
    attacker, owner = app.test_client(), app.test_client()
    wrong = {"username": username, "password": "sai-mat-khau"}
    for _ in range(3):
        assert attacker.post("/auth/login", data=wrong).status_code == 200
    assert attacker.post("/auth/login", data=wrong).status_code == 429
    # Nobody is locked out from elsewhere: the owner's address still logs in.
    good = {"username": username, "password": TEST_PASSWORD}
    assert owner.post("/auth/login", data=good, environ_base={"REMOTE_ADDR": "198.51.100.9"}).status_code == 302
    with app.app_context():
        assert factories.db.session.get(User, user.id).locked_until is None


def test_a_real_name_and_an_unknown_name_are_slowed_alike(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="100/minute", RATELIMIT_LOGIN_FAILURES="2/15 minutes")
    with app.app_context():
        username = factories.user("merchant").username
        factories.db.session.commit()
    client = app.test_client()
    answers = {}
    for name in (username, "khong-ai-ca"):
        for _ in range(2):
            client.post("/auth/login", data={"username": name, "password": "sai-mat-khau"})
        refused = client.post("/auth/login", data={"username": name, "password": "sai-mat-khau"})
        answers[name] = (refused.status_code, refused.text.replace(name, "NAME"))
    assert answers[username] == answers["khong-ai-ca"] and answers[username][0] == 429


def test_logging_in_starts_a_fresh_session(client, db):
    user = factories.user("commune")
    db.session.commit()
    with client.session_transaction() as sess:
        sess["planted"] = "attacker-chosen"
    assert login(client, user).status_code == 302
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["_user_id"] == f"{user.id}:{user.session_version}"


def test_next_only_leads_to_a_page_of_this_site(client, db):
    user = factories.user("admin")
    db.session.commit()
    response = client.post("/auth/login?next=//evil.example/x",
                           data={"username": user.username, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/auth/account"
    client.post("/auth/logout")
    response = client.post("/auth/login?next=/users/", data={"username": user.username, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/users/"


def test_logout_is_a_post_and_ends_the_session(client, db):
    user = factories.user("merchant")
    db.session.commit()
    login(client, user)
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 302
    assert _logged_in_as(client) is None
    assert client.get("/auth/account").status_code == 302


def test_deactivating_an_account_ends_its_open_sessions(client, db, auth):
    user = factories.user("merchant")
    db.session.commit()
    login(client, user)
    admin = auth("admin")
    assert client.patch(f"/api/v1/users/{user.id}", json={"active": False}, headers=admin).status_code == 200
    assert client.get("/auth/account").status_code == 302


def test_changing_the_password_keeps_this_session_and_ends_the_others(app, db):
    user = factories.user("village_head")
    db.session.commit()
    mine, other = app.test_client(), app.test_client()
    login(mine, user), login(other, user)
    response = mine.post("/auth/password", data={"current_password": TEST_PASSWORD, "password": "mat-khau-moi-123",
                                                 "confirm": "mat-khau-moi-123"})
    assert response.status_code == 302
    assert mine.get("/auth/account").status_code == 200
    assert other.get("/auth/account").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash.startswith("scrypt:32768:")


def test_a_wrong_current_password_changes_nothing(client, db):
    user = factories.user("merchant")
    db.session.commit()
    login(client, user)
    response = client.post("/auth/password", data={"current_password": "khong-dung-1", "password": "mat-khau-moi-123",
                                                   "confirm": "mat-khau-moi-123"})
    assert response.status_code == 422 and "Mật khẩu hiện tại không đúng." in response.text
    client.post("/auth/logout")
    assert login(client, user).status_code == 302


def test_the_login_page_says_we_never_ask_for_otp_or_bank_passwords(client):
    page = client.get("/auth/login").text
    assert "không bao giờ" in page and "OTP" in page and "mật khẩu ngân hàng" in page
    assert 'name="otp"' not in page


def test_session_protection_uses_the_user_and_version_not_a_bare_id(app, db):
    user = factories.user("merchant")
    db.session.commit()
    client = app.test_client()
    login(client, user)
    with client.application.test_request_context():
        assert session.get("_user_id") is None  # nothing leaks between clients
    with client.session_transaction() as sess:
        assert sess["_user_id"].endswith(":1")


def test_a_cookie_saved_before_logout_no_longer_authenticates(client, db):
    user = factories.user("admin")
    db.session.commit()
    login(client, user)
    with client.session_transaction() as sess:
        saved = dict(sess)
    assert client.get("/api/v1/me").json["role"] == "admin"
    assert client.post("/auth/logout").status_code == 302
    with client.session_transaction() as sess:  # the attacker replays the old cookie
        sess.update(saved)
    assert client.get("/api/v1/me").json["role"] == "public"
    assert client.get("/auth/account").status_code == 302


def test_a_disabled_account_cannot_use_a_saved_cookie_even_after_re_enabling(client, db, auth):
    user = factories.user("merchant")
    db.session.commit()
    login(client, user)
    admin = auth("admin")
    assert client.patch(f"/api/v1/users/{user.id}", json={"active": False}, headers=admin).status_code == 200
    assert client.patch(f"/api/v1/users/{user.id}", json={"active": True}, headers=admin).status_code == 200
    assert client.get("/api/v1/me").json["role"] == "public"


@pytest.mark.parametrize("target", [
    "/%09/evil.example/", "/\t/evil.example/", "//evil.example", "/\\evil.example", "/%5Cevil.example",
    "https://evil.example/", "http:/evil.example", "/%2F/evil.example", "/%252F%252Fevil.example",
    " /evil", "javascript:alert(1)", "/%0D%0A/evil.example", "/%0d%0aSet-Cookie:x=1",
])
def test_next_never_leads_off_site_and_never_fails(client, db, target):
    user = factories.user("admin")
    db.session.commit()
    response = client.post(f"/auth/login?next={target}", data={"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/account"
