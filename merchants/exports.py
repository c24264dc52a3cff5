"""Export the filtered register to CSV (UTF-8 with BOM) and XLSX, safe against spreadsheet formulas."""
from collections.abc import Iterator
from itertools import chain
from typing import Any

from flask import Response
from sqlalchemy.orm import selectinload

from market.auth.permissions import MANAGERS, require_role
from market.auth.principal import Principal
from market.core.exports import csv_bytes, xlsx_bytes
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
    return [merchant.id, merchant.display_name, merchant.owner_name, merchant.phone or "", merchant.category,
            merchant.village.name, merchant.market.name if merchant.market else "",
            merchant.stall_number or "", merchant.street.name if merchant.street else "",
            merchant.house_number or "", merchant.status, gettext("có") if merchant.is_ocop else "",
            primary.bin if primary else "", primary.account_number if primary else "",
            primary.holder_name if primary else ""]


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
    body = csv_bytes(chain([headers()], export_rows(principal, args)))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.csv"})


def xlsx_response(principal: Principal, args: dict[str, Any]) -> Response:
    """The register as an Excel workbook."""
    body = xlsx_bytes(gettext("Hộ kinh doanh"), chain([headers()], export_rows(principal, args)))
    return Response(body, mimetype=XLSX, headers={
        "Content-Disposition": "attachment; filename=so-dang-ky-ho-kinh-doanh.xlsx"})
