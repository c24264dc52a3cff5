"""Helpers shared by every CSV/XLSX export."""
from typing import TypeVar

T = TypeVar("T")

# A spreadsheet treats a cell starting with these as a formula (CSV/XLSX injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: T) -> T | str:
    """The value to write into an export cell: text that a spreadsheet would run is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
