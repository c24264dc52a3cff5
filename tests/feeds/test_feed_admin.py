"""Setting feeds up from the command line and the API: secrets shown once, never cached."""
import json

from market.feeds.models import BankFeed
from tests import factories
from tests.feeds.samples import local_now, sample, url


def test_create_bank_feed_prints_a_new_api_key_for_sepay_once(runner, db):
    result = runner.invoke(args=["create-bank-feed", "sepay-xa", "--provider", "sepay", "--commune", factories.COMMUNE])
    assert result.exit_code == 0, result.output
    path, key = result.output.split()
    assert path == "/api/v1/feeds/sepay-xa" and len(key) >= 32
    feed = db.session.query(BankFeed).one()
    assert (feed.provider, feed.commune_code) == ("sepay", factories.COMMUNE)


def test_a_provider_issued_key_must_be_given(runner, db):
    result = runner.invoke(args=["create-bank-feed", "payos-xa", "--provider", "payos"])
    assert result.exit_code != 0 and "checksum" in result.output
    ok = runner.invoke(args=["create-bank-feed", "payos-xa", "--provider", "payos", "--secret", "ck-1234567890"])
    assert ok.exit_code == 0 and ok.output.split()[1] == "ck-1234567890"


def test_admins_create_list_rotate_and_disable_feeds_over_the_api(client, db, auth):
    admin = auth("admin")
    created = client.post("/api/v1/feeds", json={"name": "sepay-cho", "provider": "sepay"}, headers=admin)
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    feed_id, old_key = created.json["id"], created.json["secret"]
    assert created.json["url"].endswith("/api/v1/feeds/sepay-cho")
    listed = client.get("/api/v1/feeds", headers=admin)
    assert [row["feed"]["name"] for row in listed.json] == ["sepay-cho"]
    assert "secret" not in listed.json[0]["feed"]
    rotated = client.post(f"/api/v1/feeds/{feed_id}/rotate", json={}, headers=admin)
    assert rotated.status_code == 200 and rotated.json["secret"] != old_key
    assert rotated.headers["Cache-Control"] == "no-store"
    body = sample("sepay") | {"transactionDate": local_now()}
    stale = client.post(url("sepay-cho"), data=json.dumps(body), content_type="application/json",
                        headers={"Authorization": f"Apikey {old_key}"})
    assert stale.status_code == 401
    disabled = client.post(f"/api/v1/feeds/{feed_id}/disable", json={"reason": "Đổi nhà cung cấp"}, headers=admin)
    assert disabled.status_code == 200 and disabled.json["active"] is False
    refused = client.post(url("sepay-cho"), data=json.dumps(body), content_type="application/json",
                          headers={"Authorization": f"Apikey {rotated.json['secret']}"})
    assert refused.status_code == 401


def test_only_admins_create_feeds_and_anonymous_writes_get_401(client, db, auth):
    body = {"name": "sepay-cho", "provider": "sepay"}
    assert client.post("/api/v1/feeds", json=body).status_code == 401
    officer = auth("commune", commune_code=factories.COMMUNE)
    assert client.post("/api/v1/feeds", json=body, headers=officer).status_code == 403


def test_bad_feed_settings_are_refused_naming_the_field(client, db, auth):
    admin = auth("admin")
    for body, field in (({"name": "có dấu", "provider": "sepay"}, "name"),
                        ({"name": "deliveries", "provider": "sepay"}, "name"),
                        ({"name": "x", "provider": "momo"}, "provider"),
                        ({"name": "x", "provider": "sepay", "secret": "chosen-by-me"}, "secret")):
        answer = client.post("/api/v1/feeds", json=body, headers=admin)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], (body, answer.json)
