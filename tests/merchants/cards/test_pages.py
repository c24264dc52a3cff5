import re
from urllib.parse import parse_qs, urlparse

from market.core.extensions import limiter
from tests import factories
from tests.merchants.cards.reading import parsed, png_payloads


def _sale_page(client, merchant, headers, **query):
    return client.get(f"/merchants/{merchant.id}/qr", query_string=query, headers=headers)


def test_a_merchant_types_an_amount_the_vietnamese_way_and_gets_a_full_screen_qr(client, db, auth):
    merchant = factories.payable_merchant()
    db.session.commit()
    page = _sale_page(client, merchant, auth("merchant", merchant=merchant), amount="1.234.567 ₫", purpose="Bún chả")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "qr-fullscreen" in html and "1.234.567 ₫" in html and "<script>" not in html
    src = re.search(r'<img src="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlparse(src).query)["amount"] == ["1234567"]
    png = client.get(src.replace("qr.svg", "qr.png"))
    qr = parsed(png_payloads(png.data)[0])
    # The stall's payment code, then the amount QR's own code (short payments), then the purpose, in 25 characters.
    assert qr.amount == "1234567"
    assert re.fullmatch(rf"{merchant.payment_code} TT[A-Z2-9]{{6}} Bun c", qr.additional_data.purpose)


def test_a_bad_amount_on_the_page_is_shown_next_to_the_field(client, db, auth):
    merchant = factories.payable_merchant()
    db.session.commit()
    headers = auth("merchant", merchant=merchant)
    for typed in ("12,5", "600.000.000"):
        page = _sale_page(client, merchant, headers, amount=typed)
        assert page.status_code == 400
        assert "field-error" in page.get_data(as_text=True) and "qr-fullscreen" not in page.get_data(as_text=True)


def test_only_the_merchant_or_its_managers_open_the_sale_qr_page(client, db, auth):
    merchant = factories.payable_merchant()
    other = factories.payable_merchant()
    db.session.commit()
    assert _sale_page(client, merchant, {}).status_code == 401
    assert _sale_page(client, merchant, auth("merchant", merchant=other)).status_code == 403
    assert _sale_page(client, merchant, auth("village_head", village=merchant.village)).status_code == 200


def test_the_sale_qr_page_says_why_a_merchant_without_a_confirmed_account_cannot_use_it(client, db, auth):
    merchant = factories.merchant()
    db.session.commit()
    page = _sale_page(client, merchant, auth("merchant", merchant=merchant), amount="10000")
    assert page.status_code == 409 and "chưa có tài khoản đã xác nhận" in page.get_data(as_text=True)


def test_checking_qr_codes_and_cards_shares_the_verify_rate_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_VERIFY="3/minute")
    client = app.test_client()
    with app.app_context():
        limiter.reset()
    codes = [client.post("/verify", data={"payload": "x"}).status_code for _ in range(2)]
    codes.append(client.get("/verify/ABCDEFGH23").status_code)
    codes.append(client.post("/verify", data={"payload": "x"}).status_code)
    assert codes == [200, 200, 404, 429]
