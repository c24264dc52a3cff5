"""The periods figures are computed over: a window ending on a local day, or a month."""
import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from market.core.clock import local_midnight_utc


@dataclass(frozen=True)
class Period:
    """Days (start, end] inclusive of both ends as local days; `key` names it in results."""

    key: str
    start: date
    end: date

    @property
    def end_utc(self) -> datetime:
        """The first instant after the period's last local day, in UTC."""
        return local_midnight_utc(self.end + timedelta(days=1))


def window(day: date, days: int) -> Period:
    """The `days` local days ending with `day`: (day − days, day]."""
    return Period(day.isoformat(), day - timedelta(days=days - 1), day)


def parse_month(text: str) -> date:
    """'YYYY-MM' → the first day of that month."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def month_period(first: date) -> Period:
    """A calendar month as a period keyed 'YYYY-MM'."""
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Period(first.strftime("%Y-%m"), first, last)


def months_between(first: date, last: date) -> list[Period]:
    """Every calendar month from `first`'s to `last`'s, inclusive."""
    periods, current = [], first.replace(day=1)
    while current <= last:
        periods.append(month_period(current))
        current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return periods


def month_count(first: date, last: date) -> int:
    """How many calendar months `months_between` would return."""
    return (last.year - first.year) * 12 + last.month - first.month + 1
