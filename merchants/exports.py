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
from market.core.i18n import gettext, lazy_gettext
from merchants.models import Merchant
from merchants.search import filtered, sorted_query

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    lazy_gettext("Mã"),
    lazy_gettext("Tên cơ sở"),
    lazy_gettext("Chủ hộ"),
    lazy_gettext("Số điện thoại"),
    lazy_gettext("Ngành hàng"),
    lazy_gettext("Thôn"),
    lazy_gettext("Chợ"),
    lazy_gettext("Số sạp"),
    lazy_gettext("Tuyến đường"),
    lazy_gettext("Số nhà"),
    lazy_gettext("Trạng thái"),
    "OCOP",
    lazy_gettext("Ngân hàng (BIN)"),
    lazy_gettext("Số tài khoản"),
    lazy_gettext("Chủ tài khoản"),
)


def _row(merchant: Merchant) -> list[Any]:
    primary = next((a for a in merchant.accounts if a.is_primary and a.status != "removed"), None)
    values = [merchant.id, merchant.display_name, merchant.owner_name, merchant.phone or "", merchant.category,
              merchant.village.name, merchant.market.name if merchant.market else "",
              merchant.stall_number or "", merchant.street.name if merchant.street else "",
              merchant.house_number or "", merchant.status, gettext("có") if merchant.is_ocop else "",
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


def headers() -> list[str]:
    """The column names in the reader's language."""
    return [str(name) for name in COLUMNS]


def csv_response(principal: Principal, args: dict[str, Any]) -> Response:
    """The register as CSV with a BOM so Excel shows Vietnamese diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    writer.writerows(export_rows(principal, args))
    body = "\ufeff" + buffer.getvalue()
    return Response(body.encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.csv"})


def xlsx_response(principal: Principal, args: dict[str, Any]) -> Response:
    """The register as an Excel workbook."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(gettext("Hộ kinh doanh"))
    sheet.append(headers())
    for row in export_rows(principal, args):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(), mimetype=XLSX, headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.xlsx"})
