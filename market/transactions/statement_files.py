"""Read a bank-statement or wallet export (CSV or XLSX) into credit rows; pure, no database."""
import csv
import hashlib
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from market.core.clock import as_local, time_problem
from market.core.i18n import gettext
from market.core.spreadsheets import sheet_rows
from market.transactions.models import LARGEST_CASHLESS, OVER_CEILING
from vietqr.text import fold

COLUMNS = ("date", "amount", "content", "reference")
# Folded (no diacritics, lower case) header names seen in Vietnamese bank and wallet exports, best first.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("ngay giao dich", "ngay gd", "thoi gian giao dich", "ngay hach toan", "ngay hieu luc",
             "thoi gian", "ngay", "transaction date", "date", "posting date"),
    "amount": ("so tien ghi co", "ghi co", "so tien co", "so tien vao", "credit amount", "credit", "co",
               "so tien giao dich", "so tien", "amount"),
    "content": ("noi dung giao dich", "noi dung chuyen khoan", "noi dung", "dien giai", "mo ta", "chi tiet",
                "description", "remark", "remarks"),
    "reference": ("so tham chieu", "ma tham chieu", "ma gd", "ma giao dich", "so but toan", "so chung tu",
                  "so ct", "reference", "ref", "transaction id"),
}
HEADER_SCAN_ROWS = 30
MAX_LINES = 200_000
DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                "%Y-%m-%d", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y", "%d.%m.%Y")
GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
DECIMAL = re.compile(r"^(\d+)[.,](\d{1,2})$")
UNIT = re.compile(r" (vnd|d)$")  # "Số tiền ghi có (VND)" → "so tien ghi co"
NOISE = re.compile(r"\s|vnd|đ|₫", re.IGNORECASE)


class StatementError(ValueError):
    """The file as a whole cannot be read (format, header, mapping)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class Statement:
    """Credit rows ready to store, per-row problems, and what was left out."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    not_credits: int = 0
    in_file_duplicates: int = 0


def key(text: Any) -> str:
    """A header cell folded for comparison: "Số tiền ghi có (VND)" → "so tien ghi co vnd"."""
    return fold(str(text or "")).lower()


class _Semicolon(csv.excel):
    delimiter = ";"


def _dialect(sample: str) -> type[csv.Dialect]:
    """Amounts such as "1,500,000" hold commas, so a separator must appear on about every line to win."""
    lines = max(sample.count("\n"), 1)
    if sample.count("\t") >= lines:
        return csv.excel_tab
    return _Semicolon if sample.count(";") >= lines else csv.excel


def read_cells(content: bytes) -> Iterator[list[Any]]:
    """Rows of cells from XLSX (zip signature) or CSV (UTF-8, with or without BOM; `,` `;` or tab)."""
    return sheet_rows(content, MAX_LINES, _dialect)


def find_columns(header: list[Any], mapping: Mapping[str, str]) -> dict[str, int] | None:
    """Column index per field: explicit mapping first, then the known aliases; None without date/amount."""
    folded = [key(cell) for cell in header]
    found: dict[str, int] = {}
    for name in COLUMNS:
        wanted = (key(mapping[name]),) if mapping.get(name) else ALIASES[name]
        for alias in wanted:
            matches = [i for i, cell in enumerate(folded) if UNIT.sub("", cell) == alias]
            if matches:
                found[name] = matches[0]
                break
    return found if "date" in found and "amount" in found else None


def parse_amount(value: Any) -> int | None:
    """Integer VND of a cell ("1.500.000", "1,500,000.00", 1500000.0); None for empty; ValueError if bad."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != int(value):
            raise ValueError(gettext("Số tiền VND không có phần lẻ."))
        return int(value)
    text = NOISE.sub("", str(value))
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if GROUPED.fullmatch(text):
        text = re.sub(r"[.,]", "", text)
    elif (decimal := DECIMAL.fullmatch(text)) is not None:
        if int(decimal.group(2)):
            raise ValueError(gettext("Số tiền VND không có phần lẻ."))
        text = decimal.group(1)
    if not (text.isascii() and text.isdigit()) or len(text) > 15:
        raise ValueError(gettext("Số tiền không hợp lệ."))
    return sign * int(text)


def parse_moment(value: Any, formats: list[str] | None = None) -> datetime:
    """An aware time from a cell; a time without offset is Asia/Ho_Chi_Minh wall-clock time.

    `formats` (a list the caller keeps per file) is reordered so the file's own format is tried first.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else as_local(value)
    if isinstance(value, date):
        return as_local(datetime(value.year, value.month, value.day))
    text, formats = str(value).strip(), formats if formats is not None else list(DATE_FORMATS)
    for index, fmt in enumerate(formats):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        formats.insert(0, formats.pop(index))
        return as_local(moment)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else as_local(moment)


def _cell(row: list[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def _header(cells: Iterator[list[Any]], mapping: Mapping[str, str]) -> tuple[int, dict[str, int]]:
    for number, row in enumerate(cells, start=1):
        columns = find_columns(row, mapping)
        if columns is not None:
            return number, columns
        if number >= HEADER_SCAN_ROWS:
            break
    raise StatementError("mapping", gettext("Không tìm thấy dòng tiêu đề có cột ngày và cột số tiền ghi có."))


def _synthetic_reference(moment: datetime, amount: int, content: str, seen: dict[bytes, int]) -> str:
    """A stable reference for a row without one: same file, same rows → same references."""
    base = f"{moment.isoformat()}|{amount}|{content}"
    # Keyed by digest: 200,000 rows with long memos must not keep a second copy of every memo.
    key = hashlib.sha256(base.encode()).digest()
    seen[key] = seen.get(key, 0) + 1
    return "auto-" + hashlib.sha256(f"{base}|{seen[key]}".encode()).hexdigest()[:32]


def _row(raw: list[Any], number: int, columns: dict[str, int], seen: dict[bytes, int],
         formats: list[str]) -> dict[str, Any]:
    """One credit row, or raises (field, message) through ValueError args."""
    try:
        amount = parse_amount(_cell(raw, columns["amount"]))
    except ValueError as error:
        raise ValueError("amount", str(error)) from None
    if amount is None or amount <= 0:
        return {}
    if amount > LARGEST_CASHLESS:
        raise ValueError("amount", OVER_CEILING)
    try:
        moment = parse_moment(_cell(raw, columns["date"]), formats)
    except (ValueError, TypeError):
        raise ValueError("date", gettext("Ngày giờ không đọc được (ví dụ 25/03/2026 14:05).")) from None
    if (problem := time_problem(moment)) is not None:
        raise ValueError("date", problem)
    # One copy of a memo that many rows repeat (a shared string of the XLSX, sliced anew for each row).
    content = sys.intern(str(_cell(raw, columns.get("content")) or "")[:500])
    reference = str(_cell(raw, columns.get("reference")) or "")
    if len(reference) > 120:
        raise ValueError("reference", gettext("Mã tham chiếu dài quá 120 ký tự."))
    reference = reference or _synthetic_reference(moment, amount, content, seen)
    return {"row": number, "occurred_at": moment, "amount": amount, "content": content or None,
            "reference": reference}


def parse_statement(content: bytes, mapping: Mapping[str, str] | None = None) -> Statement:
    """Every credit of the file; rows without a date are summary lines and are not counted."""
    cells = read_cells(content)
    header_row, columns = _header(cells, mapping or {})
    statement, seen, references = Statement(), {}, set()  # type: ignore[var-annotated]
    formats = list(DATE_FORMATS)
    for number, raw in enumerate(cells, start=header_row + 1):
        if not raw:
            continue
        when = _cell(raw, columns["date"])
        # Blank lines and footers ("Tổng cộng", "Số dư cuối kỳ") carry no date digits.
        if isinstance(when, str | None) and not any(ch.isdigit() for ch in when or ""):
            continue
        statement.total += 1
        try:
            row = _row(raw, number, columns, seen, formats)
        except ValueError as error:
            field_name, message = error.args
            statement.errors.append({"row": number, "field": field_name, "message": message})
            continue
        if not row:
            statement.not_credits += 1
        elif row["reference"] in references:
            statement.in_file_duplicates += 1
        else:
            references.add(row["reference"])
            statement.rows.append(row)
    return statement
