from market.core.audit import AuditEvent
from merchants.models import Merchant, OcopProduct, PaymentAccount
from tests import factories


def _head(client, db, village=None):
    village = village or factories.village()
    user = factories.user("village_head", village=village)
    factories.login_as(client, user)
    return village


def test_the_list_page_searches_without_accents_and_hides_phones_from_the_public(client, db):
    factories.merchant(display_name="Cà phê Đồng Quê", search_text="ca phe dong que | a", phone="0988777666")
    factories.merchant(display_name="Tạp hoá Minh", search_text="tap hoa minh | b")
    db.session.commit()
    page = client.get("/merchants/", query_string={"q": "ca phe"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Cà phê Đồng Quê" in html and "Tạp hoá Minh" not in html
    assert "0988777666" not in html


def test_the_list_page_paginates(client, db):
    village = factories.village()
    for n in range(25):
        factories.merchant(village, display_name=f"Sạp số {n:02d}")
    db.session.commit()
    html = client.get("/merchants/", query_string={"page": 2}).get_data(as_text=True)
    assert "Sạp số 20" in html and "Sạp số 00" not in html
    assert "trang 2/2" in html


def test_a_village_head_registers_a_merchant_through_the_form(client, db):
    village = _head(client, db)
    response = client.post("/merchants/new", data={"display_name": "Quán Bún Cô Ba", "owner_name": "Lý Thị Ba",
                                                   "phone": "0912 345 678", "village_id": village.id})
    assert response.status_code == 302
    db.session.expire_all()
    merchant = db.session.query(Merchant).one()
    assert merchant.phone == "0912345678" and merchant.status == "pending"


def test_form_errors_are_shown_inline_and_what_was_typed_is_kept(client, db):
    village = _head(client, db)
    response = client.post("/merchants/new", data={"display_name": "Quán Bún Cô Ba", "owner_name": "Lý Thị Ba",
                                                   "phone": "12345", "village_id": village.id})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Số di động không hợp lệ" in html
    assert 'value="Quán Bún Cô Ba"' in html and 'value="12345"' in html
    assert db.session.query(Merchant).count() == 0


def test_the_forms_need_a_login(client, db):
    village = factories.village()
    db.session.commit()
    response = client.post("/merchants/new", data={"display_name": "X", "owner_name": "Y", "village_id": village.id})
    assert response.status_code in (302, 401)
    assert db.session.query(Merchant).count() == 0


def test_the_public_page_shows_products_but_no_phone_or_owner_without_consent(client, db):
    merchant = factories.merchant(display_name="Mật ong Bác Sáu", owner_name="Hồ Văn Sáu", phone="0977111222")
    factories.product(merchant, name="Mật ong rừng")
    db.session.commit()
    html = client.get(f"/merchants/{merchant.id}/public").get_data(as_text=True)
    assert "Mật ong Bác Sáu" in html and "Mật ong rừng" in html
    assert "0977111222" not in html and "Hồ Văn Sáu" not in html


def test_the_detail_page_sends_the_public_to_the_public_page(client, db):
    merchant = factories.merchant()
    db.session.commit()
    response = client.get(f"/merchants/{merchant.id}")
    assert response.status_code == 302 and response.location.endswith(f"/merchants/{merchant.id}/public")


def test_a_manager_sees_the_detail_with_phone_and_accounts(client, db):
    village = _head(client, db)
    merchant = factories.merchant(village, phone="0966555444")
    factories.account(merchant, account_number="5556667778")
    db.session.commit()
    html = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert "0966555444" in html and "5556667778" in html


def test_the_edit_form_changes_a_merchant_and_refuses_a_taken_stall(client, db):
    village = _head(client, db)
    market = factories.market(village)
    factories.merchant(village, display_name="Chủ sạp A1", market_id=market.id, stall_number="A1")
    merchant = factories.merchant(village, display_name="Sạp Mới")
    db.session.commit()
    base = {"display_name": "Sạp Mới Sửa", "owner_name": "Lê Văn Mới", "village_id": village.id}
    refused = client.post(f"/merchants/{merchant.id}/edit", data={**base, "market_id": market.id, "stall_number": "A1"})
    assert refused.status_code == 422
    assert "Chủ sạp A1" in refused.get_data(as_text=True)
    ok = client.post(f"/merchants/{merchant.id}/edit", data=base)
    assert ok.status_code == 302
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).display_name == "Sạp Mới Sửa"


def test_a_merchant_adds_an_account_and_a_village_head_confirms_it_on_the_pages(app, client, db):
    village = factories.village()
    merchant = factories.merchant(village)
    factories.login_as(client, factories.user("merchant", merchant=merchant))
    response = client.post(f"/merchants/{merchant.id}/accounts/new", data={
        "bin": "970422", "account_number": "0123456789", "holder_name": "Nguyễn Thị Hoà", "kind": "bank_account"})
    assert response.status_code == 302
    db.session.expire_all()
    account = db.session.query(PaymentAccount).one()
    assert account.status == "pending" and account.holder_name == "NGUYEN THI HOA"
    head_client = app.test_client()
    factories.login_as(head_client, factories.user("village_head", village=village))
    head_client.post(f"/merchants/{merchant.id}/accounts/{account.id}/confirm")
    db.session.expire_all()
    assert db.session.get(PaymentAccount, account.id).status == "active"
    assert db.session.query(AuditEvent).filter_by(action="account.confirm").count() == 1


def test_the_account_form_shows_an_unknown_bank_inline(client, db):
    village = _head(client, db)
    merchant = factories.merchant(village)
    db.session.commit()
    response = client.post(f"/merchants/{merchant.id}/accounts/new", data={
        "bin": "000000", "account_number": "0123456789", "holder_name": "A"})
    assert response.status_code == 422
    assert "danh bạ ngân hàng" in response.get_data(as_text=True)


def test_the_same_person_cannot_confirm_on_the_pages(client, db):
    village = _head(client, db)
    merchant = factories.merchant(village)
    db.session.commit()
    client.post(f"/merchants/{merchant.id}/accounts/new", data={
        "bin": "970422", "account_number": "0123456789", "holder_name": "A"})
    db.session.expire_all()
    account = db.session.query(PaymentAccount).one()
    response = client.post(f"/merchants/{merchant.id}/accounts/{account.id}/confirm")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(PaymentAccount, account.id).status == "pending"


def test_the_status_form_approves_a_merchant(client, db):
    village = _head(client, db)
    merchant = factories.merchant(village, status="pending")
    db.session.commit()
    client.post(f"/merchants/{merchant.id}/status", data={"status": "active", "reason": "đủ hồ sơ", "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).status == "active"


def test_the_product_form_refuses_a_non_http_link_and_accepts_a_good_product(client, db):
    village = _head(client, db)
    merchant = factories.merchant(village)
    db.session.commit()
    product = {"name": "Nhãn lồng Hưng Yên", "group": "1", "stars": "4", "level": "province",
               "certificate_number": "45/QĐ", "issued_on": "2025-01-31"}
    bad = client.post(f"/merchants/{merchant.id}/products/new", data={**product, "channels": "javascript:x"})
    assert bad.status_code == 422
    assert 'value="Nhãn lồng Hưng Yên"' in bad.get_data(as_text=True)
    good = client.post(f"/merchants/{merchant.id}/products/new",
                       data={**product, "channels": "https://ocopvietnam.gov.vn/san-pham/nhan"})
    assert good.status_code == 302
    db.session.expire_all()
    assert db.session.query(OcopProduct).one().expires_on.isoformat() == "2028-01-31"


def test_the_import_page_checks_then_imports_a_csv(client, db):
    village = _head(client, db)
    data = "Tên cơ sở,Chủ hộ,Số điện thoại\r\nQuán Nước Bà Năm,Trịnh Thị Năm,0905123456\r\n".encode("utf-8-sig")
    import io
    checked = client.post("/merchants/import", content_type="multipart/form-data", data={
        "village_id": village.id, "action": "check", "file": (io.BytesIO(data), "ds.csv")})
    assert checked.status_code == 200 and "Tệp hợp lệ" in checked.get_data(as_text=True)
    assert db.session.query(Merchant).count() == 0
    done = client.post("/merchants/import", content_type="multipart/form-data", data={
        "village_id": village.id, "action": "commit", "file": (io.BytesIO(data), "ds.csv")})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.query(Merchant).one().display_name == "Quán Nước Bà Năm"


def test_the_public_page_shows_who_receives_the_money_masked_and_the_card_to_verify(client, db):
    merchant = factories.payable_merchant()
    card = factories.card(merchant)
    account = merchant.accounts[0]
    db.session.commit()
    html = client.get(f"/merchants/{merchant.id}/public").get_data(as_text=True)
    assert account.holder_name in html and "Vietcombank" in html
    assert "••••" + account.account_number[-4:] in html and account.account_number not in html
    assert f'href="/verify/{card.serial}"' in html
