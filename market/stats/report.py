"""The criterion report communes use: STT | Tên chỉ tiêu | Giải thích | Đơn vị | Kế hoạch | Thực hiện | Đạt."""
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import quote

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from market.auth.principal import Principal
from market.core.exports import csv_bytes, xlsx_bytes
from market.core.filters import PER_MILLE, met_vi, percent_vi, share
from market.stats import adoption
from market.stats.scopes import KIND_NAMES

COLUMNS = ("STT", "Tên chỉ tiêu", "Giải thích (tử số / mẫu số)", "Đơn vị", "Kế hoạch", "Thực hiện",
           "Đạt/Không đạt")
WIDTHS = (6, 48, 60, 8, 12, 12, 18)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def build(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """Everything the report shows: the adoption of the scope and its header block."""
    data = adoption.adoption(principal, scope_text, day, days)
    scope = data["scope"]
    village = f"{scope['village_name']} (mã {scope['village_id']})" if scope["village_id"] else "—"
    data["header"] = [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN TIÊU CHÍ THANH TOÁN KHÔNG DÙNG TIỀN MẶT", ""),
        ("Tỉnh/Thành phố", f"{scope['province_name']} (mã {scope['province_code']})"),
        ("Xã/Phường", f"{scope['commune_name']} (mã {scope['commune_code']})"),
        ("Thôn", village),
        ("Địa bàn", f"{KIND_NAMES[scope['kind']]}: {scope['name']} (mã {scope['id']})"),
        ("Kỳ báo cáo", f"{data['from']:%d/%m/%Y} – {data['to']:%d/%m/%Y} ({days} ngày)"),
    ]
    return data


def _share(row: dict[str, Any]) -> Decimal | None:
    """The actual figure, rounded once: from the raw counts when it is a rate, else the survey value."""
    if row["actual"] is None:
        return None
    if row.get("counts") and row["counts"][1] > 0:
        return share(*row["counts"])
    return Decimal(str(row["actual"])).quantize(PER_MILLE, ROUND_HALF_UP)


def _target(row: dict[str, Any]) -> Decimal | None:
    return None if row["target"] is None else Decimal(str(row["target"])).quantize(PER_MILLE, ROUND_HALF_UP)


def _table(data: dict[str, Any], as_text: bool) -> list[list[Any]]:
    """Header block, a blank line, the column titles, one line per indicator (percent cells as numbers for
    a workbook, as Vietnamese text for CSV: the same rounded value either way)."""
    rows: list[list[Any]] = [[label, value] if value else [label] for label, value in data["header"]]
    rows += [[], list(COLUMNS)]
    for index, row in enumerate(data["targets"], start=1):
        target, actual = _target(row), _share(row)
        if as_text:
            target, actual = percent_vi(target), percent_vi(actual)
        explain = f"Tử số: {row['numerator']}. Mẫu số: {row['denominator']}."
        rows.append([index, row["name"], explain, row["unit"], target, actual, met_vi(row["met"], row["target"])])
    return rows


def _style(data: dict[str, Any]) -> Callable[[Worksheet], None]:
    def style(sheet: Worksheet) -> None:
        """Bold title, bordered table, percent cells, fitted widths."""
        sheet["A1"].font = Font(bold=True, size=13)
        head = len(data["header"]) + 2
        for cell in sheet[head]:
            cell.font, cell.border = Font(bold=True), BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for line in range(head + 1, sheet.max_row + 1):
            for cell in sheet[line]:
                cell.border, cell.alignment = BOX, Alignment(vertical="top", wrap_text=True)
            for cell in sheet[line][4:6]:
                cell.number_format = "0.0%"
        for column, width in zip("ABCDEFG", WIDTHS):
            sheet.column_dimensions[column].width = width
    return style


def to_xlsx(data: dict[str, Any]) -> bytes:
    """A formatted workbook: header block, bold bordered table, percent cells, fitted widths."""
    return xlsx_bytes("Báo cáo", _table(data, as_text=False), _style(data))


def to_csv(data: dict[str, Any]) -> bytes:
    """The same report as CSV in UTF-8 with a BOM so Excel shows the diacritics."""
    return csv_bytes(_table(data, as_text=True))


def disposition(data: dict[str, Any], extension: str) -> dict[str, str]:
    """An attachment file name like bao-cao-village-12-2026-06-30.xlsx."""
    scope = data["scope"]
    name = f"bao-cao-{scope['kind']}-{scope['id']}-{data['date']:%Y-%m-%d}.{extension}"
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
