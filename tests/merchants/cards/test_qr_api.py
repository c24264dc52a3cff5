from merchants.cards import render
from tests import factories
from tests.merchants.cards.reading import parsed, png_payloads


def _merchant(db, **account_fields):
    merchant = factories.payable_merchant(account_fields=account_fields or None)
    db.session.commit()
    return merchant


def test_static_qr_png_scans_to_the_primary_account_of_the_merchant(client, db):
    merchant = _merchant(db, bin="970436", account_number="1012345678")
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    [text] = png_payloads(response.data)
    qr = parsed(text)
    assert qr.is_valid and qr.init_method == "11"
    assert (qr.consumer.bank_bin, qr.consumer.bank_number, qr.amount) == ("970436", "1012345678", None)
    assert client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"] == text


def test_sale_qr_with_amount_and_purpose_scans_to_that_amount(client, db):
    merchant = _merchant(db)
    query = {"amount": "25.000 ₫", "purpose": "Rau muống bà Hoà"}
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.png", query_string=query)
    assert response.status_code == 200
    qr = parsed(png_payloads(response.data)[0])
    assert qr.is_valid and qr.init_method == "12"
    assert qr.amount == "25000"
    # The merchant's payment code comes first (it routes a shared account's credit to this stall).
    assert qr.additional_data.purpose == f"{merchant.payment_code} Rau muong ba H"


def test_amounts_typed_the_vietnamese_or_english_way_are_read_as_whole_dong(client, db):
    merchant = _merchant(db)
    for typed in ("1.234.567 ₫", "1,234,567", "1234567", "1 234 567đ"):
        response = client.get(f"/api/v1/merchants/{merchant.id}/qr.json", query_string={"amount": typed})
        assert response.status_code == 200, (typed, response.json)
        assert response.json["amount"] == 1234567
        assert parsed(response.json["payload"]).amount == "1234567"


def test_a_bad_amount_is_refused_with_400_naming_the_amount(client, db):
    merchant = _merchant(db)
    for typed in ("0", "500000000", "12,5", "1.23.456", "mười nghìn", "-5"):
        response = client.get(f"/api/v1/merchants/{merchant.id}/qr.png", query_string={"amount": typed})
        assert response.status_code == 400, typed
        assert "amount" in response.json["error"]["fields"]


def test_a_purpose_too_long_for_bank_apps_is_refused_naming_the_purpose(client, db):
    merchant = _merchant(db)
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.svg",
                          query_string={"amount": "10000", "purpose": "Tiền hàng tháng mười hai năm nay"})
    assert response.status_code == 400
    assert list(response.json["error"]["fields"]) == ["purpose"]


def test_svg_variant_is_a_standalone_svg_document(client, db):
    merchant = _merchant(db)
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg") and b"<path" in response.data


def test_a_repeated_qr_request_is_a_304_and_costs_no_render(client, db):
    merchant = _merchant(db)
    url = f"/api/v1/merchants/{merchant.id}/qr.png"
    first = client.get(url, query_string={"amount": "77000"})
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith('W/')
    misses = render.qr_png.cache_info().misses
    again = client.get(url, query_string={"amount": "77000"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    plain = client.get(url, query_string={"amount": "77000"})
    assert plain.data == first.data and plain.headers["ETag"] == etag
    assert render.qr_png.cache_info().misses == misses
    other = client.get(url, query_string={"amount": "77001"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag


def test_a_merchant_without_a_confirmed_account_gets_a_clear_409(client, db):
    merchant = factories.merchant()
    factories.account(merchant, status="pending")
    db.session.commit()
    response = client.get(f"/api/v1/merchants/{merchant.id}/qr.png")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "no_confirmed_account"
    assert "chưa có tài khoản đã xác nhận" in response.json["error"]["message"]


def test_the_qr_of_a_merchant_that_is_not_active_is_not_public(client, db):
    merchants = [factories.payable_merchant(status=status) for status in ("pending", "suspended", "closed")]
    db.session.commit()
    for merchant in merchants:
        assert client.get(f"/api/v1/merchants/{merchant.id}/qr.png").status_code == 404, merchant.status


def test_an_unknown_merchant_has_no_qr(client, db):
    response = client.get("/api/v1/merchants/987654/qr.json")
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"
