"""The criterion report as the document a village sends up: national motto, issuing unit, place and date,
the table with its figures (55/61), the signers, laid out to print on one A4 page."""
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from market.core.exports import laid_out_xlsx
from market.core.filters import met_vi, translated
from market.core.i18n import gettext
from market.stats.report import rounded_actual, rounded_target

WIDTHS = (5, 42, 7, 10, 10, 9, 9, 11)  # 103 characters: fitted to the width of a portrait A4 page
LAST = "H"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def columns() -> list[str]:
    """The table's column heads."""
    return [gettext("STT"), gettext("Tên chỉ tiêu"), gettext("Đơn vị"), gettext("Tử số"), gettext("Mẫu số"),
            gettext("Kế hoạch"), gettext("Thực hiện"), gettext("Đạt/Không đạt")]


def _line(sheet: Worksheet, row: int, first: str, last: str, text: str, font: Font, align: Alignment = CENTER) -> None:
    sheet[f"{first}{row}"] = text
    sheet[f"{first}{row}"].font, sheet[f"{first}{row}"].alignment = font, align
    sheet.merge_cells(f"{first}{row}:{last}{row}")


def _place_name(commune_name: str) -> str:
    """'Xã Lạc Đạo' → 'Lạc Đạo' for the place-and-date line."""
    for prefix in ("Xã ", "Phường ", "Đặc khu "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name


def _heading(sheet: Worksheet, data: dict[str, Any]) -> int:
    scope, day = data["scope"], data["date"]
    unit = gettext("UBND %(commune)s", commune=scope["commune_name"]).upper()
    issuer = (scope["village_name"] or "").upper() if scope["kind"] != "commune" else ""
    _line(sheet, 1, "A", "C", unit, Font(size=11))
    _line(sheet, 2, "A", "C", issuer, Font(bold=True, size=11))
    _line(sheet, 1, "D", LAST, gettext("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Font(bold=True, size=11))
    _line(sheet, 2, "D", LAST, gettext("Độc lập - Tự do - Hạnh phúc"), Font(bold=True, size=11, underline="single"))
    _line(sheet, 4, "D", LAST, gettext("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s", place=_place_name(
        scope["commune_name"]), d=f"{day:%d}", m=f"{day:%m}", y=f"{day:%Y}"), Font(italic=True, size=11))
    row = 6
    for label, value in data["header"]:
        text = f"{label}: {value}" if value else label
        _line(sheet, row, "A", LAST, text, Font(bold=not value, size=13 if not value else 11))
        row += 1
    return row + 1


def _cells(index: int, row: dict[str, Any], values_hidden: bool) -> list[Any]:
    name = f"{translated(row['name'])}\n" + gettext("(Tử số: %(num)s. Mẫu số: %(den)s.)",
                                                     num=translated(row["numerator"]),
                                                     den=translated(row["denominator"]))
    numerator, denominator = row["counts"] or (None, None)
    if values_hidden and row["indicator"] == "cashless_share_value":
        numerator = denominator = None
    return [index, name, row["unit"], numerator, denominator, rounded_target(row), rounded_actual(row),
            met_vi(row["met"], row["target"])]


def _table(sheet: Worksheet, top: int, data: dict[str, Any]) -> int:
    for column, text in enumerate(columns(), start=1):
        cell = sheet.cell(top, column, text)
        cell.font, cell.border, cell.alignment = Font(bold=True), BOX, CENTER
    row = top
    for index, target in enumerate(data["targets"], start=1):
        row += 1
        for column, value in enumerate(_cells(index, target, data.get("values_hidden", False)), start=1):
            cell = sheet.cell(row, column, value)
            cell.border, cell.alignment = BOX, Alignment(vertical="top", wrap_text=True)
        for column in (4, 5):
            sheet.cell(row, column).number_format = "#,##0"
        for column in (6, 7):
            sheet.cell(row, column).number_format = "0.0%"
    return row


def _signers(sheet: Worksheet, row: int, kind: str) -> int:
    head = gettext("TM. ỦY BAN NHÂN DÂN") if kind == "commune" else gettext("TRƯỞNG THÔN")
    _line(sheet, row, "A", "C", gettext("NGƯỜI LẬP BIỂU"), Font(bold=True))
    _line(sheet, row, "D", LAST, head, Font(bold=True))
    for first, last in (("A", "C"), ("D", LAST)):
        _line(sheet, row + 1, first, last, gettext("(Ký, ghi rõ họ tên)"), Font(italic=True))
    return row + 6


def _page_setup(sheet: Worksheet, last_row: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 1
    sheet.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_area = f"A1:{LAST}{last_row}"


def to_xlsx(data: dict[str, Any]) -> bytes:
    """The report workbook: heading, table with figures and rates, signers, one A4 page."""
    def lay_out(sheet: Worksheet) -> None:
        for column, width in zip("ABCDEFGH", WIDTHS):
            sheet.column_dimensions[column].width = width
        table_end = _table(sheet, _heading(sheet, data), data)
        _page_setup(sheet, _signers(sheet, table_end + 2, data["scope"]["kind"]))
    return laid_out_xlsx(gettext("Báo cáo"), lay_out)
