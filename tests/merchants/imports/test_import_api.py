import io

from openpyxl import Workbook
from werkzeug.test import EnvironBuilder

from market.core.audit import AuditEvent
from merchants.models import Merchant, PaymentAccount
from tests import factories

HEADER = ["STT", "Tên cơ sở", "Chủ hộ", "Số điện thoại", "Ngành hàng", "Chợ", "Số sạp", "Ngân hàng",
          "Số tài khoản", "Chủ tài khoản"]


def _xlsx(rows, header=HEADER, title=True):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["DANH SÁCH HỘ KINH DOANH THÔN ĐÔNG"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(rows, header=HEADER, encoding="utf-8-sig"):
    lines = [",".join(header)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _post(client, headers, village, data, name="ds.xlsx", dry_run=True):
    return client.post("/api/v1/merchants/import", headers=headers, content_type="multipart/form-data",
                       data={"village_id": str(village.id), "dry_run": "true" if dry_run else "false",
                             "file": (io.BytesIO(data), name)})


def _setup(db, auth):
    village = factories.village()
    factories.market(village, name="Chợ Lạc Đạo")
    return village, auth("village_head", village=village)


GOOD = [
    [1, "Sạp Rau Cô Hạnh", "Phạm Thị Hạnh", 912345678, "rau củ", "Cho Lac Dao", "A1", "VCB", 1012345678, ""],
    [2, "Tạp hoá Bình An", "Đỗ Văn Bình", "+84 987 654 321", "tạp hoá", "", "", "970415", "101000123456",
     "Đỗ Văn Bình"],
    [3, "Quán nước Chè Xanh", "Vũ Thị Mai", "", "", "Chợ Lạc Đạo", "A2", "", "", ""],
]


def test_a_dry_run_reports_and_writes_nothing(client, auth, db):
    village, headers = _setup(db, auth)
    response = _post(client, headers, village, _xlsx(GOOD))
    assert response.status_code == 200, response.json
    assert response.json == {"ok": True, "dry_run": True, "rows": 3, "created": 0, "errors": []}
    assert db.session.query(Merchant).count() == 0


def test_a_commit_run_writes_merchants_and_primary_accounts_with_audit(client, auth, db):
    village, headers = _setup(db, auth)
    response = _post(client, headers, village, _xlsx(GOOD), dry_run=False)
    assert response.status_code == 200, response.json
    assert response.json["created"] == 3
    db.session.expire_all()
    hanh = db.session.query(Merchant).filter_by(display_name="Sạp Rau Cô Hạnh").one()
    assert hanh.phone == "0912345678" and hanh.stall_number == "A1" and hanh.market.name == "Chợ Lạc Đạo"
    assert hanh.status == "active"
    account = db.session.query(PaymentAccount).filter_by(merchant_id=hanh.id).one()
    assert (account.bin, account.account_number, account.holder_name) == ("970436", "1012345678", "PHAM THI HANH")
    assert account.status == "pending" and account.is_primary
    assert db.session.query(AuditEvent).filter_by(action="account.add").count() == 2


def test_headers_without_accents_in_a_utf8_csv_are_understood(client, auth, db):
    village, headers = _setup(db, auth)
    header = ["Ten co so", "Chu ho", "So dien thoai", "Ngan hang", "So tai khoan"]
    data = _csv([["Bún chả Hương", "Ngô Thị Hương", "0356 111 222", "MB", "0356111222"]], header)
    response = _post(client, headers, village, data, name="ds.csv", dry_run=False)
    assert response.status_code == 200, response.json
    db.session.expire_all()
    assert db.session.query(Merchant).one().display_name == "Bún chả Hương"


def test_a_csv_in_another_encoding_is_refused_clearly(client, auth, db):
    village, headers = _setup(db, auth)
    data = _csv([["Bún chả Hương", "Ngô Thị Hương", "", "", ""]], encoding="utf-16")
    response = _post(client, headers, village, data, name="ds.csv")
    assert response.status_code == 422
    assert "UTF-8" in response.json["error"]["fields"]["file"][0]


def test_missing_required_columns_are_named(client, auth, db):
    village, headers = _setup(db, auth)
    data = _xlsx([["Sạp A", "0912345678"]], header=["Tên cơ sở", "Số điện thoại"])
    response = _post(client, headers, village, data)
    assert response.status_code == 422
    assert "Chủ hộ" in response.json["error"]["message"]


def test_bad_rows_are_reported_by_row_and_field_and_nothing_is_written(client, auth, db):
    village, headers = _setup(db, auth)
    rows = GOOD + [
        [4, "", "Ai đó", "", "", "", "", "", "", ""],
        [5, "Sạp Cá", "Bùi Văn Cá", "0212345678", "", "Chợ Không Có", "", "XYZBANK", "1", ""],
    ]
    dry = _post(client, headers, village, _xlsx(rows))
    assert dry.status_code == 200
    problems = {(e["row"], e["field"]) for e in dry.json["errors"]}
    assert problems == {(6, "Tên cơ sở"), (7, "Số điện thoại"), (7, "Chợ"), (7, "Ngân hàng"), (7, "Số tài khoản")}
    assert dry.json["ok"] is False
    commit = _post(client, headers, village, _xlsx(rows), dry_run=False)
    assert commit.status_code == 422
    assert len(commit.json["error"]["fields"]["rows"]) == 5
    assert db.session.query(Merchant).count() == 0


def test_duplicate_accounts_and_stalls_within_the_file_are_refused(client, auth, db):
    village, headers = _setup(db, auth)
    rows = GOOD + [[4, "Sạp Trùng", "Hà Văn Trùng", "", "", "Chợ Lạc Đạo", "A1", "970436", "1012345678", ""]]
    response = _post(client, headers, village, _xlsx(rows))
    messages = {e["field"]: e["message"] for e in response.json["errors"] if e["row"] == 6}
    assert "dòng 3" in messages["Số tài khoản"] and "dòng 3" in messages["Số sạp"]


def test_accounts_already_registered_to_another_merchant_are_refused_naming_it(client, auth, db):
    village, headers = _setup(db, auth)
    factories.account(factories.merchant(display_name="Hàng Xén Cụ Tư"), bin="970436", account_number="1012345678")
    db.session.commit()
    response = _post(client, headers, village, _xlsx(GOOD))
    assert response.json["errors"] == [
        {"row": 3, "field": "Số tài khoản", "message": "Tài khoản đã được đăng ký cho “Hàng Xén Cụ Tư”."}]


def test_a_file_over_five_megabytes_is_refused(client, auth, db):
    village, headers = _setup(db, auth)
    builder = EnvironBuilder(path="/api/v1/merchants/import", method="POST", headers=headers, data={
        "village_id": str(village.id), "file": (io.BytesIO(b"a" * (5 * 1024 * 1024 + 1)), "big.csv")})
    environ = builder.get_environ()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 413
    assert db.session.query(Merchant).count() == 0


def test_an_xls_or_broken_xlsx_is_refused(client, auth, db):
    village, headers = _setup(db, auth)
    assert _post(client, headers, village, b"\xd0\xcf\x11\xe0", name="ds.xls").status_code == 415
    assert _post(client, headers, village, b"PK\x03\x04broken", name="ds.xlsx").status_code == 422


def test_only_managers_of_the_village_may_import(client, auth, db):
    village, _ = _setup(db, auth)
    other = auth("village_head", village=factories.village())
    assert _post(client, other, village, _xlsx(GOOD)).status_code == 403
    merchant = auth("merchant", merchant=factories.merchant(village))
    assert _post(client, merchant, village, _xlsx(GOOD)).status_code == 403
