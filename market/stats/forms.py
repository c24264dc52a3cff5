"""Parse the percent inputs of the target and survey pages ('72,5' or '72.5' → 0.725)."""
import re
from collections.abc import Iterable, Mapping

PERCENT = re.compile(r"^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$")
MONTH = re.compile(r"^(20\d\d|2100)-(0[1-9]|1[0-2])$")


def parse_percent(text: str) -> float | None:
    """A percentage 0–100 with up to two decimals as a fraction; None when malformed or out of range."""
    match = PERCENT.fullmatch(text or "")
    if not match:
        return None
    value = float(f"{match.group(1)}.{match.group(2) or 0}")
    return round(value / 100, 4) if value <= 100 else None


def parse_percent_fields(form: Mapping[str, str], names: Iterable[str]) -> tuple[dict[str, float], dict[str, str]]:
    """Values of the non-empty named fields, and an error message per malformed one."""
    values, errors = {}, {}
    for name in names:
        text = (form.get(name) or "").strip()
        if not text:
            continue
        value = parse_percent(text)
        if value is None:
            errors[name] = "Nhập phần trăm từ 0 đến 100, ví dụ 72,5."
        else:
            values[name] = value
    return values, errors


def parse_month_field(text: str | None) -> str | None:
    """'YYYY-MM' or None."""
    text = (text or "").strip()
    return text if MONTH.fullmatch(text) else None
