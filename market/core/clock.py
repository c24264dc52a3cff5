"""The Vietnam calendar (Asia/Ho_Chi_Minh), in one place, and the bounds of a reported time."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.i18n import gettext

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_FUTURE = timedelta(minutes=5)
MAX_AGE = timedelta(days=400)


def local_day(moment: datetime) -> date:
    """The Asia/Ho_Chi_Minh calendar day of an aware datetime."""
    return moment.astimezone(LOCAL_TZ).date()


def today() -> date:
    """Today in Viet Nam."""
    return local_day(utcnow())


def local_midnight_utc(day: date) -> datetime:
    """00:00 of a local day, as an aware UTC datetime."""
    return datetime.combine(day, time(0), LOCAL_TZ).astimezone(timezone.utc)


def local_text(moment: datetime | date | None) -> str:
    """What a person reads: a time as `dd/mm/yyyy HH:MM` in Viet Nam, a day as `dd/mm/yyyy`; '' for None."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)  # our stored times are UTC
        return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
    return moment.strftime("%d/%m/%Y")


def as_local(naive: datetime) -> datetime:
    """Read a naive wall-clock time (bank statements) as Asia/Ho_Chi_Minh time."""
    return naive.replace(tzinfo=LOCAL_TZ)


def time_problem(moment: datetime) -> str | None:
    """Why `moment` cannot be a sale time, or None when it can."""
    now = utcnow()
    if moment > now + MAX_FUTURE:
        return gettext("Thời điểm không được ở tương lai (quá 5 phút).")
    if moment < now - MAX_AGE:
        return gettext("Thời điểm quá cũ (hơn 400 ngày).")
    return None


def check_time(moment: datetime, field: str = "occurred_at") -> datetime:
    """`moment` in UTC, or a 422 naming `field`."""
    problem = time_problem(moment)
    if problem:
        raise AppError(422, "validation_error", problem, {field: [problem]})
    return moment


def day_problem(day: date) -> str | None:
    """Why `day` cannot be reported (future or too old), or None."""
    if day > today():
        return gettext("Ngày không được ở tương lai.")
    if day < today() - MAX_AGE:
        return gettext("Ngày quá cũ (hơn 400 ngày).")
    return None
