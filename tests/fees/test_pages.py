"""The fees pages: the board's round by forms, the printable lists and slips, the merchant's and shared pages."""
from market.fees.models import Bill, FeeKind
from tests import factories
from tests.fees.builders import bills, confirmed_payee, fee, place, run, sepay_credit, sepay_feed, this_month


def _board_user(client, db, where):
    user = factories.user("village_head", village=where.village)
    db.session.commit()
    factories.login_as(client, user)
    return user


def test_the_village_head_reaches_the_fees_from_the_account_page_and_runs_a_month_by_forms(client, db):
    where = place(db)
    confirmed_payee(db, where.market)
    _board_user(client, db, where)
    assert 'href="/phi-cho/"' in client.get("/auth/account").get_data(as_text=True)
    assert f'href="/phi-cho/cho/{where.market.id}"' in client.get("/phi-cho/").get_data(as_text=True)
    bad = client.post(f"/phi-cho/cho/{where.market.id}/phi", data={"name": "Phí chợ", "amount": "12,5",
                                                                   "starts_on": "2026-01-01"})
    assert bad.status_code == 422 and "12,5" in bad.get_data(as_text=True)
    done = client.post(f"/phi-cho/cho/{where.market.id}/phi", data={"name": "Phí chợ", "amount": "150000",
                                                                    "starts_on": "2026-01-01"})
    assert done.status_code == 302 and db.session.query(FeeKind).count() == 1
    ran = client.post(f"/phi-cho/cho/{where.market.id}/lap-hoa-don", data={"period": this_month()})
    assert ran.status_code == 302 and db.session.query(Bill).count() == 3
    page = client.get(f"/phi-cho/cho/{where.market.id}/da-nop?period={this_month()}").get_data(as_text=True)
    assert page.count("Chưa nộp") >= 3 and "/phi/" in page
    sheet = client.get(f"/phi-cho/cho/{where.market.id}/phieu.pdf?period={this_month()}")
    assert sheet.status_code == 200 and sheet.data.startswith(b"%PDF")


def test_cash_on_the_bill_page_keeps_the_input_on_error_and_then_gives_a_receipt(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    bill_id = bills(client, where)[0]["id"]
    _board_user(client, db, where)
    assert f"/phi-cho/hoa-don/{bill_id}/phieu.pdf" in client.get(f"/phi-cho/hoa-don/{bill_id}").get_data(as_text=True)
    assert client.get(f"/phi-cho/hoa-don/{bill_id}/phieu.pdf").data.startswith(b"%PDF")
    wrong = client.post(f"/phi-cho/hoa-don/{bill_id}", data={"amount": "999999", "receipt_number": "Q-17"})
    assert wrong.status_code == 422 and 'value="Q-17"' in wrong.get_data(as_text=True)
    assert client.post(f"/phi-cho/hoa-don/{bill_id}", data={"amount": "150000", "receipt_number": "Q-17"}).status_code == 302
    receipt = client.get(f"/phi-cho/hoa-don/{bill_id}/bien-lai").get_data(as_text=True)
    assert "Q-17" in receipt and "BL" in receipt
    assert client.get(f"/phi-cho/hoa-don/{bill_id}/bien-lai.pdf").data.startswith(b"%PDF")


def test_the_merchant_sees_a_bill_paid_by_transfer_on_the_phone_page(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    code = bills(client, where)[0]["payment_code"]
    user = factories.user("merchant", merchant=where.stalls[0])
    db.session.commit()
    factories.login_as(client, user)
    assert "Chưa nộp" in client.get("/phi-cho/cua-toi").get_data(as_text=True)
    sepay_credit(client, sepay_feed(db), 150_000, code, 3)
    page = client.get("/phi-cho/cua-toi").get_data(as_text=True)
    assert "Đã nộp" in page and "Biên lai BL" in page


def test_the_share_link_shows_the_qr_and_amount_without_signing_in_and_a_wrong_link_is_404(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    token = db.session.query(Bill).one().share_token
    page = client.get(f"/phi/{token}").get_data(as_text=True)
    assert "150.000" in page and f"/phi/{token}/qr.png" in page
    assert client.get(f"/phi/{token}/qr.png").mimetype == "image/png"
    assert client.get("/phi/not-a-token").status_code == 404


def test_the_public_board_shows_only_when_the_board_turns_it_on(client, db):
    where = place(db, stalls=1)
    payee = confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    url = f"/phi-cho/cho/{where.market.id}/cong-khai?period={this_month()}"
    assert client.get(url).status_code == 404
    payee.public_board = True
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Chưa nộp" in page and where.stalls[0].display_name not in page


def test_the_board_dry_runs_a_meter_sheet_on_the_upload_page_then_stores_it(client, db):
    import io

    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    meter = fee(db, where.market, name="Điện", code="C", amount=0, unit_price=3_500)
    _board_user(client, db, where)
    url = f"/phi-cho/cho/{where.market.id}/nhap-tep"
    assert client.get(url).status_code == 200

    def send(action):
        return client.post(url, data={"kind": "readings", "fee_id": str(meter.id), "period": this_month(),
                                      "action": action, "file": (io.BytesIO("Sạp,Chỉ số cũ,Chỉ số mới\nA1,10,20\n".encode()),
                                                                 "dien.csv")}, content_type="multipart/form-data")

    assert "chưa ghi gì" in send("dry_run").get_data(as_text=True)
    from market.fees.models import MeterReading
    assert db.session.query(MeterReading).count() == 0
    assert "Đã nhập" in send("commit").get_data(as_text=True)
    assert db.session.query(MeterReading).count() == 1
