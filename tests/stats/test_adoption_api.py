"""GET /api/v1/stats/adoption against figures recomputed in Python from the raw rows."""
from datetime import date, datetime, time, timedelta, timezone

import pytest

from tests import factories
from tests.stats.expected import DAY, HCM, expected

LONG_AGO = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _merchant(village, **fields):
    """A merchant registered long before the days the test looks at."""
    return factories.merchant(village, created_at=LONG_AGO, **fields)


def _get(client, headers, scope, day=DAY, window=30):
    response = client.get("/api/v1/stats/adoption", query_string={"scope": scope, "date": day.isoformat(),
                                                                    "window": window}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def _assert_matches(body, want):
    for name in ("merchants_total", "merchants_accepting", "merchants_transacting", "acceptance_rate",
                 "activity_rate", "cashless_share_count", "cashless_share_value"):
        assert body[name] == want[name], name
    tx = body["transactions"]
    assert (tx["count"], tx["value"]) == (want["count"], want["value"])
    assert (tx["cashless_count"], tx["cashless_value"]) == (want["cashless_count"], want["cashless_value"])
    assert {r["method"]: (r["count"], r["value"]) for r in tx["by_method"]} == want["by_method"]
    assert (body["ocop"]["producers"], body["ocop"]["online"]) == (want["ocop_producers"], want["ocop_online"])


@pytest.mark.parametrize("day,window", [(DAY, 30), (DAY, 1), (DAY, 7), (date(2026, 2, 28), 31), (DAY, 366),
                                        (DAY + timedelta(days=4), 10)])
def test_every_scope_matches_the_figures_recomputed_from_raw_rows(client, auth, village_data, day, window):
    raw, places = village_data
    headers = auth("admin")
    (village, market, street), _ = places
    scopes = {
        f"village:{village.id}": lambda m: m["village_id"] == village.id,
        f"market:{market.id}": lambda m: m["market_id"] == market.id,
        f"street:{street.id}": lambda m: m["street_id"] == street.id,
        f"commune:{factories.COMMUNE}": lambda m: True,
    }
    for scope, in_scope in scopes.items():
        _assert_matches(_get(client, headers, scope, day, window), expected(raw, in_scope, day, window))


def test_the_random_dataset_exercises_every_case_the_figures_distinguish(village_data):
    raw, _ = village_data
    assert {m["history"][0][1] for m in raw.merchants} >= {"active", "suspended", "pending", "closed"}
    changed = [m for m in raw.merchants if len(m["history"]) > 1]
    cutoff = datetime.combine(DAY + timedelta(days=1), time(0), HCM).astimezone(timezone.utc)
    # Changes on both sides of the day the figures are taken: the status then, not today's, decides.
    assert any(m["history"][1][0] < cutoff for m in changed) and any(m["history"][1][0] >= cutoff for m in changed)
    changed = [a for a in raw.accounts if len(a["history"]) > 1]
    assert any(a["history"][1][0] < cutoff for a in changed) and any(a["history"][1][0] >= cutoff for a in changed)
    assert any(t["reverses"] for t in raw.transactions) and raw.tallies and raw.products
    assert expected(raw, lambda m: True, DAY, 30)["merchants_transacting"] > 0


def test_a_sale_at_half_past_eleven_at_night_belongs_to_that_local_day(client, auth, db):
    village = factories.village()
    late, early = _merchant(village), _merchant(village)
    factories.stats_transaction(late, 50_000, occurred_at=datetime.combine(DAY, time(23, 30), HCM))
    factories.stats_transaction(early, 70_000, occurred_at=datetime.combine(DAY + timedelta(days=1), time(0, 30), HCM))
    db.session.commit()
    body = _get(client, auth("admin"), f"village:{village.id}", DAY, 1)
    assert body["merchants_transacting"] == 1
    assert body["transactions"]["value"] == 50_000
    next_day = _get(client, auth("admin"), f"village:{village.id}", DAY + timedelta(days=1), 1)
    assert next_day["transactions"]["value"] == 70_000


def test_a_reversed_sale_no_longer_makes_a_merchant_transacting(client, auth, db):
    village = factories.village()
    seller = _merchant(village)
    factories.stats_reversal(factories.stats_transaction(seller, 90_000, occurred_at=datetime.combine(
        DAY, time(10), HCM)))
    db.session.commit()
    body = _get(client, auth("admin"), f"village:{village.id}")
    assert body["merchants_transacting"] == 0
    assert body["transactions"]["count"] == 0 and body["transactions"]["value"] == 0


def test_suspended_merchants_are_not_counted_but_their_reported_sales_are(client, auth, db):
    village = factories.village()
    factories.account(_merchant(village), created_at=LONG_AGO)
    suspended = _merchant(village, status="suspended")
    factories.account(suspended, created_at=LONG_AGO)
    factories.stats_transaction(suspended, 10_000, "card", occurred_at=datetime.combine(DAY, time(9), HCM))
    db.session.commit()
    body = _get(client, auth("admin"), f"village:{village.id}")
    assert (body["merchants_total"], body["merchants_accepting"], body["merchants_transacting"]) == (1, 1, 0)
    assert body["transactions"]["cashless_count"] == 1


def test_an_empty_scope_gives_zeros_and_null_rates(client, db):
    village = factories.village()
    db.session.commit()
    body = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}"}).json
    assert body["merchants_total"] == 0 and body["transactions"]["count"] == 0
    assert body["acceptance_rate"] is None and body["activity_rate"] is None
    assert body["cashless_share_count"] is None and body["cashless_share_value"] is None


@pytest.mark.parametrize("query,field", [
    ({"scope": "village"}, "scope"), ({"scope": "town:1"}, "scope"), ({"scope": "village:x"}, "scope"),
    ({"scope": "commune:123"}, "scope"), ({}, "scope"), ({"scope": "village:1", "window": 0}, "window"),
    ({"scope": "village:1", "window": 367}, "window"), ({"scope": "village:1", "date": "2026-02-30"}, "date"),
    ({"scope": "village:1", "date": "0001-01-01"}, "date"), ({"scope": "village:1", "bogus": 1}, "bogus"),
])
def test_bad_parameters_are_refused_naming_the_field(client, db, query, field):
    response = client.get("/api/v1/stats/adoption", query_string=query)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


@pytest.mark.parametrize("scope", ["village:999999", "market:5", "street:2147483647", "commune:99999"])
def test_an_unknown_place_is_a_404(client, db, scope):
    assert client.get("/api/v1/stats/adoption", query_string={"scope": scope}).status_code == 404


def test_the_public_never_sees_the_takings_of_a_scope_with_fewer_than_three_merchants(client, auth, db):
    village = factories.village()
    for _ in range(2):
        factories.stats_transaction(factories.merchant(village), 120_000,
                                    occurred_at=datetime.now(timezone.utc))
    db.session.commit()
    public = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}"}).json
    assert public["values_hidden"] is True and public["transactions"]["value"] is None
    assert all(row["value"] is None for row in public["transactions"]["by_method"])
    assert public["transactions"]["count"] == 2
    head = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}"},
                      headers=auth("village_head", village=village)).json
    assert head["transactions"]["value"] == 240_000
