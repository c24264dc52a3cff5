"""The merchant's history: day/week/month/year spans, totals by method, search, keyset pages."""
from datetime import datetime, timedelta, timezone

from market.core.clock import local_day
from tests import factories
from tests.merchants.books.conftest import credit

HISTORY = "/api/v1/merchants/{}/history"
NOON = datetime(2025, 6, 11, 5, tzinfo=timezone.utc)  # 12:00 in Viet Nam, a Wednesday


def test_each_span_holds_its_own_days_with_totals_by_method(client, db, seller):
    merchant, _, headers = seller
    factories.transaction(merchant, 40_000, "cash", occurred_at=NOON)
    factories.transaction(merchant, 60_000, "vietqr", occurred_at=NOON + timedelta(days=2))  # Friday
    factories.transaction(merchant, 5_000, "ewallet", occurred_at=NOON + timedelta(days=25))  # July
    factories.stats_tally(merchant, local_day(NOON) - timedelta(days=1), cash=(3, 90_000))
    db.session.commit()
    expected = {"day": (40_000, 40_000), "week": (100_000, 190_000), "month": (100_000, 190_000),
                "year": (105_000, 195_000)}
    for view, (sales, revenue) in expected.items():
        body = client.get(HISTORY.format(merchant.id), query_string={"view": view, "day": "2025-06-11"},
                          headers=headers).json
        assert sum(total["value"] for total in body["methods"].values()) == sales, view
        assert body["revenue"] == revenue, view
    week = client.get(HISTORY.format(merchant.id), query_string={"view": "week", "day": "2025-06-11"},
                      headers=headers).json
    assert (week["start"], week["end"]) == ("2025-06-09", "2025-06-15")
    assert week["methods"]["cash"] == {"count": 1, "value": 40_000}
    assert week["methods"]["vietqr"] == {"count": 1, "value": 60_000}
    assert week["tally_cash"] == 90_000


def test_search_finds_an_amount_or_words_of_the_memo(client, db, seller):
    merchant, _, headers = seller
    factories.transaction(merchant, 45_000, "cash", occurred_at=NOON, note="Bún chả")
    credit(merchant, 120_000, occurred_at=NOON, note="TRAN THI B tra no")
    factories.transaction(merchant, 7_000, "cash", occurred_at=NOON)
    db.session.commit()

    def found(q):
        body = client.get(HISTORY.format(merchant.id), query_string={"view": "month", "day": "2025-06-01", "q": q},
                          headers=headers).json
        return sorted(item["amount"] for item in body["items"])

    assert found("45.000") == [45_000]
    assert found("tra no") == [120_000]
    assert found("100%") == []


def test_keyset_pages_walk_every_row_once_newest_first(client, db, seller):
    merchant, _, headers = seller
    ids = [factories.transaction(merchant, 1_000 + n, "cash", occurred_at=NOON + timedelta(minutes=n % 5)).id
           for n in range(23)]
    db.session.commit()
    seen, cursor = [], None
    while True:
        query = {"view": "day", "day": "2025-06-11", "limit": 10, **({"cursor": cursor} if cursor else {})}
        body = client.get(HISTORY.format(merchant.id), query_string=query, headers=headers).json
        seen += [(item["occurred_at"], item["id"]) for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(ident for _, ident in seen) == sorted(ids)
    assert seen == sorted(seen, reverse=True)


def test_a_bad_history_query_is_a_422_naming_the_field(client, db, seller):
    merchant, _, headers = seller
    for query, field in (({"view": "decade"}, "view"), ({"day": "2025-13-01"}, "day"),
                         ({"cursor": "not-a-cursor"}, "cursor")):
        response = client.get(HISTORY.format(merchant.id), query_string=query, headers=headers)
        assert response.status_code == 422
        assert field in response.json["error"]["fields"]


def test_the_history_page_shows_the_day_at_360_px_with_its_sales(client, db, seller):
    merchant, user, _ = seller
    factories.transaction(merchant, 45_000, "cash", occurred_at=NOON, note="Bún chả")
    db.session.commit()
    factories.login_as(client, user)
    page = client.get("/so-sach/?view=day&day=2025-06-11")
    assert page.status_code == 200
    assert "45.000 đ" in page.text and "Bún chả" in page.text and "11/06/2025" in page.text
    assert 'name="viewport"' in page.text and "Hủy giao dịch này" in page.text
    home = client.get("/auth/account")
    assert "/so-sach/" in home.text and "/so-sach/doanh-thu" in home.text


def test_the_history_page_follows_the_language_switch(client, db, seller):
    _, user, _ = seller
    factories.login_as(client, user)
    # Only one language per test: the `db` fixture's app context (and Flask-Babel's cached locale) spans requests.
    english = client.get("/so-sach/?view=month", headers={"Accept-Language": "en"}).text
    assert "Sales history" in english and "Month " in english and "Lịch sử bán hàng" not in english
