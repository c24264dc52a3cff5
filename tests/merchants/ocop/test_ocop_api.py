from datetime import date, timedelta

from merchants.models import Merchant
from tests import factories

PRODUCT = {"name": "Chè Thái Nguyên Tân Cương", "group": 2, "stars": 4, "level": "province",
           "certificate_number": "123/QĐ-UBND", "issued_on": "2024-02-29",
           "channels": [{"label": "Postmart", "url": "https://postmart.vn/shop/che"}]}


def test_adding_a_product_computes_the_expiry_and_marks_an_ocop_producer(client, auth, db):
    merchant = factories.merchant()
    response = client.post(f"/api/v1/merchants/{merchant.id}/products", json=PRODUCT,
                           headers=auth("merchant", merchant=merchant))
    assert response.status_code == 201, response.json
    assert response.json["expires_on"] == "2027-02-28"
    assert response.json["group_name"] == "Đồ uống"
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).is_ocop is True


def test_five_stars_must_be_certified_centrally(client, auth, db):
    merchant = factories.merchant()
    response = client.post(f"/api/v1/merchants/{merchant.id}/products", json={**PRODUCT, "stars": 5},
                           headers=auth("admin"))
    assert response.status_code == 422
    assert "level" in response.json["error"]["fields"]
    ok = client.post(f"/api/v1/merchants/{merchant.id}/products",
                     json={**PRODUCT, "stars": 5, "level": "central"}, headers=auth("admin"))
    assert ok.status_code == 201


def test_stars_groups_and_links_outside_the_rules_are_refused(client, auth, db):
    merchant = factories.merchant()
    headers = auth("admin")
    for field, value in (("stars", 2), ("group", 7), ("channels", [{"url": "javascript:alert(1)"}]),
                         ("channels", [{"url": "ftp://shop.vn"}]), ("issued_on", "2024-02-30")):
        response = client.post(f"/api/v1/merchants/{merchant.id}/products", json={**PRODUCT, field: value},
                               headers=headers)
        assert response.status_code == 422, (field, value)
        assert field in response.json["error"]["fields"]


def test_changing_the_issue_date_moves_the_expiry(client, auth, db):
    merchant = factories.merchant()
    product = factories.product(merchant)
    response = client.patch(f"/api/v1/merchants/{merchant.id}/products/{product.id}",
                            json={"issued_on": "2023-12-31"}, headers=auth("admin"))
    assert response.json["expires_on"] == "2026-12-31"


def test_changing_stars_to_five_without_the_level_is_refused(client, auth, db):
    merchant = factories.merchant()
    product = factories.product(merchant)
    response = client.patch(f"/api/v1/merchants/{merchant.id}/products/{product.id}", json={"stars": 5},
                            headers=auth("admin"))
    assert response.status_code == 422


def test_another_merchant_cannot_add_products(client, auth, db):
    merchant = factories.merchant()
    response = client.post(f"/api/v1/merchants/{merchant.id}/products", json=PRODUCT,
                           headers=auth("merchant", merchant=factories.merchant()))
    assert response.status_code == 403


def test_removing_the_last_product_clears_the_ocop_flag(client, auth, db):
    merchant = factories.merchant(is_ocop=True)
    product = factories.product(merchant)
    response = client.delete(f"/api/v1/merchants/{merchant.id}/products/{product.id}", headers=auth("admin"))
    assert response.status_code == 204
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).is_ocop is False


def test_the_expiring_list_shows_certificates_ending_within_ninety_days(client, db):
    merchant = factories.merchant()
    today = date.today()
    factories.product(merchant, name="Sắp hết hạn", expires_on=today + timedelta(days=30))
    factories.product(merchant, name="Còn lâu", expires_on=today + timedelta(days=200))
    factories.product(merchant, name="Đã hết hạn", expires_on=today - timedelta(days=1))
    factories.product(factories.merchant(status="closed"), name="Hộ đã nghỉ", expires_on=today + timedelta(days=5))
    db.session.commit()
    names = [p["name"] for p in client.get("/api/v1/ocop/expiring").json]
    assert names == ["Sắp hết hạn"]
    wider = [p["name"] for p in client.get("/api/v1/ocop/expiring", query_string={"days": 365}).json]
    assert wider == ["Sắp hết hạn", "Còn lâu"]


def test_products_of_an_active_merchant_are_public(client, db):
    merchant = factories.merchant()
    factories.product(merchant, name="Bánh cáy Làng Nguyễn")
    db.session.commit()
    body = client.get(f"/api/v1/merchants/{merchant.id}/products").json
    assert [p["name"] for p in body] == ["Bánh cáy Làng Nguyễn"]
