"""Hostile strings in every free-text field are stored as typed and shown as text."""
import pytest

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


@pytest.mark.parametrize("text", HOSTILE)
def test_place_names_are_stored_verbatim(client, auth, db, text):
    headers = auth("admin")
    village = client.post("/api/v1/villages", json={"name": text, "commune_code": factories.COMMUNE}, headers=headers)
    assert village.status_code == 201
    assert client.get(f"/api/v1/villages/{village.json['id']}").json["name"] == text
    for kind in ("markets", "streets"):
        created = client.post(f"/api/v1/{kind}", json={"name": text, "village_id": village.json["id"]}, headers=headers)
        assert client.get(f"/api/v1/{kind}/{created.json['id']}").json["name"] == text


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_display_name_is_stored_verbatim_and_rendered_as_text(client, auth, db, text):
    village = factories.village()
    merchant = factories.merchant(village)
    head = factories.user("village_head", village=village)
    db.session.commit()
    created = client.post("/api/v1/users", json={"role": "merchant", "username": "ba.hai", "display_name": text,
                                                 "merchant_id": merchant.id}, headers=auth("admin"))
    assert created.status_code == 201 and created.json["user"]["display_name"] == text
    login(client, head)
    page = client.get("/users/").text
    assert text not in page if any(c in text for c in "<>\"'&") else text in page
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    audit_page = client.get("/auth/account").text
    assert "<script>alert" not in audit_page


def test_the_audit_page_shows_hostile_before_and_after_as_text(client, auth, db):
    village = factories.village()
    client.patch(f"/api/v1/villages/{village.id}", json={"name": HOSTILE[0]}, headers=auth("admin"))
    officer = factories.user("commune", commune_code=village.commune_code)
    db.session.commit()
    login(client, officer)
    page = client.get("/audit/").text
    assert "village.update" in page and "<script>alert(1)</script>" not in page
