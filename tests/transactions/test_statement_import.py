import io
from datetime import datetime, timedelta

from openpyxl import Workbook
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from market.core.clock import LOCAL_TZ
from market.transactions.models import Transaction
from tests import factories

URL = "/api/v1/statement-imports"
DAY = (datetime.now(LOCAL_TZ) - timedelta(days=3)).strftime("%d/%m/%Y")

CSV = f"""Sao kê tài khoản (số liệu giả lập)
Kỳ: tháng này
STT;Ngày giao dịch;Số tiền ghi nợ;Số tiền ghi có;Nội dung;Số tham chiếu
1;{DAY} 09:15;;1.500.000;NGUYEN VAN A chuyen tien mua gao;FT001
2;{DAY} 10:00;200.000;;Rut tien mat;FT002
3;{DAY} 11:30;;35.000;Tra tien rau;FT003
4;{DAY} 12:00;;35.000;Tra tien rau;FT003
5;{DAY} 16:45;;80.000;Khong co ma tham chieu;
;Tổng cộng;200.000;1.650.000;;
"""


def _upload(client, headers, account, content, name="saoke.csv", **form):
    data = {"account_id": str(account.id), "file": (io.BytesIO(content), name), **form}
    return client.post(URL, data=data, headers=headers, content_type="multipart/form-data")


def _setup(db, auth):
    merchant = factories.merchant()
    account = factories.account(merchant)
    return merchant, account, auth("merchant", merchant=merchant)


def test_a_dry_run_reports_credits_debits_and_duplicates_and_writes_nothing(client, auth, db):
    _, account, headers = _setup(db, auth)
    response = _upload(client, headers, account, CSV.encode())
    assert response.status_code == 200, response.json
    report = response.json
    assert (report["rows"], report["not_credits"], report["duplicates"], report["to_add"]) == (5, 1, 1, 3)
    assert report["committed"] is False and report["errors"] == []
    assert db.session.query(Transaction).count() == 0


def test_committing_adds_only_credits_and_reimporting_the_same_file_adds_nothing(client, auth, db):
    merchant, account, headers = _setup(db, auth)
    first = _upload(client, headers, account, CSV.encode(), commit="true")
    assert first.status_code == 201 and first.json["added"] == 3
    again = _upload(client, headers, account, CSV.encode(), commit="true")
    assert again.status_code == 201 and again.json["added"] == 0 and again.json["duplicates"] == 4
    db.session.expire_all()
    rows = db.session.query(Transaction).order_by(Transaction.amount).all()
    assert [r.amount for r in rows] == [35_000, 80_000, 1_500_000]
    assert {(r.source, r.method, r.merchant_id, r.account_id) for r in rows} == {
        ("import", "bank_transfer", merchant.id, account.id)}
    gao = rows[-1]
    assert gao.reference == "FT001" and gao.occurred_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M") == \
        f"{DAY} 09:15"


def test_one_bad_row_blocks_the_whole_commit_and_the_report_names_row_and_field(client, auth, db):
    _, account, headers = _setup(db, auth)
    broken = CSV.replace(f"{DAY} 11:30;;35.000", f"{DAY} 11:30;;35.000,5").replace(f"{DAY} 16:45", "31/02/2026")
    dry = _upload(client, headers, account, broken.encode()).json
    assert {(e["row"], e["field"]) for e in dry["errors"]} == {(6, "amount"), (8, "date")}
    refused = _upload(client, headers, account, broken.encode(), commit="true")
    assert refused.status_code == 422
    assert any("Dòng 6" in line for line in refused.json["error"]["fields"]["file"])
    assert db.session.query(Transaction).count() == 0


def test_an_xlsx_export_with_english_headers_and_number_cells_is_read(client, auth, db):
    _, account, headers = _setup(db, auth)
    book = Workbook()
    sheet = book.active
    sheet.append(["Transaction date", "Description", "Debit", "Credit", "Reference"])
    when = datetime.now().replace(microsecond=0) - timedelta(days=1)
    sheet.append([when, "Mua banh", None, 25000, "MB-1"])
    sheet.append([when, "Phi SMS", 11000, None, "MB-2"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(client, headers, account, buffer.getvalue(), "export.xlsx", commit="true")
    assert response.status_code == 201, response.json
    assert response.json["added"] == 1 and response.json["not_credits"] == 1


def test_an_explicit_column_mapping_overrides_detection(client, auth, db):
    _, account, headers = _setup(db, auth)
    content = f"Ngay GD,Tien vao,Dien giai rieng,Ma\n{DAY},90000,Ban le,X-1\n".encode()
    assert _upload(client, headers, account, content).status_code == 422
    response = _upload(client, headers, account, content, date_column="Ngay GD", amount_column="Tien vao",
                       reference_column="Ma")
    assert response.status_code == 200 and response.json["to_add"] == 1


def test_a_file_without_recognisable_columns_or_too_big_is_refused(client, auth, db):
    _, account, headers = _setup(db, auth)
    unknown = _upload(client, headers, account, b"a,b,c\n1,2,3\n")
    assert unknown.status_code == 422 and "mapping" in unknown.json["error"]["fields"]
    # Encoded in memory: the test client's spooled temp file would stay open once the server refuses it.
    boundary, body = encode_multipart({"account_id": str(account.id),
                                       "file": FileStorage(io.BytesIO(b"x" * (5 * 1024 * 1024 + 10)), "big.csv")})
    big = client.post(URL, data=body, headers=headers, content_type=f"multipart/form-data; boundary={boundary}")
    assert big.status_code == 413
    assert db.session.query(Transaction).count() == 0


def test_a_merchant_cannot_import_into_another_merchants_account(client, auth, db):
    _, _, headers = _setup(db, auth)
    other_account = factories.account(factories.merchant())
    response = _upload(client, headers, other_account, CSV.encode(), commit="true")
    assert response.status_code == 403
    assert db.session.query(Transaction).count() == 0
