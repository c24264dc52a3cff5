import os
import uuid

import pytest
import redis

from market.places.models import Village
from tests import factories

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


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

    cases = {("GET", "/verify/ABC123"): "lookup", ("GET", "/api/v1/cards/ABC123"): "lookup",
             ("POST", "/verify"): "verify", ("GET", "/api/v1/banks"): "verify",
             ("POST", "/api/v1/vietqr/decode"): "verify",
             ("POST", "/api/v1/webhooks/bank"): "webhook", ("POST", "/api/v1/villages"): "write",
             ("GET", "/api/v1/villages"): None, ("POST", "/auth/login"): None}
    for (method, path), bucket in cases.items():
        with app.test_request_context(path, method=method):
            assert rate_bucket() == bucket, path


def test_guessing_card_serials_is_throttled_across_the_page_and_the_api(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOOKUP="5/minute")
    client = app.test_client()
    statuses = [client.get(f"/verify/GUESS{n:04d}").status_code for n in range(3)]
    statuses += [client.get(f"/api/v1/cards/GUESS{n:04d}").status_code for n in range(3, 6)]
    assert statuses == [404] * 5 + [429]
    assert client.get("/api/v1/cards/GUESS9999").json["error"]["code"] == "too_many_requests"


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")


def test_two_app_instances_sharing_one_redis_see_one_login_limit(make_app):
    _redis_or_skip()
    shared = {"RATELIMIT_ENABLED": True, "RATELIMIT_LOGIN": "4/minute", "RATELIMIT_STORAGE_URI": REDIS_URL,
              "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    form = {"username": "ai.do", "password": ""}
    first = make_app(**shared).test_client()
    assert [first.post("/auth/login", data=form).status_code for _ in range(3)] == [200] * 3
    # A second instance (another worker or host) starts with its own in-process state: only a shared
    # store makes it see the three logins the first one counted.
    second = make_app(**shared).test_client()
    assert [second.post("/auth/login", data=form).status_code for _ in range(2)] == [200, 429]
