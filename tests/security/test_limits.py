from market.places.models import Village
from tests import factories


def test_a_json_body_over_256_kb_is_refused_with_413_naming_the_limit(client, auth, db):
    body = {"name": "x" * (300 * 1024), "commune_code": factories.COMMUNE}
    response = client.post("/api/v1/villages", json=body, headers=auth("admin"))
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"
    assert "256 KB" in response.json["error"]["message"] and "body" in response.json["error"]["fields"]
    assert db.session.query(Village).count() == 0


def test_an_upload_over_5_mb_is_refused_with_413(client):
    response = client.post("/api/v1/villages", data=b"x" * (5 * 1024 * 1024 + 1),
                           headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 413 and response.json["error"]["code"] == "request_entity_too_large"


def test_repeated_logins_get_429_with_retry_after_in_the_error_shape(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3/minute")
    client = app.test_client()
    form = {"username": "ai.do", "password": ""}  # refused by the form itself: no hashing needed
    statuses = [client.post("/auth/login", data=form).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = client.post("/auth/login", data=form, headers={"Accept": "application/json"})
    assert limited.status_code == 429
    assert limited.json["error"]["code"] == "too_many_requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.get("/auth/login").status_code == 200  # only the POST is limited


def test_api_writes_share_a_configurable_limit_per_client(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_WRITE="2/minute")
    client = app.test_client()
    body = {"name": "Thôn X", "commune_code": factories.COMMUNE}
    statuses = [client.post("/api/v1/villages", json=body).status_code for _ in range(2)]
    statuses.append(client.patch("/api/v1/markets/1", json={"name": "Chợ X"}).status_code)
    assert statuses == [401, 401, 429]
    assert client.get("/api/v1/provinces").status_code == 200  # reads are not counted
    other = client.post("/api/v1/villages", json=body, environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert other.status_code == 401


def test_verify_and_webhook_paths_have_their_own_buckets(app):
    from market.core.security import rate_bucket

    cases = {("GET", "/verify/ABC123"): "verify", ("POST", "/api/v1/vietqr/decode"): "verify",
             ("POST", "/api/v1/webhooks/bank"): "webhook", ("POST", "/api/v1/villages"): "write",
             ("GET", "/api/v1/villages"): None, ("POST", "/auth/login"): None}
    for (method, path), bucket in cases.items():
        with app.test_request_context(path, method=method):
            assert rate_bucket() == bucket, path
