"""Export the filtered register to CSV (UTF-8 with BOM) and XLSX, safe against spreadsheet formulas."""
import csv
import io
from collections.abc import Iterator
from typing import Any

from flask import Response
from openpyxl import Workbook
from sqlalchemy.orm import selectinload

from market.auth.permissions import MANAGERS, require_role
from market.auth.principal import Principal
from market.core.exports import safe_cell
from market.core.extensions import db
from merchants.models import Merchant
from merchants.search import filtered, sorted_query

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("Mã", "Tên cơ sở", "Chủ hộ", "Số điện thoại", "Ngành hàng", "Thôn", "Chợ", "Số sạp",
           "Tuyến đường", "Số nhà", "Trạng thái", "OCOP", "Ngân hàng (BIN)", "Số tài khoản", "Chủ tài khoản")


def _row(merchant: Merchant) -> list[Any]:
    primary = next((a for a in merchant.accounts if a.is_primary and a.status != "removed"), None)
    values = [merchant.id, merchant.display_name, merchant.owner_name, merchant.phone or "", merchant.category,
              merchant.village.name, merchant.market.name if merchant.market else "",
              merchant.stall_number or "", merchant.street.name if merchant.street else "",
              merchant.house_number or "", merchant.status, "có" if merchant.is_ocop else "",
              primary.bin if primary else "", primary.account_number if primary else "",
              primary.holder_name if primary else ""]
    return [safe_cell(value) for value in values]


def export_rows(principal: Principal, args: dict[str, Any]) -> Iterator[list[Any]]:
    """Rows of the filtered register for managers (it holds phones and accounts)."""
    require_role(principal, *MANAGERS)
    query = sorted_query(filtered(principal, args), args.get("sort", "name")).options(
        selectinload(Merchant.village), selectinload(Merchant.market), selectinload(Merchant.street),
        selectinload(Merchant.accounts))
    for merchant in db.session.scalars(query):
        yield _row(merchant)


def csv_response(principal: Principal, args: dict[str, Any]) -> Response:
    """The register as CSV with a BOM so Excel shows Vietnamese diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(principal, args))
    body = "\ufeff" + buffer.getvalue()
    return Response(body.encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.csv"})


def xlsx_response(principal: Principal, args: dict[str, Any]) -> Response:
    """The register as an Excel workbook."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hộ kinh doanh")
    sheet.append(COLUMNS)
    for row in export_rows(principal, args):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(), mimetype=XLSX, headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.xlsx"})
