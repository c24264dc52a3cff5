"""The thresholds and book forms in force, read from the shipped data file (a change of law is a data change)."""
import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from market.core.filters import number_vi

DATA_FILE = Path(__file__).with_name("data") / "thresholds.json"


@dataclass(frozen=True)
class Threshold:
    """A yearly revenue level with its meaning below and above it."""

    code: str
    amount: int
    effective_from: date
    effective_to: date | None
    basis: str
    name: str
    below: str
    above: str

    def sentence(self, revenue: int) -> str:
        """The plain sentence for a yearly revenue against this level."""
        template = self.below if revenue < self.amount else self.above
        return template.format(amount=amount_words(self.amount))


def amount_words(amount: int) -> str:
    """1000000000 → '1 tỷ đồng'; 200000000 → '200 triệu đồng'; otherwise '1.234.567 đồng'."""
    for unit, word in ((1_000_000_000, "tỷ"), (1_000_000, "triệu")):
        if amount % unit == 0:
            return f"{number_vi(amount // unit)} {word} đồng"
    return f"{number_vi(amount)} đồng"


def _in_force(row: dict[str, Any], day: date) -> bool:
    ends = row.get("effective_to")
    return date.fromisoformat(row["effective_from"]) <= day and (ends is None or day <= date.fromisoformat(ends))


@functools.cache
def _data() -> dict[str, Any]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def thresholds_on(day: date) -> list[Threshold]:
    """The revenue thresholds in force on `day`, lowest first."""
    rows = [row for row in _data()["thresholds"] if _in_force(row, day)]
    return sorted((Threshold(
        code=row["code"], amount=row["amount"], effective_from=date.fromisoformat(row["effective_from"]),
        effective_to=date.fromisoformat(row["effective_to"]) if row["effective_to"] else None,
        basis=row["basis"], name=row["name"], below=row["below"], above=row["above"]) for row in rows),
        key=lambda threshold: threshold.amount)


def book_form(day: date) -> dict[str, str]:
    """The revenue book form in force on `day` (code, name, basis)."""
    rows = [row for row in _data()["forms"] if _in_force(row, day)]
    if not rows:
        return {"code": "", "name": "Sổ doanh thu bán hàng hóa, dịch vụ", "basis": ""}
    return {key: rows[-1][key] for key in ("code", "name", "basis")}
