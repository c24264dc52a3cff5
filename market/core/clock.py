"""Time rules shared by every way a transaction arrives: local day, future and age bounds."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from market.dbtypes import utcnow
from market.errors import AppError

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_FUTURE = timedelta(minutes=5)
MAX_AGE = timedelta(days=400)


def local_day(moment: datetime) -> date:
    """The Asia/Ho_Chi_Minh calendar day of an aware datetime."""
    return moment.astimezone(LOCAL_TZ).date()


def today() -> date:
    """Today in Viet Nam."""
    return local_day(utcnow())


def as_local(naive: datetime) -> datetime:
    """Read a naive wall-clock time (bank statements) as Asia/Ho_Chi_Minh time."""
    return naive.replace(tzinfo=LOCAL_TZ)


def time_problem(moment: datetime) -> str | None:
    """Why `moment` cannot be a sale time, or None when it can."""
    now = utcnow()
    if moment > now + MAX_FUTURE:
        return "Thời điểm không được ở tương lai (quá 5 phút)."
    if moment < now - MAX_AGE:
        return "Thời điểm quá cũ (hơn 400 ngày)."
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
        return "Ngày không được ở tương lai."
    if day < today() - MAX_AGE:
        return "Ngày quá cũ (hơn 400 ngày)."
    return None
