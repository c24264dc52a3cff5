"""Billing months: `YYYY-MM` text, its first and last day, and which fees apply in it."""
import calendar
from datetime import date

from market.core.clock import today


def bounds(period: str) -> tuple[date, date]:
    """First and last day of a YYYY-MM month."""
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: date) -> str:
    """The YYYY-MM of a day."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month() -> str:
    """The month after this one in Viet Nam (bills may be made that far ahead)."""
    now = today()
    return month_of(date(now.year + now.month // 12, now.month % 12 + 1, 1))


def days_in_force(period: str, starts_on: date, ends_on: date | None) -> int:
    """How many days of the month a fee is in force (0 when not at all)."""
    first, last = bounds(period)
    start, end = max(first, starts_on), min(last, ends_on or last)
    return max((end - start).days + 1, 0)
