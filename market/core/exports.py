"""The one way to write a CSV or XLSX export: every cell passes `safe_cell` (no formula injection)."""
import csv
import io
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

T = TypeVar("T")

# A spreadsheet treats a cell starting with these as a formula (CSV/XLSX injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: T) -> T | str:
    """The value to write into an export cell: text that a spreadsheet would run is prefixed with '."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row with every cell made safe."""
    return [safe_cell(value) for value in values]


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as CSV in UTF-8 with a BOM (so Excel shows the diacritics), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, rows: Iterable[Iterable[Any]],
               style: Callable[[Worksheet], None] | None = None) -> bytes:
    """Rows as a one-sheet workbook, every cell made safe; `style` may then format (never fill) cells.
    Without a style the workbook is written in streaming mode."""
    book = Workbook(write_only=style is None)
    sheet = book.create_sheet(title) if style is None else book.active
    if style is not None:
        sheet.title = title
    for row in rows:
        sheet.append(safe_row(row))
    if style is not None:
        style(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def laid_out_xlsx(title: str, lay_out: Callable[[Worksheet], None]) -> bytes:
    """A document that `lay_out` writes freely on its first sheet (merged cells, styles, page setup, more
    sheets through `sheet.parent`); every text cell of every sheet is made safe before saving, whoever wrote it."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    lay_out(sheet)
    for written in book.worksheets:
        for row in written.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = safe_cell(cell.value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
