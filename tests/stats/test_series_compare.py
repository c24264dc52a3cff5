"""Monthly series and the commune comparison, checked against the Python oracle."""
import calendar
from datetime import date

from sqlalchemy import event

from market.core.extensions import db as _db
from tests import factories
from tests.stats.expected import expected


def test_each_month_is_the_figures_as_of_its_last_day_over_that_month(client, auth, village_data):
    raw, places = village_data
    village = places[0][0]
    # From before the first account to after the last status change of the dataset.
    response = client.get("/api/v1/stats/series", query_string={"scope": f"village:{village.id}", "from": "2025-11",
                                                                "to": "2026-07"}, headers=auth("admin"))
    assert response.status_code == 200, response.json
    months = response.json["months"]
    assert [m["month"] for m in months] == [f"2025-{n}" for n in (11, 12)] + [f"2026-0{n}" for n in range(1, 8)]
    for month in months:
        year, number = map(int, month["month"].split("-"))
        days = calendar.monthrange(year, number)[1]
        want = expected(raw, lambda m: m["village_id"] == village.id, date(year, number, days), days)
        assert (month["merchants_total"], month["merchants_accepting"], month["merchants_transacting"]) == (
            want["merchants_total"], want["merchants_accepting"], want["merchants_transacting"]), month["month"]
        assert month["cashless_share_value"] == want["cashless_share_value"]
        assert month["transactions"]["count"] == want["count"]


def test_a_series_longer_than_36_months_or_backwards_is_refused_naming_to(client, db):
    for first, last in (("2023-01", "2026-01"), ("2026-03", "2026-01")):
        response = client.get("/api/v1/stats/series", query_string={"scope": "village:1", "from": first, "to": last})
        assert response.status_code == 422
        assert "to" in response.json["error"]["fields"]


def test_a_series_costs_the_same_number_of_queries_for_3_or_36_months(client, db):
    village = factories.village()
    factories.merchant(village)
    db.session.commit()
    counts = []
    for first in ("2026-01", "2023-04"):
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(_db.engine, "before_cursor_execute", listener)
        response = client.get("/api/v1/stats/series", query_string={"scope": f"village:{village.id}",
                                                                    "from": first, "to": "2026-03"})
        event.remove(_db.engine, "before_cursor_execute", listener)
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_compare_lists_every_village_market_and_street_sorted_as_asked(client, auth, village_data):
    raw, places = village_data
    response = client.get("/api/v1/stats/compare", query_string={"commune": factories.COMMUNE, "date": "2026-03-02",
                                                                 "sort": "acceptance_rate", "order": "desc"},
                          headers=auth("admin"))
    assert response.status_code == 200, response.json
    rows = response.json["rows"]
    assert len(rows) == 6
    rates = [r["acceptance_rate"] for r in rows if r["acceptance_rate"] is not None]
    assert rates == sorted(rates, reverse=True)
    for village, market, street in places:
        by_key = {(r["kind"], r["id"]): r for r in rows}
        for kind, place, column in (("village", village, "village_id"), ("market", market, "market_id"),
                                    ("street", street, "street_id")):
            want = expected(raw, lambda m, c=column, i=place.id: m[c] == i, date(2026, 3, 2), 30)
            assert by_key[(kind, place.id)]["merchants_accepting"] == want["merchants_accepting"]
            assert by_key[(kind, place.id)]["cashless_share_count"] == want["cashless_share_count"]


def test_compare_refuses_an_unknown_sort_field(client, db):
    response = client.get("/api/v1/stats/compare", query_string={"commune": factories.COMMUNE, "sort": "revenue"})
    assert response.status_code == 422 and "sort" in response.json["error"]["fields"]
