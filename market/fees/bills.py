"""Reading bills: a market's month, one bill, a merchant's own, and a bill behind a share link."""
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import officer_market, readable_bill
from market.fees.models import Bill
from market.fees.payments import present_bill
from merchants.cards.sheets import natural_key
from merchants.services import merchant_for_actor

MERCHANT_LIMIT = 120


def month_bills(market_id: int, period: str, status: str | None = None) -> list[Bill]:
    """The month's bills of a market in stall order (fees loaded)."""
    query = select(Bill).where(Bill.market_id == market_id, Bill.period == period).options(selectinload(Bill.fee))
    if status:
        query = query.where(Bill.status == status)
    return sorted(db.session.scalars(query), key=lambda bill: (natural_key(bill.stall), bill.fee_id))


def list_bills(principal: Principal, market_id: int, period: str, status: str | None) -> list[dict[str, Any]]:
    """The month's bills (officers of the market)."""
    market = officer_market(principal, market_id)
    return [present_bill(bill) for bill in month_bills(market.id, period, status)]


def read_bill(principal: Principal, bill_id: int) -> dict[str, Any]:
    """One bill (officers of its market or its merchant)."""
    return present_bill(readable_bill(principal, bill_id))


def own_bills(merchant_id: int) -> list[Bill]:
    """A merchant's bills, newest month first (the last ten years of months at most)."""
    query = (select(Bill).where(Bill.merchant_id == merchant_id).options(selectinload(Bill.fee))
             .order_by(Bill.period.desc(), Bill.fee_id).limit(MERCHANT_LIMIT))
    return list(db.session.scalars(query))


def merchant_bills(principal: Principal, merchant_id: int) -> list[dict[str, Any]]:
    """A merchant's own bills (the merchant, or managers of its village)."""
    merchant = merchant_for_actor(principal, merchant_id)
    return [present_bill(bill) for bill in own_bills(merchant.id)]


def shared_bill(token: str) -> tuple[Bill, list[Bill]]:
    """The bill behind a share link and its stall's other bills of the same month (404 for a wrong link)."""
    bill = db.session.scalar(select(Bill).where(Bill.share_token == token[:32])) if token else None
    if bill is None:
        raise AppError(404, "not_found", _("Liên kết không đúng hoặc hoá đơn không còn."))
    siblings = db.session.scalars(select(Bill).where(
        Bill.merchant_id == bill.merchant_id, Bill.period == bill.period, Bill.id != bill.id).order_by(Bill.fee_id))
    return bill, list(siblings)
