from datetime import date, datetime, timedelta, timezone

from tests import factories

URL = "/api/v1/transactions"


def _all_pages(client, headers, **query):
    seen, cursor = [], None
    while True:
        params = {**query, **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, query_string=params, headers=headers).json
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


def test_cursor_pages_walk_every_transaction_once_newest_first(client, auth, db):
    merchant = factories.merchant()
    start = datetime.now(timezone.utc) - timedelta(hours=3)
    # Several share one timestamp: the id breaks the tie so no row is skipped or repeated.
    rows = [factories.transaction(merchant, 1000 + i, occurred_at=start + timedelta(minutes=i // 3))
            for i in range(11)]
    seen = _all_pages(client, auth("admin"), limit=4)
    assert [r["id"] for r in seen] == [r.id for r in sorted(rows, key=lambda r: (r.occurred_at, r.id),
                                                             reverse=True)]


def test_a_merchant_sees_only_their_own_transactions(client, auth, db):
    mine, other = factories.merchant(), factories.merchant()
    factories.transaction(mine)
    factories.transaction(other)
    headers = auth("merchant", merchant=mine)
    assert {r["merchant_id"] for r in client.get(URL, headers=headers).json["items"]} == {mine.id}
    assert client.get(URL, query_string={"merchant": other.id}, headers=headers).status_code == 403


def test_a_village_head_sees_their_village_and_the_public_nothing(client, auth, db):
    village = factories.village()
    inside, outside = factories.merchant(village), factories.merchant()
    factories.transaction(inside)
    factories.transaction(outside)
    listed = client.get(URL, headers=auth("village_head", village=village)).json["items"]
    assert [r["merchant_id"] for r in listed] == [inside.id]
    assert client.get(URL).status_code == 401


def test_filters_by_market_street_method_and_local_days(client, auth, db):
    village = factories.village()
    at_market = factories.merchant(village, market_id=factories.market(village).id)
    on_street = factories.merchant(village, street_id=factories.street(village).id)
    now = datetime.now(timezone.utc)
    factories.transaction(at_market, method="cash", occurred_at=now - timedelta(days=3))
    recent = factories.transaction(at_market, method="vietqr", occurred_at=now - timedelta(minutes=1))
    factories.transaction(on_street, method="vietqr")
    headers = auth("admin")

    def ids(**query):
        return [r["id"] for r in client.get(URL, query_string=query, headers=headers).json["items"]]

    assert len(ids(market=at_market.market_id)) == 2
    assert len(ids(street=on_street.street_id)) == 1
    assert ids(market=at_market.market_id, method="vietqr") == [recent.id]
    day = recent.local_day.isoformat()
    assert ids(market=at_market.market_id, **{"from": day, "to": day}) == [recent.id]
    assert len(ids(village=village.id)) == 3


def test_a_forged_cursor_is_a_422_naming_the_cursor(client, auth, db):
    response = client.get(URL, query_string={"cursor": "not-a-cursor"}, headers=auth("admin"))
    assert response.status_code == 422 and "cursor" in response.json["error"]["fields"]


def test_commune_officers_see_only_their_commune(client, auth, db):
    home = factories.merchant(factories.village())
    away = factories.merchant(factories.village(commune_code="11995"))
    factories.transaction(home)
    factories.transaction(away)
    listed = client.get(URL, headers=auth("commune", commune_code=factories.COMMUNE)).json["items"]
    assert [r["merchant_id"] for r in listed] == [home.id]
    assert date.fromisoformat(listed[0]["local_day"])
