"""Adoption figures recomputed in plain Python from the rows a test created (the independent oracle)."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

CASHLESS = {"vietqr", "bank_transfer", "ewallet", "card"}
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2026, 3, 2)  # windows ending here cross the end of February


@dataclass
class Raw:
    """Plain copies of the rows a test inserted."""

    merchants: list[dict] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)
    transactions: list[dict] = field(default_factory=list)
    tallies: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)


def _rate(num: int, den: int) -> float | None:
    return None if den <= 0 else round(num / den, 4)


def _status_at(row: dict, cutoff: datetime) -> str | None:
    """A merchant's or account's status just before `cutoff`, from its (time, status) history."""
    then = [status for at, status in row["history"] if at < cutoff]
    return then[-1] if then else None


def expected(raw: Raw, in_scope, day: date, days: int) -> dict:
    """The figures the API must return for merchants matching `in_scope` on `day` over `days`."""
    start = day - timedelta(days=days - 1)
    cutoff = datetime.combine(day + timedelta(days=1), time(0), HCM).astimezone(timezone.utc)
    scope = [m for m in raw.merchants if in_scope(m)]
    ids = {m["id"] for m in scope}
    counted = [m for m in scope if _status_at(m, cutoff) == "active"]
    accepting = [m for m in counted if any(a["merchant_id"] == m["id"] and _status_at(a, cutoff) == "active"
                                           for a in raw.accounts)]
    txs = [t for t in raw.transactions if t["merchant_id"] in ids and start <= t["local_day"] <= day]
    tallies = [t for t in raw.tallies if t["merchant_id"] in ids and start <= t["day"] <= day]

    def transacting(m: dict) -> bool:
        net = sum(-1 if t["reverses"] else 1 for t in txs if t["merchant_id"] == m["id"] and t["method"] in CASHLESS)
        return net > 0 or any(t["merchant_id"] == m["id"] and t["cashless_count"] > 0 for t in tallies)

    by_method = {}
    for method in ("vietqr", "bank_transfer", "ewallet", "card", "cash"):
        rows = [t for t in txs if t["method"] == method]
        by_method[method] = (sum(-1 if t["reverses"] else 1 for t in rows), sum(t["amount"] for t in rows))
    cashless_count = sum(by_method[m][0] for m in CASHLESS) + sum(t["cashless_count"] for t in tallies)
    cashless_value = sum(by_method[m][1] for m in CASHLESS) + sum(t["cashless_value"] for t in tallies)
    all_count = cashless_count + by_method["cash"][0] + sum(t["cash_count"] for t in tallies)
    all_value = cashless_value + by_method["cash"][1] + sum(t["cash_value"] for t in tallies)
    ocop = [m for m in counted if m["is_ocop"]]
    online = [m for m in ocop if any(p["merchant_id"] == m["id"] and p["channels"] for p in raw.products)]
    transacting_count = sum(1 for m in counted if transacting(m))
    return {
        "merchants_total": len(counted), "merchants_accepting": len(accepting),
        "merchants_transacting": transacting_count,
        "acceptance_rate": _rate(len(accepting), len(counted)),
        "activity_rate": _rate(transacting_count, len(counted)),
        "cashless_share_count": _rate(cashless_count, all_count),
        "cashless_share_value": _rate(cashless_value, all_value),
        "count": all_count, "value": all_value, "cashless_count": cashless_count, "cashless_value": cashless_value,
        "by_method": by_method, "ocop_producers": len(ocop), "ocop_online": len(online),
    }
