import re

from market.places.models import Village
from tests import factories
from tests.factories import TEST_PASSWORD


def _csrf_token(client, path: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(path).text).group(1)


def _csrf_app(make_app):
    """An app with CSRF on, and an admin (its own app context: one SQLite writer at a time)."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        username = factories.user("admin").username
        factories.db.session.commit()
    return app, username


def _logged_in_client(app, username):
    client = app.test_client()
    token = _csrf_token(client, "/auth/login")
    response = client.post("/auth/login", data={"username": username, "password": TEST_PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 302
    return client


def test_a_page_form_without_its_csrf_token_is_refused(make_app):
    app, username = _csrf_app(make_app)
    client = app.test_client()
    refused = client.post("/auth/login", data={"username": username, "password": TEST_PASSWORD})
    assert refused.status_code == 400
    with client.session_transaction() as sess:
        assert "_user_id" not in sess
    logged_in = _logged_in_client(app, username)
    assert logged_in.post("/auth/logout").status_code == 400  # another site cannot log you out either


def test_an_api_write_with_the_session_cookie_needs_the_csrf_header(make_app):
    app, username = _csrf_app(make_app)
    client = _logged_in_client(app, username)
    body = {"name": "Thôn Cookie", "commune_code": factories.COMMUNE}
    refused = client.post("/api/v1/villages", json=body)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "csrf_failed"
    with app.app_context():
        assert factories.db.session.query(Village).count() == 0
    token = _csrf_token(client, "/auth/password")
    accepted = client.post("/api/v1/villages", json=body, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_a_bearer_token_write_needs_no_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        headers = factories.auth_headers("admin")
    response = app.test_client().post("/api/v1/villages", json={"name": "Thôn Token", "commune_code": factories.COMMUNE},
                                      headers=headers)
    assert response.status_code == 201


def test_an_empty_authorization_header_does_not_skip_the_csrf_check(make_app):
    app, username = _csrf_app(make_app)
    client = _logged_in_client(app, username)
    body = {"name": "Thôn Rỗng", "commune_code": factories.COMMUNE}
    for header in ("", " ", "Bearer ", "Bearer  "):
        refused = client.post("/api/v1/villages", json=body, headers={"Authorization": header})
        assert refused.status_code in (400, 401), repr(header)
    with app.app_context():
        assert factories.db.session.query(Village).count() == 0
def test_an_expired_sale_form_comes_back_with_the_typed_amount_and_a_fresh_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        username = factories.user("merchant").username
        factories.db.session.commit()
    client = _logged_in_client(app, username)
    expired = client.post("/ban-hang/", data={"amount": "125.000", "method": "cash", "csrf_token": "stale"},
                          headers={"Origin": "http://localhost"})
    assert expired.status_code == 303 and expired.headers["Location"] == "/ban-hang/"
    page = client.get("/ban-hang/").text
    assert 'value="125.000"' in page and "phiên gửi đã hết hạn" in page
    assert re.search(r'name="method" value="cash"\s+checked', page)
    assert 'value="stale"' not in page
    with app.app_context():
        from market.transactions.models import Transaction
        assert factories.db.session.query(Transaction).count() == 0


def test_a_forged_post_from_another_site_keeps_nothing(make_app):
    app, username = _csrf_app(make_app)
    client = _logged_in_client(app, username)
    refused = client.post("/merchants/new", data={"display_name": "Quán giả"},
                          headers={"Origin": "https://evil.example"})
    assert refused.status_code == 400
    assert "Quán giả" not in client.get("/merchants/new").text
