"""What counts as revenue, written once: non-reversed sales and credits not marked "không phải doanh thu",
plus the merchant's daily tallies, by Asia/Ho_Chi_Minh calendar day.

Revenue is computed as all money minus what is excluded (marked credits and the reversals of marked credits):
the first sum is read from the covering index the statistics use, the second from a partial index holding
only the marked rows, so a year of 30,000 sales costs little more than a year of 3,000."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, select, union_all
from sqlalchemy.orm import aliased

from market.core.extensions import db
from market.transactions.models import DailyTally, Transaction

# Short words for the book's "Diễn giải" column.
METHOD_WORDS = {"vietqr": "QR", "bank_transfer": "chuyển khoản", "ewallet": "ví điện tử", "card": "thẻ",
                "cash": "tiền mặt"}


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


def _signed_count(amount: Any) -> ColumnElement[Any]:
    """A sale counts one, its reversal minus one."""
    return func.sum(case((amount < 0, -1), else_=1))


def money_by_day_and_method(merchant_id: int, start: date, end: date) -> Iterable[Any]:
    """(local_day, method, net count, net value) of every transaction of local days start..end."""
    return db.session.execute(
        select(Transaction.local_day, Transaction.method, _signed_count(Transaction.amount),
               func.sum(Transaction.amount))
        .where(Transaction.merchant_id == merchant_id, Transaction.local_day.between(start, end))
        .group_by(Transaction.local_day, Transaction.method))


def excluded_by_day_and_method(merchant_id: int, start: date, end: date) -> Iterable[Any]:
    """The same sums over what is not revenue: marked credits, and the reversals of marked credits."""
    marked = select(Transaction.local_day, Transaction.method, Transaction.amount).where(
        Transaction.merchant_id == merchant_id, Transaction.not_revenue_reason.is_not(None),
        Transaction.local_day.between(start, end))
    original = aliased(Transaction)
    reversals = select(Transaction.local_day, Transaction.method, Transaction.amount).join(
        original, original.id == Transaction.reverses_id).where(
        original.merchant_id == merchant_id, original.not_revenue_reason.is_not(None),
        Transaction.local_day.between(start, end))
    rows = union_all(marked, reversals).subquery()
    return db.session.execute(select(rows.c.local_day, rows.c.method, _signed_count(rows.c.amount),
                                     func.sum(rows.c.amount)).group_by(rows.c.local_day, rows.c.method))


def _tallies(merchant_id: int, start: date, end: date) -> Iterable[Any]:
    return db.session.execute(select(DailyTally.day, DailyTally.cash_value, DailyTally.cashless_value).where(
        DailyTally.merchant_id == merchant_id, DailyTally.day.between(start, end)))


def daily_revenue(merchant_id: int, start: date, end: date) -> list[DayRevenue]:
    """The days of start..end with revenue, oldest first (SQL does the sums; one row per day and method)."""
    days: dict[date, DayRevenue] = {}
    for rows, sign in ((money_by_day_and_method(merchant_id, start, end), 1),
                       (excluded_by_day_and_method(merchant_id, start, end), -1)):
        for day, method, count, value in rows:
            row = days.setdefault(day, DayRevenue(day))
            row.amount += sign * int(value or 0)
            row.counts[method] = row.counts.get(method, 0) + sign * int(count or 0)
    for day, cash, cashless in _tallies(merchant_id, start, end):
        row = days.setdefault(day, DayRevenue(day))
        row.amount += int(cash) + int(cashless)
        row.tally_cash, row.tally_cashless = int(cash), int(cashless)
    # A day whose every sale was reversed has nothing to declare: it is not a row of the book.
    return [days[day] for day in sorted(days) if days[day].amount]


def revenue_total(merchant_id: int, start: date, end: date) -> int:
    """The revenue of local days start..end, to the đồng."""
    return sum(row.amount for row in daily_revenue(merchant_id, start, end))
