"""The S1a-HKD book as an Excel workbook: A4 portrait, one page wide, amounts as numbers, safe cells."""
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from market.core.exports import laid_out_xlsx, safe_cell
from merchants.books import document

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Amounts stay numbers an accountant can add up; Excel shows the grouping in the reader's locale
# (1.234.567 in Vietnamese), dates likewise as dd/mm/yyyy.
AMOUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
WIDTHS = {"A": 14, "B": 62, "C": 18}
# Built once: openpyxl hashes each style object it is given, so a new one per cell costs a lot on a year's rows.
FONTS = {False: Font(bold=False), True: Font(bold=True)}
WRAP_TOP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center")


def _boxed(sheet: Worksheet, bold: bool = False) -> None:
    for cell in sheet[sheet.max_row]:
        cell.border, cell.font, cell.alignment = BOX, FONTS[bold], WRAP_TOP


def _head(sheet: Worksheet, book: dict[str, Any]) -> None:
    for line, mark in zip(document.header(book) + [""] * 3, document.form_mark(book) + [""] * 5):
        if line or mark:
            sheet.append([safe_cell(line), None, mark])
    name, period = document.title(book)
    sheet.append([])
    sheet.append([name])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
    sheet.append([period])
    sheet.append([])
    sheet.append(list(document.COLUMNS))
    _boxed(sheet, bold=True)
    sheet.print_title_rows = f"{sheet.max_row}:{sheet.max_row}"
    sheet.append(list(document.COLUMN_LETTERS))
    _boxed(sheet)


def _body(sheet: Worksheet, book: dict[str, Any]) -> None:
    for row in book["rows"]:
        sheet.append([row.day, safe_cell(row.description), row.amount])
        _boxed(sheet)
        sheet.cell(sheet.max_row, 1).number_format = DATE_FORMAT
        sheet.cell(sheet.max_row, 3).number_format = AMOUNT_FORMAT
    sheet.append([None, document.TOTAL, book["total"]])
    _boxed(sheet, bold=True)
    sheet.cell(sheet.max_row, 3).number_format = AMOUNT_FORMAT
    sheet.append([])
    for line in document.SIGNATURE:
        sheet.append([None, None, line])
        sheet.cell(sheet.max_row, 3).alignment = CENTRE
    sheet.append([])
    sheet.append([document.NOTHING_SENT])


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width


def _accounts(book: Workbook, data: dict[str, Any]) -> None:
    sheet = book.create_sheet("Tài khoản kinh doanh")
    sheet.append(["DANH SÁCH TÀI KHOẢN DÙNG CHO HOẠT ĐỘNG KINH DOANH"])
    sheet.append(list(document.ACCOUNT_COLUMNS))
    for row in document.account_rows(data):
        sheet.append([safe_cell(value) for value in row])
    for column, width in zip("ABCD", (40, 22, 30, 20)):
        sheet.column_dimensions[column].width = width


def to_xlsx(book: dict[str, Any]) -> bytes:
    """The workbook: the book on the first sheet, the accounts to declare on the second."""
    def lay_out(sheet: Worksheet) -> None:
        _head(sheet, book)
        _body(sheet, book)
        _page_setup(sheet)
        _accounts(sheet.parent, book)
    return laid_out_xlsx(book["form"]["code"] or "Sổ doanh thu", lay_out)
