from market.core.audit import AuditEvent
from merchants.models import Card
from tests import factories
from tests.merchants.cards.reading import parsed, pdf_page_payloads, pdf_text, png_payloads

LONG_NAME = "Bà Nguyễn Thị Ngọc Ánh – Bánh đúc"


def _stall(db, **fields):
    village = factories.village()
    market = factories.market(village, name="Chợ Lạc Đạo")
    merchant = factories.payable_merchant(village, market_id=market.id, stall_number="12", **fields)
    db.session.commit()
    return village, merchant


def _static_payload(client, merchant):
    return client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]


def test_a_village_head_gets_a_card_png_that_scans_to_the_static_payload(client, db, auth):
    village, merchant = _stall(db)
    response = client.get(f"/api/v1/merchants/{merchant.id}/card.png",
                          headers=auth("village_head", village=village))
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["Cache-Control"].startswith("private")
    assert png_payloads(response.data) == [_static_payload(client, merchant)]
    db.session.expire_all()
    card = db.session.query(Card).filter_by(merchant_id=merchant.id).one()
    assert card.revoked_at is None and len(card.serial) == 10
    assert db.session.query(AuditEvent).filter_by(action="card.issue", entity_id=card.serial).count() == 1


def test_a_long_vietnamese_name_keeps_every_diacritic_on_the_card(client, db, auth):
    village, merchant = _stall(db, display_name=LONG_NAME)
    headers = auth("village_head", village=village)
    pdf = client.get(f"/api/v1/merchants/{merchant.id}/card.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(pdf_text(pdf.data).split())
    assert "Nguyễn Thị Ngọc Ánh" in text and "Bánh đúc" in text
    assert "Kiểm tra tên người nhận" in text
    assert pdf_page_payloads(pdf.data) == [[_static_payload(client, merchant)]]
    png = client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=headers)
    assert png_payloads(png.data) == [_static_payload(client, merchant)]


def test_asking_again_reuses_the_live_card_instead_of_issuing_another(client, db, auth):
    village, merchant = _stall(db)
    headers = auth("village_head", village=village)
    for _ in range(2):
        assert client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=headers).status_code == 200
    assert client.get(f"/api/v1/merchants/{merchant.id}/card.pdf", headers=headers).status_code == 200
    db.session.expire_all()
    assert db.session.query(Card).filter_by(merchant_id=merchant.id).count() == 1


def test_the_public_sees_the_issued_card_but_cannot_issue_one(client, db, auth):
    village, merchant = _stall(db)
    assert client.get(f"/api/v1/merchants/{merchant.id}/card.png").status_code == 404
    db.session.expire_all()
    assert db.session.query(Card).count() == 0
    issued = client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=auth("village_head", village=village))
    public = client.get(f"/api/v1/merchants/{merchant.id}/card.png")
    assert public.status_code == 200 and public.data == issued.data


def test_a_merchant_prints_their_own_card_but_not_a_neighbours(client, db, auth):
    village, merchant = _stall(db)
    neighbour = factories.payable_merchant(village)
    db.session.commit()
    headers = auth("merchant", merchant=merchant)
    assert client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=headers).status_code == 200
    assert client.post(f"/api/v1/merchants/{neighbour.id}/cards", headers=headers).status_code == 403


def test_card_size_a5_is_an_option_and_other_sizes_are_refused(client, db, auth):
    village, merchant = _stall(db)
    headers = auth("village_head", village=village)
    a5 = client.get(f"/api/v1/merchants/{merchant.id}/card.pdf", query_string={"size": "A5"}, headers=headers)
    assert a5.status_code == 200 and pdf_page_payloads(a5.data) == [[_static_payload(client, merchant)]]
    bad = client.get(f"/api/v1/merchants/{merchant.id}/card.png", query_string={"size": "A4"}, headers=headers)
    assert bad.status_code == 422 and "size" in bad.json["error"]["fields"]


def test_a_reprint_revokes_the_old_card_and_gets_a_new_serial(client, db, auth):
    village, merchant = _stall(db)
    headers = auth("village_head", village=village)
    client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=headers)
    old = client.get(f"/api/v1/merchants/{merchant.id}/card.png").headers["Content-Disposition"]
    response = client.post(f"/api/v1/merchants/{merchant.id}/cards", headers=headers)
    assert response.status_code == 201
    new_serial = response.json["serial"]
    assert new_serial not in old
    assert response.json["verify_url"] == f"https://cho40.test/verify/{new_serial}"
    db.session.expire_all()
    cards = db.session.query(Card).filter_by(merchant_id=merchant.id).order_by(Card.id).all()
    assert [c.revoked_reason for c in cards] == ["reprint", None]
    assert db.session.query(AuditEvent).filter_by(action="card.revoke").count() == 1


def test_an_unchanged_card_is_a_304_and_a_reprint_changes_its_etag(client, db, auth):
    village, merchant = _stall(db)
    headers = auth("village_head", village=village)
    url = f"/api/v1/merchants/{merchant.id}/card.png"
    etag = client.get(url, headers=headers).headers["ETag"]
    assert client.get(url, headers={**headers, "If-None-Match": etag}).status_code == 304
    client.post(f"/api/v1/merchants/{merchant.id}/cards", headers=headers)
    after = client.get(url, headers={**headers, "If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag


def test_no_card_is_issued_for_an_account_that_is_not_confirmed(client, db, auth):
    village = factories.village()
    merchant = factories.merchant(village)
    factories.account(merchant, status="pending")
    db.session.commit()
    response = client.get(f"/api/v1/merchants/{merchant.id}/card.pdf", headers=auth("village_head", village=village))
    assert response.status_code == 409
    assert response.json["error"]["fields"] == {"account": ["chưa có tài khoản đã xác nhận"]}
    db.session.expire_all()
    assert db.session.query(Card).count() == 0


def test_the_card_pays_a_card_number_with_the_card_service_code(client, db, auth):
    village = factories.village()
    merchant = factories.payable_merchant(village, account_fields={"kind": "card", "account_number": "9704361234567890"})
    db.session.commit()
    response = client.get(f"/api/v1/merchants/{merchant.id}/card.png", headers=auth("village_head", village=village))
    qr = parsed(png_payloads(response.data)[0])
    assert qr.is_valid and qr.consumer.bank_number == "9704361234567890"
    assert qr.provider.service == "QRIBFTTC"


def test_a_card_printed_from_an_english_browser_is_still_vietnamese(client, db, auth):
    from flask_babel import gettext, refresh

    from merchants.cards.render import card_info

    merchant = factories.payable_merchant(stall_number="12", market_id=factories.market().id)
    card = factories.card(merchant)
    db.session.commit()
    with client.application.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        assert gettext("Sạp %(stall_number)s", stall_number="12") == "Stall 12"  # the page would say so
        assert card_info(card, "https://cho40.test").stall == "Sạp 12"
