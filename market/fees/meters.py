"""Meter readings of a metered fee (electricity, water) for a month, from a CSV/XLSX sheet, dry run first.

Columns: stall (Sạp), previous reading (Chỉ số cũ), current reading (Chỉ số mới). Every row is checked
against the market's stalls; one bad row and nothing is written.
"""
from typing import Any

from sqlalchemy import select

from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import board_market
from market.fees.models import FeeKind, MeterReading
from market.fees.periods import bounds
from market.fees.services import check_not_billed
from merchants.imports.read import read_upload, sheet_rows
from merchants.models import Merchant
from merchants.text import search_key

HEADERS = {"stall": ("sap", "so sap", "ki ot", "kiot"), "previous": ("chi so cu", "so cu", "dau ky"),
           "current": ("chi so moi", "so moi", "cuoi ky")}
MAX_ROWS = 5000
MAX_READING = 10**9


def read_sheet(upload: Any) -> list[list[str]]:
    """The sheet's rows as text, read with the project's bounded reader (size, then rows)."""
    rows = []
    for row in sheet_rows(getattr(upload, "filename", "") or "", read_upload(upload)):
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            raise invalid("file", _("Tệp có hơn %(n)s dòng.", n=MAX_ROWS), 413, "too_many_rows")
    return rows


def _columns(header: list[str]) -> dict[str, int]:
    folded = [search_key(cell) for cell in header]
    found = {name: next((i for i, cell in enumerate(folded) if cell in aliases), -1)
             for name, aliases in HEADERS.items()}
    missing = [name for name, index in found.items() if index < 0]
    if missing:
        raise invalid("file", _("Thiếu cột: %(cols)s (cần Sạp, Chỉ số cũ, Chỉ số mới).", cols=", ".join(missing)))
    return found


def _reading(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) < MAX_READING else None


def check_rows(rows: list[list[str]], stalls: dict[str, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(readings, problems): each problem names its row (1 = the header) and its column."""
    if not rows:
        raise invalid("file", _("Tệp rỗng."))
    columns, good, bad, seen = _columns(rows[0]), [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        if not any(cells.values()):
            continue
        merchant_id = stalls.get(search_key(cells["stall"]))
        previous, current = _reading(cells["previous"]), _reading(cells["current"])
        if merchant_id is None or merchant_id in seen:
            bad.append({"row": number, "field": "stall", "message": _("Không có sạp “%(s)s” ở chợ này, hoặc sạp bị lặp.",
                                                                      s=cells["stall"][:20])})
        elif previous is None or current is None:
            bad.append({"row": number, "field": "current" if previous is not None else "previous",
                        "message": _("Chỉ số phải là số nguyên không âm.")})
        elif current < previous:
            bad.append({"row": number, "field": "current", "message": _("Chỉ số mới nhỏ hơn chỉ số cũ.")})
        else:
            seen.add(merchant_id)
            good.append({"merchant_id": merchant_id, "previous": previous, "current": current})
    return good, bad


def import_readings(principal: Principal, market_id: int, fee_id: int, period: str, upload: Any,
                    dry_run: bool) -> dict[str, Any]:
    """Check (and unless a dry run, store) a month's meter readings; nothing is written if a row is bad."""
    market = board_market(principal, market_id)
    fee = db.session.get(FeeKind, fee_id)
    if fee is None or fee.market_id != market.id or not fee.metered:
        raise AppError(404, "not_found", _("Không có khoản phí theo chỉ số công tơ %(id)s ở chợ này.", id=fee_id))
    first, last = bounds(period)
    check_not_billed(market.id, first, last, "period")
    stalls = {search_key(number): ident for ident, number in db.session.execute(select(
        Merchant.id, Merchant.stall_number).where(Merchant.market_id == market.id, Merchant.status == "active",
                                                  Merchant.stall_number.is_not(None)))}
    good, bad = check_rows(read_sheet(upload), stalls)
    report = {"ok": not bad, "dry_run": dry_run, "rows": len(good) + len(bad), "created": 0, "errors": bad}
    if bad or dry_run:
        return report
    existing = {row.merchant_id: row for row in db.session.scalars(select(MeterReading).where(
        MeterReading.fee_id == fee.id, MeterReading.period == period))}
    for values in good:
        row = existing.get(values["merchant_id"]) or MeterReading(fee_id=fee.id, period=period, **values)
        row.previous, row.current, row.created_by = values["previous"], values["current"], principal.label
        db.session.add(row)
    db.session.flush()
    report["created"] = len(good)
    record(principal, "fee.meter_import", "fee_kind", fee.id, after={"period": period, "rows": len(good)},
           commune_code=market.commune_code)
    return report
