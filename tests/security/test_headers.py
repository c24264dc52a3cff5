from market.core.security import CONTENT_SECURITY_POLICY


def test_every_response_carries_the_security_headers(client):
    assert "script-src" not in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    for path in ("/", "/auth/login", "/api/v1/provinces", "/does-not-exist", "/api/v1/nope"):
        response = client.get(path)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hsts_is_sent_only_over_tls(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert client.get("/", base_url="https://cho40.test").headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_tls_proxy_the_forwarded_scheme_and_address_are_trusted(make_app):
    app = make_app(PROXY_FIX=True)
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert "Strict-Transport-Security" in response.headers


def test_without_proxy_fix_a_forwarded_scheme_is_ignored(client):
    assert "Strict-Transport-Security" not in client.get("/", headers={"X-Forwarded-Proto": "https"}).headers


def test_auth_pages_are_not_cached(client):
    assert client.get("/auth/login").headers["Cache-Control"] == "no-store"


def test_no_template_contains_an_inline_script_or_style_attribute():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "templates"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.html")
                 if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", p.read_text())]
    assert offenders == []


def test_answers_to_signed_in_callers_are_never_stored(client, auth, db):
    from tests import factories

    merchant = factories.merchant()
    db.session.commit()
    headers = auth("admin")
    for path in (f"/api/v1/merchants/{merchant.id}", "/api/v1/users", "/api/v1/transactions",
                 "/api/v1/merchants/export.csv", f"/api/v1/merchants/{merchant.id}/accounts"):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "private, no-store", path
    factories.login(client, factories.user("admin"))
    assert client.get("/users/").headers["Cache-Control"] == "private, no-store"


def test_a_new_set_password_link_is_not_stored(client, auth, db):
    response = client.post("/api/v1/users", json={"username": "ba.lan", "display_name": "Bà Lan", "role": "admin"},
                           headers=auth("admin"))
    assert response.status_code == 201 and "setup_url" in response.json
    assert "no-store" in response.headers["Cache-Control"]


def test_public_images_keep_their_own_caching(client, db):
    from tests import factories

    merchant = factories.payable_merchant()
    db.session.commit()
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.png")
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("public")


def test_an_over_long_address_gets_our_json_414(client):
    response = client.get("/api/v1/merchants?q=" + "a" * 5000)
    assert response.status_code == 414 and response.json["error"]["code"] == "uri_too_long"
