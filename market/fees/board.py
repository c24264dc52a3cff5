"""Who has paid: per market and month, each stall's bills summed, the totals and the cashless share."""
from typing import Any

from sqlalchemy import func, select

from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import get_market, officer_market
from market.fees.models import Bill
from market.fees.payee import payee_of
from market.fees.payments import status_of
from market.places.models import Market
from merchants.cards.sheets import natural_key
from merchants.models import Merchant


def _rows(market_id: int, period: str) -> list[Any]:
    query = (select(Bill.merchant_id, Bill.stall, Merchant.display_name, func.count(Bill.id).label("bills"),
                    func.sum(Bill.amount).label("amount"), func.sum(Bill.paid_amount).label("paid"),
                    func.sum(Bill.cash_amount).label("cash"), func.min(Bill.share_token).label("share_token"))
             .join(Merchant, Merchant.id == Bill.merchant_id)
             .where(Bill.market_id == market_id, Bill.period == period)
             .group_by(Bill.merchant_id, Bill.stall, Merchant.display_name))
    return list(db.session.execute(query))


def totals(stalls: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums over the stalls, with the cashless share of the value collected."""
    amount, paid = sum(s["amount"] for s in stalls), sum(s["paid"] for s in stalls)
    cash = sum(s["cash"] for s in stalls)
    counts = {f"{status}_stalls": sum(1 for s in stalls if s["status"] == status)
              for status in ("paid", "partly_paid", "unpaid", "paid_cash")}
    return {"stalls": len(stalls), **counts, "amount": amount, "paid": paid, "cash": cash,
            "cashless": paid - cash, "owed": amount - paid,
            "cashless_share": round((paid - cash) / paid, 4) if paid else None}


def who_paid(principal: Principal, market_id: int, period: str, status: str | None = None) -> dict[str, Any]:
    """Every billed stall of the month with its status (paid, part-paid, unpaid, paid in cash) and totals."""
    return _board(officer_market(principal, market_id), period, status)


def public_board(market_id: int, period: str) -> dict[str, Any]:
    """The paid/unpaid board for everyone, only when the market board turned it on (404 otherwise)."""
    market = get_market(market_id)
    payee = payee_of(market.id)
    if payee is None or not payee.public_board:
        raise AppError(404, "not_found", _("Chợ này không công khai bảng nộp phí."))
    data = _board(market, period, None)
    data["stalls"] = [{"stall": s["stall"], "status": s["status"]} for s in data["stalls"]]
    return data


def _board(market: Market, period: str, status: str | None) -> dict[str, Any]:
    stalls = [{"merchant_id": row.merchant_id, "stall": row.stall, "display_name": row.display_name,
               "bills": row.bills, "amount": int(row.amount), "paid": int(row.paid), "cash": int(row.cash),
               "owed": int(row.amount - row.paid), "share_token": row.share_token,
               "status": status_of(int(row.amount), int(row.paid), int(row.cash))}
              for row in _rows(market.id, period)]
    stalls.sort(key=lambda s: natural_key(s["stall"]))
    summary = totals(stalls)
    shown = [s for s in stalls if status is None or s["status"] == status]
    return {"market_id": market.id, "market": market.name, "period": period, "totals": summary, "stalls": shown}
