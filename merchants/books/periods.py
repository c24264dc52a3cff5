"""The periods the books are read over: a day, week, month or year of history; a year or quarter of the book."""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from market.core.clock import today
from market.core.errors import invalid
from market.core.i18n import N_, gettext, lazy_gettext

VIEWS = {"day": lazy_gettext("Ngày"), "week": lazy_gettext("Tuần"), "month": lazy_gettext("Tháng"),
         "year": lazy_gettext("Năm")}


@dataclass(frozen=True)
class Span:
    """Local days start..end inclusive, with the anchors of the spans before and after."""

    view: str
    start: date
    end: date
    previous: date
    following: date

    @property
    def label(self) -> str:
        """'08/12/2026', 'Tuần 07/12 – 13/12/2026', 'Tháng 12/2026', 'Năm 2026'."""
        if self.view == "day":
            return self.start.strftime("%d/%m/%Y")
        if self.view == "week":
            return gettext("Tuần %(start)s – %(end)s", start=f"{self.start:%d/%m}", end=f"{self.end:%d/%m/%Y}")
        if self.view == "month":
            return gettext("Tháng %(month)s", month=f"{self.start:%m/%Y}")
        return gettext("Năm %(year)s", year=self.start.year)


def span(view: str, anchor: date) -> Span:
    """The day, week (Monday to Sunday), month or year holding `anchor`."""
    if view == "day":
        return Span(view, anchor, anchor, anchor - timedelta(days=1), anchor + timedelta(days=1))
    if view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return Span(view, start, start + timedelta(days=6), start - timedelta(days=7), start + timedelta(days=7))
    if view == "month":
        start = anchor.replace(day=1)
        end = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
        return Span(view, start, end, start - timedelta(days=1), end + timedelta(days=1))
    start, end = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    return Span(view, start, end, date(anchor.year - 1, 1, 1), date(anchor.year + 1, 1, 1))


def book_period(year: int, quarter: int | None, first_year: int) -> tuple[date, date]:
    """The days of a year or quarter of the book; 422 naming the field for a year outside the merchant's
    life (from the year it was registered to this year) or a quarter outside 1–4."""
    if year > today().year:
        raise invalid("year", gettext("Năm %(year)s chưa đến (năm nay là %(now)s).", year=year, now=today().year))
    if year < first_year:
        raise invalid("year", gettext("Năm %(year)s trước khi hộ kinh doanh được đăng ký (năm %(first)s).",
                                      year=year, first=first_year))
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= quarter <= 4:
        raise invalid("quarter", N_("Quý phải từ 1 đến 4."))
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_label(year: int, quarter: int | None) -> str:
    """'Năm 2026' or 'Quý 1 năm 2026'."""
    return f"Quý {quarter} năm {year}" if quarter else f"Năm {year}"
