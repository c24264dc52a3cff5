"""The criterion report communes use: STT | Tên chỉ tiêu | Giải thích | Đơn vị | Kế hoạch | Thực hiện | Đạt."""
import csv
import io
from datetime import date
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from market.auth.principal import Principal
from market.core.clock import local_text
from market.core.filters import met_vi, percent_vi, translated
from market.core.i18n import gettext, lazy_gettext
from market.stats import adoption
from market.stats.scopes import KIND_NAMES

COLUMNS = (
    "STT",
    lazy_gettext("Tên chỉ tiêu"),
    lazy_gettext("Giải thích (tử số / mẫu số)"),
    lazy_gettext("Đơn vị"),
    lazy_gettext("Kế hoạch"),
    lazy_gettext("Thực hiện"),
    lazy_gettext("Đạt/Không đạt"),
)
WIDTHS = (6, 48, 60, 8, 12, 12, 18)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def build(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """Everything the report shows: the adoption of the scope and its header block."""
    data = adoption.adoption(principal, scope_text, day, days)
    scope = data["scope"]
    village = "—"
    if scope["village_id"]:
        village = gettext("%(name)s (mã %(code)s)", name=scope["village_name"], code=scope["village_id"])
    data["header"] = [
        (gettext("BÁO CÁO KẾT QUẢ THỰC HIỆN TIÊU CHÍ THANH TOÁN KHÔNG DÙNG TIỀN MẶT"), ""),
        (
            gettext("Tỉnh/Thành phố"),
            gettext("%(name)s (mã %(code)s)", name=scope["province_name"], code=scope["province_code"]),
        ),
        (
            gettext("Xã/Phường"),
            gettext("%(name)s (mã %(code)s)", name=scope["commune_name"], code=scope["commune_code"]),
        ),
        (gettext("Thôn"), village),
        (
            gettext("Địa bàn"),
            gettext(
                "%(kind)s: %(name)s (mã %(code)s)",
                kind=KIND_NAMES[scope["kind"]],
                name=scope["name"],
                code=scope["id"],
            ),
        ),
        (
            gettext("Kỳ báo cáo"),
            gettext(
                "%(start)s – %(end)s (%(days)s ngày)",
                start=local_text(data["from"]),
                end=local_text(data["to"]),
                days=days,
            ),
        ),
    ]
    return data


def _cells(index: int, row: dict[str, Any]) -> list[Any]:
    explain = gettext(
        "Tử số: %(numerator)s. Mẫu số: %(denominator)s.",
        numerator=translated(row["numerator"]),
        denominator=translated(row["denominator"]),
    )
    return [
        index,
        translated(row["name"]),
        explain,
        row["unit"],
        row["target"],
        row["actual"],
        met_vi(row["met"], row["target"]),
    ]


def to_xlsx(data: dict[str, Any]) -> bytes:
    """A formatted workbook: header block, bold bordered table, percent cells, fitted widths."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Báo cáo")
    for label, value in data["header"]:
        sheet.append([label, value] if value else [label])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([str(name) for name in COLUMNS])
    head = sheet.max_row
    for cell in sheet[head]:
        cell.font, cell.border = Font(bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, row in enumerate(data["targets"], start=1):
        sheet.append(_cells(index, row))
        for cell in sheet[sheet.max_row]:
            cell.border, cell.alignment = BOX, Alignment(vertical="top", wrap_text=True)
        for cell in sheet[sheet.max_row][4:6]:
            cell.number_format = "0.0%"
    for column, width in zip("ABCDEFG", WIDTHS):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(data: dict[str, Any]) -> bytes:
    """The same report as CSV in UTF-8 with a BOM so Excel shows the diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for label, value in data["header"]:
        writer.writerow([label, value] if value else [label])
    writer.writerow([])
    writer.writerow(COLUMNS)
    for index, row in enumerate(data["targets"], start=1):
        cells = _cells(index, row)
        cells[4], cells[5] = percent_vi(row["target"]), percent_vi(row["actual"])
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def disposition(data: dict[str, Any], extension: str) -> dict[str, str]:
    """An attachment file name like bao-cao-village-12-2026-06-30.xlsx."""
    scope = data["scope"]
    name = f"bao-cao-{scope['kind']}-{scope['id']}-{data['date']:%Y-%m-%d}.{extension}"
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
