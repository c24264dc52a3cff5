"""The S1a-HKD layout: header, columns, one row per day, total, signature; A4 portrait, one page wide."""
import io
from datetime import date, datetime, timezone

import pypdfium2
from openpyxl import load_workbook

from market.core.audit import AuditEvent
from tests import factories
from tests.merchants.books.conftest import credit

MORNING = datetime(2026, 1, 5, 2, tzinfo=timezone.utc)  # 09:00 on 05/01/2026 in Viet Nam


def _book(client, merchant, headers, kind, **query):
    response = client.get(f"/api/v1/merchants/{merchant.id}/revenue-book.{kind}",
                          query_string={"year": 2026, **query}, headers=headers)
    assert response.status_code == 200, response.data[:300]
    return response.data


def _sales(merchant):
    factories.account(merchant, account_number="0123456789")
    for _ in range(12):
        factories.transaction(merchant, 1_234_567, "vietqr", occurred_at=MORNING)
    factories.stats_tally(merchant, date(2026, 1, 5), cash=(4, 200_000))
    factories.transaction(merchant, 50_000, "cash", occurred_at=datetime(2026, 4, 2, 3, tzinfo=timezone.utc))


def test_the_workbook_has_the_s1a_layout_a4_portrait_one_page_wide(client, db, seller):
    merchant, _, headers = seller
    merchant.tax_code = "0101234567"
    _sales(merchant)
    db.session.commit()
    book = load_workbook(io.BytesIO(_book(client, merchant, headers, "xlsx")))
    sheet = book.active
    text = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [str(value) for row in text for value in row if value is not None]
    assert f"HỘ, CÁ NHÂN KINH DOANH: {merchant.display_name}" in flat
    assert any(value.startswith("Địa chỉ: Thôn") and "Hưng Yên" in value for value in flat)
    assert "Mã số thuế: 0101234567" in flat and "Mẫu số S1a-HKD" in flat
    assert "SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ" in flat
    assert ["Ngày tháng", "Diễn giải", "Số tiền"] in text
    day_rows = [row for row in text if isinstance(row[0], datetime)]
    assert day_rows[0][1] == "Bán hàng: 12 giao dịch QR, tiền mặt theo sổ tổng ngày"
    assert day_rows[0][2] == 12 * 1_234_567 + 200_000
    assert len(day_rows) == 2
    assert "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH" in flat
    first_day = next(row for row in sheet.iter_rows() if isinstance(row[0].value, datetime))
    assert first_day[0].number_format == "dd/mm/yyyy" and first_day[2].number_format == "#,##0"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    accounts = [[cell.value for cell in row] for row in book["Tài khoản kinh doanh"].iter_rows()]
    assert ["Ngân hàng / ví", "Số tài khoản", "Chủ tài khoản", "Loại"] in accounts
    assert any(row[1] == "0123456789" and row[2] == "NGUYEN THI HOA" for row in accounts)


def test_a_quarter_holds_only_its_own_days(client, db, seller):
    merchant, _, headers = seller
    _sales(merchant)
    db.session.commit()
    sheet = load_workbook(io.BytesIO(_book(client, merchant, headers, "xlsx", quarter=2))).active
    days = [row[0].value.date() for row in sheet.iter_rows() if isinstance(row[0].value, datetime)]
    assert days == [date(2026, 4, 2)]


def test_the_pdf_is_a4_portrait_with_vietnamese_numbers_and_dates(client, db, seller):
    merchant, _, headers = seller
    _sales(merchant)
    db.session.commit()
    document = pypdfium2.PdfDocument(_book(client, merchant, headers, "pdf"))
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "05/01/2026" in text and "15.014.804" in text and "Ngày tháng" in text
    assert "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH" in text and "0123456789" in text


def test_a_cell_that_would_run_as_a_formula_is_made_safe(client, db, seller):
    merchant, _, headers = seller
    merchant.display_name = "=HYPERLINK(\"http://x\")"
    credit(merchant, 10_000, occurred_at=MORNING)
    db.session.commit()
    sheet = load_workbook(io.BytesIO(_book(client, merchant, headers, "xlsx"))).active
    assert all(not str(cell.value).startswith("=") for row in sheet.iter_rows() for cell in row if cell.value)


def test_the_book_page_shows_the_rows_and_saves_a_tax_code_but_never_a_12_digit_id_number(client, db, seller):
    merchant, user, _ = seller
    _sales(merchant)
    db.session.commit()
    factories.login_as(client, user)
    page = client.get("/so-sach/doanh-thu?year=2026")
    assert page.status_code == 200 and "15.014.804" in page.text and "05/01/2026" in page.text
    assert "revenue-book.xlsx?year=2026" in page.text
    refused = client.post("/so-sach/ma-so-thue", data={"tax_code": "001234567890"})
    assert refused.status_code == 422 and 'value="001234567890"' in refused.text
    saved = client.post("/so-sach/ma-so-thue", data={"tax_code": "0101234567-001"})
    assert saved.status_code == 303
    db.session.expire_all()
    assert merchant.tax_code == "0101234567-001"
    assert db.session.query(AuditEvent).filter_by(action="merchant.tax_code").count() == 1
    assert client.get("/so-sach/doanh-thu?quarter=9").status_code == 422
