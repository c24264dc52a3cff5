from tests import factories


def _names(response):
    assert response.status_code == 200, response.json
    return [item["display_name"] for item in response.json["items"]]


def test_searching_without_accents_finds_names_with_accents(client, db):
    village = factories.village()
    factories.merchant(village, display_name="Cà phê Đồng Quê", search_text="ca phe dong que | x")
    factories.merchant(village, display_name="Tạp hoá Minh", search_text="tap hoa minh | y")
    db.session.commit()
    assert _names(client.get("/api/v1/merchants", query_string={"q": "ca phe"})) == ["Cà phê Đồng Quê"]
    assert _names(client.get("/api/v1/merchants", query_string={"q": "Cà Phê"})) == ["Cà phê Đồng Quê"]


def test_the_public_cannot_find_a_merchant_by_its_owners_name(client, auth, db):
    factories.merchant(display_name="Tạp hoá Minh", search_text="tap hoa minh | tran van binh")
    db.session.commit()
    assert _names(client.get("/api/v1/merchants", query_string={"q": "tran van"})) == []
    found = client.get("/api/v1/merchants", query_string={"q": "tran van"}, headers=auth("admin"))
    assert _names(found) == ["Tạp hoá Minh"]


def test_the_public_list_shows_only_active_merchants_without_phones(client, db):
    village = factories.village()
    factories.merchant(village, display_name="A đang bán")
    factories.merchant(village, display_name="B chờ duyệt", status="pending")
    db.session.commit()
    body = client.get("/api/v1/merchants").json
    assert [item["display_name"] for item in body["items"]] == ["A đang bán"]
    assert "phone" not in body["items"][0]


def test_a_village_head_lists_every_status_of_their_village_only(client, auth, db):
    mine, other = factories.village(), factories.village()
    factories.merchant(mine, display_name="Chờ duyệt", status="pending")
    factories.merchant(other, display_name="Thôn khác")
    response = client.get("/api/v1/merchants", headers=auth("village_head", village=mine))
    assert _names(response) == ["Chờ duyệt"]
    assert response.json["items"][0]["phone"]


def test_filters_by_market_street_status_ocop_and_qr(client, auth, db):
    village = factories.village()
    market, street = factories.market(village), factories.street(village)
    in_market = factories.merchant(village, display_name="Sạp chợ", market_id=market.id, stall_number="1")
    factories.account(in_market)
    factories.merchant(village, display_name="Nhà mặt đường", street_id=street.id, is_ocop=True)
    factories.merchant(village, display_name="Tạm dừng", status="suspended")
    headers = auth("admin")

    def names(**query):
        return _names(client.get("/api/v1/merchants", query_string=query, headers=headers))

    assert names(market=market.id) == ["Sạp chợ"]
    assert names(street=street.id) == ["Nhà mặt đường"]
    assert names(status="suspended") == ["Tạm dừng"]
    assert names(ocop="true") == ["Nhà mặt đường"]
    assert names(has_qr="true") == ["Sạp chợ"]
    assert sorted(names(has_qr="false")) == ["Nhà mặt đường", "Tạm dừng"]
    assert names(village=village.id, sort="-name") == ["Tạm dừng", "Sạp chợ", "Nhà mặt đường"]


def test_pagination_reports_the_total_and_the_pages(client, db):
    village = factories.village()
    for n in range(7):
        factories.merchant(village, display_name=f"Sạp {n:02d}")
    db.session.commit()
    body = client.get("/api/v1/merchants", query_string={"per_page": 3, "page": 3}).json
    assert body["total"] == 7 and body["pages"] == 3 and body["page"] == 3
    assert [item["display_name"] for item in body["items"]] == ["Sạp 06"]


def test_bad_query_parameters_are_refused(client, db):
    for query in ({"per_page": 1000}, {"status": "open"}, {"sort": "phone"}, {"page": 0}):
        response = client.get("/api/v1/merchants", query_string=query)
        assert response.status_code == 422, query
