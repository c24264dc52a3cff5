import csv
import io

from openpyxl import load_workbook

from tests import factories


def test_the_csv_export_starts_with_a_bom_and_keeps_diacritics(client, auth, db):
    merchant = factories.merchant(display_name="Bánh cuốn Bà Hoành")
    factories.account(merchant, account_number="0011223344")
    response = client.get("/api/v1/merchants/export.csv", headers=auth("admin"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Mã", "Tên cơ sở"]
    assert rows[1][1] == "Bánh cuốn Bà Hoành"
    assert rows[1][13] == "0011223344"


def test_cells_that_look_like_formulas_are_neutralised(client, auth, db):
    factories.merchant(display_name="=HYPERLINK(\"http://x\")", owner_name="+SUM(A1)", category="@cmd")
    factories.merchant(display_name="-1 Quán")
    response = client.get("/api/v1/merchants/export.csv", headers=auth("admin"))
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))[1:]
    cells = {cell for row in rows for cell in row}
    assert {"'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'@cmd", "'-1 Quán"} <= cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_the_xlsx_export_follows_the_filters(client, auth, db):
    village = factories.village()
    factories.merchant(village, display_name="Đang bán")
    factories.merchant(village, display_name="=Tạm dừng", status="suspended")
    response = client.get("/api/v1/merchants/export.xlsx", query_string={"status": "suspended"},
                          headers=auth("village_head", village=village))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert len(rows) == 2 and rows[1][1] == "'=Tạm dừng"


def test_the_export_is_for_managers_only(client, auth, db):
    merchant = factories.merchant()
    db.session.commit()
    assert client.get("/api/v1/merchants/export.csv").status_code == 401
    assert client.get("/api/v1/merchants/export.csv", headers=auth("merchant", merchant=merchant)).status_code == 403


def test_a_village_head_exports_only_their_village(client, auth, db):
    mine, other = factories.village(), factories.village()
    factories.merchant(mine, display_name="Của tôi")
    factories.merchant(other, display_name="Thôn khác")
    response = client.get("/api/v1/merchants/export.csv", headers=auth("village_head", village=mine))
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))[1:]
    assert [row[1] for row in rows] == ["Của tôi"]
