"""“Thu phí chợ không dùng tiền mặt”: the cashless share of market fees collected in a period (SQL sums)."""
from typing import Any

from sqlalchemy import ColumnElement, case, func, select

from market.core.clock import local_midnight_utc
from market.core.extensions import db
from market.fees.models import Bill, FeePayment
from market.places.models import Market
from market.stats.figures import rate
from market.stats.periods import Period
from market.stats.scopes import Scope

CODES = ("fee_cashless_share_value", "fee_cashless_share_bills")


def _markets(scope: Scope) -> Any:
    """The markets of the scope (none for a street)."""
    if scope.kind == "market":
        return select(Market.id).where(Market.id == int(scope.ident)).scalar_subquery()
    if scope.kind == "village":
        return select(Market.id).where(Market.village_id == scope.village_id).scalar_subquery()
    if scope.kind == "commune":
        return select(Market.id).where(Market.commune_code == scope.commune_code).scalar_subquery()
    return None


def _between(column: ColumnElement[Any], period: Period) -> ColumnElement[bool]:
    return (column >= local_midnight_utc(period.start)) & (column < period.end_utc)


def figures(scope: Scope, period: Period) -> dict[str, Any] | None:
    """Fee money paid in the period (cash and cashless) and bills settled in it; None for a street."""
    markets = _markets(scope)
    if markets is None:
        return None
    cash = case((FeePayment.method == "cash", FeePayment.amount), else_=0)
    paid = db.session.execute(select(func.coalesce(func.sum(FeePayment.amount), 0), func.coalesce(func.sum(cash), 0))
                              .where(FeePayment.market_id.in_(markets), FeePayment.bill_id.is_not(None),
                                     _between(FeePayment.created_at, period))).one()
    settled = db.session.execute(select(func.count(Bill.id), func.count(case((Bill.status == "paid", 1))))
                                 .where(Bill.market_id.in_(markets), _between(Bill.paid_at, period))).one()
    value, cash_value = int(paid[0]), int(paid[1])
    return {"paid_value": value, "cashless_value": value - cash_value, "bills_settled": int(settled[0]),
            "bills_settled_cashless": int(settled[1]),
            "cashless_share_value": rate(value - cash_value, value),
            "cashless_share_bills": rate(int(settled[1]), int(settled[0]))}


def actuals(found: dict[str, Any] | None) -> dict[str, float | None]:
    """The two indicators' actual values, for the targets table."""
    if found is None:
        return {}
    return {"fee_cashless_share_value": found["cashless_share_value"],
            "fee_cashless_share_bills": found["cashless_share_bills"]}
