"""What counts as revenue, written once: non-reversed sales and credits not marked "không phải doanh thu",
plus the merchant's daily tallies, by Asia/Ho_Chi_Minh calendar day."""
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import aliased

from market.core.extensions import db
from market.transactions.models import DailyTally, Transaction

# Short words for the book's "Diễn giải" column.
METHOD_WORDS = {"vietqr": "QR", "bank_transfer": "chuyển khoản", "ewallet": "ví điện tử", "card": "thẻ",
                "cash": "tiền mặt"}
_original = aliased(Transaction)


@dataclass
class DayRevenue:
    """One day of the book: the revenue and what it is made of."""

    day: date
    amount: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    tally_cash: int = 0
    tally_cashless: int = 0

    @property
    def description(self) -> str:
        """'Bán hàng: 12 giao dịch QR, 3 giao dịch tiền mặt, tiền mặt theo sổ tổng ngày'."""
        parts = [f"{count} giao dịch {METHOD_WORDS.get(method, method)}"
                 for method, count in self.counts.items() if count > 0]
        tallied = [word for word, value in (("tiền mặt", self.tally_cash),
                                            ("không dùng tiền mặt", self.tally_cashless)) if value]
        if tallied:
            parts.append(" và ".join(tallied) + " theo sổ tổng ngày")
        return "Bán hàng: " + ", ".join(parts) if parts else "Bán hàng"


def counted_as_revenue() -> ColumnElement[bool]:
    """A transaction counts unless it, or the original it reverses, is marked not revenue."""
    return and_(Transaction.not_revenue_reason.is_(None), _original.not_revenue_reason.is_(None))


def revenue_transactions(merchant_id: int, start: date, end: date) -> Any:
    """Transactions of the merchant on local days start..end, joined to the original they reverse."""
    return (select(Transaction).outerjoin(_original, _original.id == Transaction.reverses_id)
            .where(Transaction.merchant_id == merchant_id, Transaction.local_day.between(start, end)))


def _sales(merchant_id: int, start: date, end: date) -> Any:
    signed = func.sum(case((Transaction.amount < 0, -1), else_=1))
    query = revenue_transactions(merchant_id, start, end).where(counted_as_revenue())
    return db.session.execute(query.with_only_columns(
        Transaction.local_day, Transaction.method, signed, func.sum(Transaction.amount))
        .group_by(Transaction.local_day, Transaction.method))


def _tallies(merchant_id: int, start: date, end: date) -> Any:
    return db.session.execute(select(DailyTally.day, DailyTally.cash_value, DailyTally.cashless_value).where(
        DailyTally.merchant_id == merchant_id, DailyTally.day.between(start, end)))


def daily_revenue(merchant_id: int, start: date, end: date) -> list[DayRevenue]:
    """The days of start..end with any revenue, oldest first (SQL does the sums; one row per day and method)."""
    days: dict[date, DayRevenue] = {}
    for day, method, count, value in _sales(merchant_id, start, end):
        row = days.setdefault(day, DayRevenue(day))
        row.amount += int(value or 0)
        row.counts[method] = row.counts.get(method, 0) + int(count or 0)
    for day, cash, cashless in _tallies(merchant_id, start, end):
        row = days.setdefault(day, DayRevenue(day))
        row.amount += int(cash) + int(cashless)
        row.tally_cash, row.tally_cashless = int(cash), int(cashless)
    # A day whose every sale was reversed has nothing to declare: it is not a row of the book.
    return [days[day] for day in sorted(days) if days[day].amount]


def revenue_total(merchant_id: int, start: date, end: date) -> int:
    """The revenue of local days start..end, to the đồng."""
    return sum(row.amount for row in daily_revenue(merchant_id, start, end))
