"""Fee kinds of a market: list, create (with per-stall amounts); a billed month's fees are never changed."""
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import board_market, officer_market
from market.fees.codes import fee_letter
from market.fees.models import BillRun, FeeKind, FeeOverride
from market.fees.periods import month_of
from merchants.models import Merchant


def present_fee(fee: FeeKind) -> dict[str, Any]:
    """A fee kind as the API shows it."""
    data = {name: getattr(fee, name) for name in (
        "id", "market_id", "name", "code", "period", "amount", "unit_price", "starts_on", "ends_on",
        "created_by", "created_at")}
    data["overrides"] = [{"merchant_id": row.merchant_id, "amount": row.amount} for row in fee.overrides]
    return data


def list_fees(principal: Principal, market_id: int) -> list[dict[str, Any]]:
    """The market's fee kinds, oldest first (officers of the market)."""
    market = officer_market(principal, market_id)
    query = select(FeeKind).where(FeeKind.market_id == market.id).options(
        selectinload(FeeKind.overrides)).order_by(FeeKind.id)
    return [present_fee(fee) for fee in db.session.scalars(query)]


def billed_months(market_id: int) -> list[str]:
    """Months whose bills were already made, oldest first."""
    return list(db.session.scalars(select(BillRun.period).where(BillRun.market_id == market_id)
                                   .order_by(BillRun.period)))


def check_not_billed(market_id: int, starts_on: date, ends_on: date | None, field: str = "starts_on") -> None:
    """409 naming `field` when a month already billed falls inside these dates."""
    first, last = month_of(starts_on), month_of(ends_on) if ends_on else "9999-12"
    clash = [month for month in billed_months(market_id) if first <= month <= last]
    if clash:
        raise invalid(field, _("Kỳ %(month)s đã lập hoá đơn; phí mới hoặc thay đổi chỉ áp dụng từ kỳ sau.",
                               month=clash[-1]), 409, "period_billed")


def _overrides(market_id: int, rows: list[dict[str, Any]]) -> list[FeeOverride]:
    ids = [row["merchant_id"] for row in rows]
    known = set(db.session.scalars(select(Merchant.id).where(Merchant.id.in_(ids), Merchant.market_id == market_id)))
    seen: set[int] = set()
    for index, row in enumerate(rows):
        if row["merchant_id"] not in known or row["merchant_id"] in seen:
            raise invalid(f"overrides.{index}.merchant_id",
                          _("Hộ %(id)s không có sạp ở chợ này hoặc bị lặp lại.", id=row["merchant_id"]))
        seen.add(row["merchant_id"])
    return [FeeOverride(merchant_id=row["merchant_id"], amount=row["amount"]) for row in rows]


def create_fee(principal: Principal, market_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Add a fee kind; its dates may not reach back into a month already billed."""
    market = board_market(principal, market_id)
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise invalid("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
    if data.get("unit_price") is None and data.get("amount", 0) <= 0:
        raise invalid("amount", _("Số tiền phải lớn hơn 0 (hoặc nhập đơn giá cho phí theo chỉ số công tơ)."))
    check_not_billed(market.id, data["starts_on"], data.get("ends_on"))
    count = db.session.scalar(select(func.count()).select_from(FeeKind).where(FeeKind.market_id == market.id))
    fee = FeeKind(market_id=market.id, name=data["name"], code=fee_letter(count or 0), period=data["period"],
                  amount=data.get("amount", 0), unit_price=data.get("unit_price"), starts_on=data["starts_on"],
                  ends_on=data.get("ends_on"), created_by=principal.label)
    fee.overrides = _overrides(market.id, data.get("overrides", []))
    db.session.add(fee)
    db.session.flush()
    after = present_fee(fee)
    record(principal, "fee.create", "fee_kind", fee.id, after={**after, "starts_on": str(fee.starts_on),
                                                               "ends_on": str(fee.ends_on), "created_at": None},
           commune_code=market.commune_code)
    return after
