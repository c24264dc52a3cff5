"""Daily tallies: one per merchant per day; a second report replaces the first, audited."""
from typing import Any

from sqlalchemy import select

from market.auth.principal import Principal
from market.core.audit import record
from market.core.clock import day_problem
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.transactions.models import LARGEST_CASHLESS, OVER_CEILING, DailyTally
from market.transactions.recording import active_merchant_for, insert_new

FIGURES = ("cash_count", "cash_value", "cashless_count", "cashless_value")


def _check(data: dict[str, Any]) -> None:
    """A count and its value agree: no value without sales, no sales worth nothing."""
    errors: dict[str, list[str]] = {}
    problem = day_problem(data["day"])
    if problem:
        errors["day"] = [problem]
    for kind in ("cash", "cashless"):
        count, value = data[f"{kind}_count"], data[f"{kind}_value"]
        if count == 0 and value != 0:
            errors[f"{kind}_value"] = [gettext("Phải bằng 0 khi số lượt bằng 0.")]
        elif count > 0 and value == 0:
            errors[f"{kind}_value"] = [gettext("Phải lớn hơn 0 khi có lượt bán.")]
        elif count > 0 and kind == "cashless" and value > count * LARGEST_CASHLESS:
            errors[f"{kind}_value"] = [OVER_CEILING]
    if errors:
        raise AppError(422, "validation_error", gettext("Số liệu tổng ngày không hợp lệ."), errors)


def _figures(tally: DailyTally) -> dict[str, Any]:
    return {"day": tally.day.isoformat(), **{name: getattr(tally, name) for name in FIGURES}}


def report_tally(principal: Principal, data: dict[str, Any]) -> tuple[DailyTally, bool]:
    """Create or replace the merchant's tally for the day; returns (tally, created)."""
    merchant = active_merchant_for(principal, data["merchant_id"])
    _check(data)
    tally = tally_for(merchant.id, data["day"])
    if tally is None:
        fresh = insert_new(DailyTally, merchant_id=merchant.id, day=data["day"], **{n: data[n] for n in FIGURES})
        if fresh is not None:
            return fresh, True
        # Another request created it meanwhile: this report replaces that one.
        tally = tally_for(merchant.id, data["day"])
    assert tally is not None
    before = _figures(tally)
    for name in FIGURES:
        setattr(tally, name, data[name])
    db.session.flush()
    record(principal, "tally.replace", "daily_tally", tally.id, before=before, after=_figures(tally),
           commune_code=merchant.commune_code)
    return tally, False


def tally_for(merchant_id: int, day: Any) -> DailyTally | None:
    """The merchant's tally for a day, if any."""
    return db.session.scalar(select(DailyTally).where(
        DailyTally.merchant_id == merchant_id, DailyTally.day == day))
