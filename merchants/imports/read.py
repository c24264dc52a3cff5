"""Read an uploaded merchant list (XLSX or CSV in UTF-8) into rows of text cells (the bounded reader)."""
from collections.abc import Iterator
from typing import Any

from market.core import spreadsheets
from market.core.i18n import gettext
from market.core.spreadsheets import refusal

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


def read_upload(stream: Any) -> bytes:
    """The uploaded bytes, refusing anything over 5 MB."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise refusal(gettext("Tệp lớn hơn 5 MB."), 413, "too_large")
    if not data:
        raise refusal(gettext("Tệp rỗng."))
    return data


def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers without a trailing .0, everything trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sheet_rows(filename: str, data: bytes) -> Iterator[list[str]]:
    """Rows of the first sheet of an XLSX, or of a UTF-8 CSV (at most 20,000); other formats are refused."""
    name = (filename or "").lower()
    if not (spreadsheets.is_xlsx(data) or name.endswith((".xlsx", ".csv", ".txt")) or not name):
        raise refusal(gettext("Chỉ nhận tệp .xlsx hoặc .csv (UTF-8)."), 415, "unsupported_file")
    if name.endswith(".xlsx") and not spreadsheets.is_xlsx(data):
        raise refusal(spreadsheets.BAD_XLSX)
    return ([cell_text(value) for value in row] for row in spreadsheets.sheet_rows(data, MAX_ROWS))
