from market.transactions.models import Transaction
from tests import factories


def _merchant_user(db):
    merchant = factories.merchant()
    return merchant, factories.user("merchant", merchant=merchant)


def test_a_logged_in_merchant_records_a_sale_and_sees_it_confirmed_with_todays_totals(client, db):
    merchant, user = _merchant_user(db)
    factories.login_as(client, user)
    page = client.get("/ban-hang/")
    assert page.status_code == 200
    assert "Ghi bán hàng" in page.text and 'name="idempotency_key"' in page.text
    response = client.post("/ban-hang/", data={"amount": "45.000", "method": "cash", "idempotency_key": "k-1"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Đã ghi" in response.text and "45.000 đ" in response.text
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.amount, row.method, row.source) == (merchant.id, 45_000, "cash", "self_report")


def test_submitting_the_same_sale_form_twice_records_it_once(client, db):
    _, user = _merchant_user(db)
    factories.login_as(client, user)
    form = {"amount": "20000", "method": "vietqr", "idempotency_key": "form-abc"}
    client.post("/ban-hang/", data=form)
    client.post("/ban-hang/", data=form)
    assert db.session.query(Transaction).count() == 1


def test_the_sale_page_shows_field_errors_and_saves_nothing_for_a_bad_amount(client, db):
    _, user = _merchant_user(db)
    factories.login_as(client, user)
    response = client.post("/ban-hang/", data={"amount": "abc", "method": "cash", "idempotency_key": "x1"})
    assert response.status_code == 422
    assert "field-error" in response.text
    response = client.post("/ban-hang/", data={"amount": "600.000.000", "method": "vietqr",
                                               "idempotency_key": "x2"})
    assert response.status_code == 422
    assert "500.000.000" in response.text
    assert db.session.query(Transaction).count() == 0


def test_todays_totals_are_net_of_reversals_and_count_only_this_merchant(client, db):
    merchant, user = _merchant_user(db)
    sale = factories.transaction(merchant, 30_000, "cash")
    factories.transaction(merchant, 70_000, "vietqr")
    factories.transaction(merchant, -30_000, "cash", reverses_id=sale.id)
    factories.transaction(factories.merchant(), 999_000, "cash")
    factories.login_as(client, user)
    text = client.get("/ban-hang/").text
    assert "70.000 đ</strong> · 1 lượt" in text
    assert "999.000" not in text


def test_the_public_cannot_open_the_sale_page(client, db):
    response = client.get("/ban-hang/", headers={"Accept": "text/html"})
    assert response.status_code in (302, 401)


def test_a_village_head_is_not_offered_the_merchant_sale_page(client, db):
    village = factories.village()
    factories.login_as(client, factories.user("village_head", village=village))
    assert client.get("/ban-hang/").status_code == 403


def test_the_sale_page_works_without_inline_scripts_or_styles(client, db):
    _, user = _merchant_user(db)
    factories.login_as(client, user)
    text = client.get("/ban-hang/").text
    assert "<script>" not in text and "style=" not in text
    assert 'src="/static/sale.js?v=' in text
    for label in ("QR", "Chuyển khoản", "Ví", "Thẻ", "Tiền mặt"):
        assert f"<span>{label}</span>" in text
