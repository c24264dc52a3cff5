"""The Vietnam calendar: a day starts at 00:00 in Asia/Ho_Chi_Minh (UTC+7), whatever the server's zone."""
from datetime import date, datetime, timezone

from market.core.clock import as_local, local_day, local_midnight_utc, local_text


def test_a_utc_evening_is_already_the_next_day_in_vietnam():
    assert local_day(datetime(2026, 12, 1, 17, 30, tzinfo=timezone.utc)) == date(2026, 12, 2)
    assert local_day(datetime(2026, 12, 1, 16, 59, tzinfo=timezone.utc)) == date(2026, 12, 1)


def test_local_midnight_is_17_00_utc_the_day_before():
    assert local_midnight_utc(date(2026, 12, 2)) == datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)


def test_a_bank_statements_wall_clock_time_is_read_as_vietnam_time():
    moment = as_local(datetime(2026, 3, 1, 9, 30))
    assert moment.astimezone(timezone.utc) == datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc)


def test_a_time_is_read_in_vietnam_as_day_month_year_hours_minutes():
    assert local_text(datetime(2026, 12, 1, 21, 47, tzinfo=timezone.utc)) == "02/12/2026 04:47"
    assert local_text(datetime(2026, 12, 1, 21, 47)) == "02/12/2026 04:47"  # naive values are stored UTC


def test_a_day_is_read_as_day_month_year_and_nothing_as_empty():
    assert local_text(date(2026, 3, 9)) == "09/03/2026"
    assert local_text(None) == ""
