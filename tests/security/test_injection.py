"""Hostile strings in every free-text field are stored as typed and shown as text."""
from tests import factories
from tests.factories import login

HOSTILE = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE merchant; --",
    "{{ 7*7 }} {% raw %}",
    "=HYPERLINK(\"http://evil.example\")",
    "Robert'); DELETE FROM audit_event;--",
]


def test_place_names_are_stored_verbatim(client, auth, db):
    headers = auth("admin")
    for text in HOSTILE:
        _place_names_round_trip(client, headers, text)


def _place_names_round_trip(client, headers, text: str) -> None:
    village = client.post("/api/v1/villages", json={"name": text, "commune_code": factories.COMMUNE}, headers=headers)
    assert village.status_code == 201
    assert client.get(f"/api/v1/villages/{village.json['id']}").json["name"] == text
    for kind in ("markets", "streets"):
        created = client.post(f"/api/v1/{kind}", json={"name": text, "village_id": village.json["id"]}, headers=headers)
        assert client.get(f"/api/v1/{kind}/{created.json['id']}").json["name"] == text


def test_hostile_display_names_are_stored_verbatim_and_rendered_as_text(client, auth, db):
    village = factories.village()
    head = factories.user("village_head", village=village)
    db.session.commit()
    admin = auth("admin")
    for number, text in enumerate(HOSTILE):
        created = client.post("/api/v1/users", headers=admin, json={
            "role": "merchant", "username": f"ba.{number}", "display_name": text,
            "merchant_id": factories.merchant(village).id})
        assert created.status_code == 201 and created.json["user"]["display_name"] == text
        got = client.get(f"/api/v1/users/{created.json['user']['id']}", headers=admin).json["display_name"]
        assert got == text
    login(client, head)
    page = client.get("/users/").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "{{ 7*7 }}" in page


def test_the_audit_page_shows_hostile_before_and_after_as_text(client, auth, db):
    village = factories.village()
    client.patch(f"/api/v1/villages/{village.id}", json={"name": HOSTILE[0]}, headers=auth("admin"))
    officer = factories.user("commune", commune_code=village.commune_code)
    db.session.commit()
    login(client, officer)
    page = client.get("/audit/").text
    assert "village.update" in page and "<script>alert(1)</script>" not in page
