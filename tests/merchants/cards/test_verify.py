from market.auth.principal import SYSTEM
from merchants.cards.issue import revoke_cards
from tests import factories


def _carded(db, **fields):
    village = factories.village()
    street = factories.street(village, name="Đường Lạc Đạo")
    merchant = factories.payable_merchant(village, street_id=street.id, house_number="45",
                                          account_fields={"account_number": "1099995678",
                                                          "holder_name": "NGUYEN THI NGOC ANH"}, **fields)
    card = factories.card(merchant)
    db.session.commit()
    return merchant, card


def test_a_genuine_card_shows_what_to_compare_with_the_bank_app(client, db):
    merchant, card = _carded(db, display_name="Bà Nguyễn Thị Ngọc Ánh – Bánh đúc")
    page = client.get(f"/verify/{card.serial}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Thẻ thật" in html and "Bà Nguyễn Thị Ngọc Ánh – Bánh đúc" in html
    assert "Đường Lạc Đạo" in html and "Vietcombank" in html
    assert "••••5678" in html and "1099995678" not in html
    assert "NGUYEN THI NGOC ANH" in html


def test_the_verify_api_answers_the_same_in_json(client, db):
    merchant, card = _carded(db)
    body = client.get(f"/api/v1/cards/{card.serial.lower()}").json
    assert body["status"] == "genuine" and body["serial"] == card.serial
    assert body["account_masked"] == "••••5678" and body["bank_short_name"] == "Vietcombank"
    assert body["merchant"] == {"display_name": merchant.display_name, "place": "Đường Lạc Đạo", "stall": "45"}


def test_a_revoked_card_says_it_was_withdrawn(client, db):
    merchant, card = _carded(db)
    revoke_cards(SYSTEM, reason="account_changed", account_id=card.account_id)
    db.session.commit()
    html = client.get(f"/verify/{card.serial}").get_data(as_text=True)
    assert "đã thu hồi" in html and "Thẻ thật" not in html
    assert client.get(f"/api/v1/cards/{card.serial}").json["status"] == "revoked"


def test_a_card_of_a_suspended_merchant_no_longer_counts_as_genuine(client, db):
    merchant, card = _carded(db)
    merchant.status = "suspended"
    db.session.commit()
    assert client.get(f"/api/v1/cards/{card.serial}").json["status"] == "revoked"


def test_an_unknown_serial_is_flagged_as_possibly_fake(client, db):
    page = client.get("/verify/ABCDEFGH23")
    assert page.status_code == 404 and "có thể là giả" in page.get_data(as_text=True)
    api = client.get("/api/v1/cards/ABCDEFGH23")
    assert api.status_code == 404 and api.json["error"]["code"] == "unknown_card"
    assert client.get("/api/v1/cards/not-a-serial!").status_code == 404


def test_a_serial_typed_with_dashes_and_lower_case_is_found(client, db):
    merchant, card = _carded(db)
    typed = f"{card.serial[:5].lower()}-{card.serial[5:].lower()}"
    response = client.get("/verify", query_string={"serial": typed})
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code == 200
