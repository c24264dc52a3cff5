"""Only the merchant and an admin (audited) open a merchant's book; bad periods are clear 4xx in the API shape."""
from datetime import date

import pytest

from market.core.audit import AuditEvent
from market.core.clock import today
from tests import factories

BOOK = "/api/v1/merchants/{}/revenue-book.{}"


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_the_merchant_downloads_their_own_book(client, db, seller, kind):
    merchant, _, headers = seller
    response = client.get(BOOK.format(merchant.id, kind), query_string={"year": today().year}, headers=headers)
    assert response.status_code == 200
    assert f"so-doanh-thu-{merchant.id}-{today().year}.{kind}" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("role", ["village_head", "commune"])
def test_the_village_head_and_the_commune_never_open_one_merchants_book(client, db, seller, role):
    merchant = seller[0]
    headers = factories.auth_headers(role, village=merchant.village)
    for kind in ("xlsx", "pdf"):
        response = client.get(BOOK.format(merchant.id, kind), query_string={"year": today().year}, headers=headers)
        assert response.status_code == 403
        assert response.json["error"]["code"] == "forbidden"
    history = client.get(f"/api/v1/merchants/{merchant.id}/history", headers=headers)
    assert history.status_code == 403


def test_the_village_head_is_refused_the_book_page_and_the_history_page(client, db, seller):
    head = factories.user("village_head", village=seller[0].village)
    factories.login_as(client, head)
    assert client.get("/so-sach/doanh-thu").status_code == 403
    assert client.get("/so-sach/").status_code == 403


def test_another_merchant_cannot_open_the_book(client, db, seller):
    other = factories.auth_headers("merchant", merchant=factories.merchant())
    response = client.get(BOOK.format(seller[0].id, "xlsx"), query_string={"year": today().year}, headers=other)
    assert response.status_code == 403


def test_an_admin_opens_the_book_and_the_reading_is_audited(client, db, seller):
    merchant = seller[0]
    response = client.get(BOOK.format(merchant.id, "pdf"), query_string={"year": 2025, "quarter": 2},
                          headers=factories.auth_headers("admin"))
    assert response.status_code == 200
    db.session.expire_all()
    event = db.session.query(AuditEvent).filter_by(action="books.read").one()
    assert (event.entity, event.entity_id, event.role) == ("merchant", str(merchant.id), "admin")
    assert event.after == {"opened": "pdf Quý 2 năm 2025"}


def test_the_public_gets_401(client, db, seller):
    response = client.get(BOOK.format(seller[0].id, "xlsx"), query_string={"year": today().year})
    assert response.status_code == 401


@pytest.mark.parametrize("query, field", [
    ({"year": today().year + 1}, "year"),
    ({"year": 2023}, "year"),
    ({"year": today().year, "quarter": 5}, "quarter"),
    ({"year": today().year, "quarter": 0}, "quarter"),
    ({"year": "hai nghìn"}, "year"),
    ({}, "year"),
])
def test_a_bad_period_is_a_422_naming_the_field(client, db, seller, query, field):
    merchant, _, headers = seller
    response = client.get(BOOK.format(merchant.id, "xlsx"), query_string=query, headers=headers)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_an_unknown_merchant_is_a_404_for_an_admin(client, db):
    response = client.get(BOOK.format(999_999, "xlsx"), query_string={"year": 2026},
                          headers=factories.auth_headers("admin"))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_the_year_the_merchant_registered_is_accepted(client, db, seller):
    merchant, _, headers = seller
    assert merchant.created_at.year == 2024 and date(2024, 1, 1) < today()
    response = client.get(BOOK.format(merchant.id, "xlsx"), query_string={"year": 2024}, headers=headers)
    assert response.status_code == 200
