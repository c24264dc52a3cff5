from merchants.models import Card
from tests import factories
from tests.merchants.cards.reading import pdf_page_payloads


def _street(db, stalls=("10", "2", "7", "1", "3"), without_account=1):
    village = factories.village()
    street = factories.street(village, name="Đường Chợ Cũ")
    merchants = [factories.payable_merchant(village, street_id=street.id, house_number=n) for n in stalls]
    for _ in range(without_account):
        factories.merchant(village, street_id=street.id, house_number="99")
    db.session.commit()
    return village, street, merchants


def _payload(client, merchant):
    return client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]


def test_a_street_sheet_holds_every_payable_card_four_per_page_in_house_number_order(client, db, auth):
    village, street, merchants = _street(db)
    response = client.get("/api/v1/cards.pdf", query_string={"street": street.id},
                          headers=auth("village_head", village=village))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.is_streamed
    assert (response.headers["X-Cards-Count"], response.headers["X-Cards-Skipped"]) == ("5", "1")
    by_number = {m.house_number: _payload(client, m) for m in merchants}
    pages = pdf_page_payloads(response.get_data())
    assert [len(page) for page in pages] == [4, 1]
    assert sorted(pages[0]) == sorted(by_number[n] for n in ("1", "2", "3", "7"))
    assert pages[1] == [by_number["10"]]
    db.session.expire_all()
    assert db.session.query(Card).filter(Card.revoked_at.is_(None)).count() == 5


def test_printing_the_sheet_again_reuses_the_same_cards(client, db, auth):
    village, street, _ = _street(db, stalls=("1", "2"), without_account=0)
    headers = auth("village_head", village=village)
    for _ in range(2):
        assert client.get("/api/v1/cards.pdf", query_string={"street": street.id}, headers=headers).status_code == 200
    db.session.expire_all()
    assert db.session.query(Card).count() == 2


def test_a_market_sheet_and_a_village_sheet_are_available_too(client, db, auth):
    village = factories.village()
    market = factories.market(village)
    factories.payable_merchant(village, market_id=market.id, stall_number="A1")
    factories.payable_merchant(village)
    db.session.commit()
    headers = auth("village_head", village=village)
    market_sheet = client.get("/api/v1/cards.pdf", query_string={"market": market.id}, headers=headers)
    village_sheet = client.get("/api/v1/cards.pdf", query_string={"village": village.id}, headers=headers)
    assert market_sheet.headers["X-Cards-Count"] == "1" and village_sheet.headers["X-Cards-Count"] == "2"
    assert [len(page) for page in pdf_page_payloads(village_sheet.get_data())] == [2]


def test_another_villages_head_and_the_public_cannot_print_the_sheet(client, db, auth):
    village, street, _ = _street(db, stalls=("1",), without_account=0)
    other = factories.village()
    db.session.commit()
    query = {"street": street.id}
    assert client.get("/api/v1/cards.pdf", query_string=query,
                      headers=auth("village_head", village=other)).status_code == 403
    assert client.get("/api/v1/cards.pdf", query_string=query).status_code == 401
    db.session.expire_all()
    assert db.session.query(Card).count() == 0


def test_the_sheet_needs_exactly_one_scope(client, db, auth):
    headers = auth("admin")
    for query in ({}, {"street": 1, "market": 2}):
        response = client.get("/api/v1/cards.pdf", query_string=query, headers=headers)
        assert response.status_code == 422
        assert set(response.json["error"]["fields"]) == {"street", "market", "village"}


def test_a_street_without_any_confirmed_account_is_a_clear_refusal(client, db, auth):
    village, street, _ = _street(db, stalls=(), without_account=2)
    response = client.get("/api/v1/cards.pdf", query_string={"street": street.id}, headers=auth("admin"))
    assert response.status_code == 409 and response.json["error"]["code"] == "no_printable_cards"


def test_the_print_page_lists_each_sheet_with_its_card_count(client, db, auth):
    village, street, _ = _street(db, stalls=("1", "2", "3"), without_account=1)
    page = client.get("/cards/print", headers=auth("village_head", village=village))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Đường Chợ Cũ" in html and "thiếu 1 tài khoản" in html
    assert f"/api/v1/cards.pdf?street={street.id}" in html and 'data-cards="3"' in html
    assert "cards_print.js" in html and "<script>" not in html
    assert client.get("/cards/print").status_code == 401
    choice = client.get("/cards/print", headers=auth("admin"))
    assert choice.status_code == 200 and f'href="/cards/print?village={village.id}"' in choice.get_data(as_text=True)


def test_the_print_page_refuses_cards_that_would_carry_a_loopback_address(app, client, db, auth, monkeypatch):
    village, _, _ = _street(db, stalls=("1",), without_account=0)
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    html = client.get("/cards/print", headers=auth("village_head", village=village)).get_data(as_text=True)
    assert "Chưa in được thẻ" in html and "PUBLIC_BASE_URL" in html and "/api/v1/cards.pdf" not in html


def test_a_sheet_downloads_under_the_name_of_its_place_and_day(client, db, auth):
    from market.core.clock import today

    village, street, _ = _street(db, stalls=("1",), without_account=0)
    response = client.get("/api/v1/cards.pdf", query_string={"street": street.id},
                          headers=auth("village_head", village=village))
    disposition = response.headers["Content-Disposition"]
    assert f'filename="the-qr-duong-cho-cu-{today():%Y-%m-%d}.pdf"' in disposition
    assert "filename*=UTF-8''Th%E1%BA%BB%20QR%20-%20%C4%90%C6%B0%E1%BB%9Dng%20Ch%E1%BB%A3%20C%C5%A9" in disposition
