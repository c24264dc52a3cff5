"""The bill run of a month: one bill per active stall and fee kind in force, made once (idempotent)."""
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import board_market
from market.fees.codes import bill_code, fallback_code
from market.fees.models import Bill, BillRun, FeeKind, FeeOverride, MeterReading
from market.fees.payee import require_active_payee
from market.fees.payments import use_stall_credits
from market.fees.periods import bounds, days_in_force, next_month
from market.places.models import Market
from market.transactions.recording import insert_all_new, insert_new
from merchants.models import Merchant


@dataclass(frozen=True)
class Stall:
    """An active merchant of the market, as a bill needs it."""

    merchant_id: int
    stall: str


def fees_in_force(market_id: int, period: str) -> list[FeeKind]:
    """Fee kinds in force during the month; a one-off fee only in the month it starts."""
    first, last = bounds(period)
    query = select(FeeKind).where(FeeKind.market_id == market_id, FeeKind.starts_on <= last,
                                  (FeeKind.ends_on.is_(None)) | (FeeKind.ends_on >= first))
    return [fee for fee in db.session.scalars(query.order_by(FeeKind.id))
            if fee.period != "one_off" or fee.starts_on >= first]


def _stalls(market_id: int) -> list[Stall]:
    query = select(Merchant.id, Merchant.stall_number).where(Merchant.market_id == market_id,
                                                            Merchant.status == "active").order_by(Merchant.id)
    return [Stall(row.id, row.stall_number or "") for row in db.session.execute(query)]


def _amounts(fee: FeeKind, period: str, stalls: list[Stall]) -> dict[int, int]:
    """What each stall owes for this fee in the month (stalls owing nothing are left out)."""
    if fee.metered:
        query = select(MeterReading.merchant_id, MeterReading.current - MeterReading.previous).where(
            MeterReading.fee_id == fee.id, MeterReading.period == period)
        return {merchant_id: used * fee.unit_price for merchant_id, used in db.session.execute(query)  # type: ignore[operator]
                if used > 0}
    own = dict(db.session.execute(select(FeeOverride.merchant_id, FeeOverride.amount).where(
        FeeOverride.fee_id == fee.id)).all())
    days = days_in_force(period, fee.starts_on, fee.ends_on) if fee.period == "day" else 1
    amounts = {stall.merchant_id: own.get(stall.merchant_id, fee.amount) * days for stall in stalls}
    return {merchant_id: amount for merchant_id, amount in amounts.items() if amount > 0}


def _existing(market_id: int, period: str) -> tuple[set[tuple[int, int]], set[str]]:
    rows = db.session.execute(select(Bill.fee_id, Bill.merchant_id, Bill.payment_code).where(
        Bill.market_id == market_id, Bill.period == period)).all()
    return {(row.fee_id, row.merchant_id) for row in rows}, {row.payment_code for row in rows}


def _new_bills(market: Market, period: str) -> tuple[list[dict[str, Any]], int]:
    """Rows of the bills still missing, and how many stalls of metered fees have no reading yet."""
    stalls = _stalls(market.id)
    done, codes = _existing(market.id, period)
    rows, unread = [], 0
    for fee in fees_in_force(market.id, period):
        amounts = _amounts(fee, period, stalls)
        unread += len(stalls) - len(amounts) if fee.metered else 0
        for stall in stalls:
            if stall.merchant_id not in amounts or (fee.id, stall.merchant_id) in done:
                continue
            code = bill_code(stall.stall, period, fee.code, stall.merchant_id)
            code = fallback_code(period, fee.code, stall.merchant_id) if code in codes else code
            codes.add(code)
            rows.append({"market_id": market.id, "merchant_id": stall.merchant_id, "fee_id": fee.id,
                         "period": period, "stall": stall.stall[:20], "amount": amounts[stall.merchant_id],
                         "paid_amount": 0, "cash_amount": 0, "status": "unpaid", "payment_code": code,
                         "share_token": secrets.token_urlsafe(16)})
    return rows, unread


def run_bills(principal: Principal, market_id: int, period: str) -> tuple[dict[str, Any], int]:
    """Make the month's missing bills; a second run of the same month makes nothing (200 instead of 201)."""
    market = board_market(principal, market_id)
    require_active_payee(market.id)
    if period > next_month():
        raise invalid("period", _("Chỉ lập hoá đơn đến hết tháng sau."))
    rows, unread = _new_bills(market, period)
    first_run = insert_new(BillRun, market_id=market.id, period=period, created_by=principal.label) is not None
    created = insert_all_new(Bill, rows) if rows else []
    if created:
        use_stall_credits(principal, market, created)
    total = db.session.scalar(select(db.func.count()).select_from(Bill).where(
        Bill.market_id == market.id, Bill.period == period))
    result = {"period": period, "created": len(created), "bills": total, "missing_readings": unread}
    if created or first_run:
        record(principal, "fee.bill_run", "market", market.id, after=result, commune_code=market.commune_code)
    return result, 201 if created else 200
