"""Read an uploaded spreadsheet (XLSX or CSV in UTF-8) into header + rows of text cells."""
import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl import load_workbook

from market.core.errors import AppError
from market.core.i18n import gettext

MAX_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def file_error(message: str, status: int = 422, code: str = "bad_file") -> AppError:
    """A refusal of the whole file."""
    return AppError(status, code, message, {"file": [message]})


def read_upload(stream: Any) -> bytes:
    """The uploaded bytes, refusing anything over 5 MB."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise file_error(gettext("Tệp lớn hơn 5 MB."), 413, "too_large")
    if not data:
        raise file_error(gettext("Tệp rỗng."))
    return data


def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers without a trailing .0, everything trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise file_error(gettext("Không đọc được tệp Excel (.xlsx).")) from error
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    finally:
        book.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_error(gettext("Tệp CSV phải mã hoá UTF-8 (trong Excel: Lưu thành “CSV UTF-8”).")) from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        yield [cell.strip() for cell in row]


def sheet_rows(filename: str, data: bytes) -> Iterator[list[str]]:
    """Rows of the first sheet of an XLSX, or of a UTF-8 CSV; other formats are refused."""
    name = (filename or "").lower()
    if data.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")) or not name:
        return _csv_rows(data)
    raise file_error(gettext("Chỉ nhận tệp .xlsx hoặc .csv (UTF-8)."), 415, "unsupported_file")
