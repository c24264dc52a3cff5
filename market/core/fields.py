"""Field types shared by every feature's schemas."""
import re
import unicodedata
from datetime import date, datetime, timezone

import marshmallow as ma
from marshmallow import validate

from market.core.i18n import N_, gettext, lazy_gettext

MAX_ID = 2**31 - 1
# Times and days the service can hold: far enough either way for any real record, and every
# offset arithmetic (to UTC, to the Vietnam calendar, a window of days) stays inside datetime's range.
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2100, 12, 31)
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2101, 1, 1, tzinfo=timezone.utc)
OUT_OF_RANGE = N_("Ngoài khoảng cho phép (1970–2100).")


def Id(**kwargs: object) -> ma.fields.Integer:  # noqa: N802 (reads like a field class)
    """A positive id that fits the database's integer column."""
    return ma.fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def Day(**kwargs: object) -> ma.fields.Date:  # noqa: N802 (reads like a field class)
    """A calendar day between 1970 and 2100."""
    return ma.fields.Date(validate=validate.Range(min=EARLIEST_DAY, max=LATEST_DAY, error=OUT_OF_RANGE), **kwargs)


def in_range(moment: datetime) -> datetime | None:
    """`moment` in UTC when it lies between 1970 and 2100, else None (also for offsets past year 9999)."""
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    return utc if EARLIEST <= utc < LATEST else None


class Moment(ma.fields.AwareDateTime):
    """An ISO 8601 time with its offset, between 1970 and 2100, loaded as UTC."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("format", "iso")
        kwargs.setdefault("error_messages", {"invalid_awareness": N_("Cần múi giờ, ví dụ 2025-07-01T08:00:00+07:00.")})
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def _deserialize(self, value, attr, data, **kwargs):
        moment = in_range(super()._deserialize(value, attr, data, **kwargs))
        if moment is None:
            raise ma.ValidationError(OUT_OF_RANGE)
        return moment


class FullMatch(validate.Regexp):
    """A pattern the whole value must match (`$` would let a trailing newline through)."""

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ma.ValidationError(self._format_error(value))
        return value


def pattern(regex: str, error: str | None = None) -> FullMatch:
    """The validator for a text format; every schema pattern goes through here."""
    return FullMatch(re.compile(regex), error=error)


class Text(ma.fields.String):
    """A string without control characters or lone surrogates (databases refuse them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if any(unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r" for char in text):
            raise ma.ValidationError(gettext("Có ký tự không hợp lệ."))
        return text


class StrippedText(Text):
    """Text with the blanks around it dropped (so padding never counts towards a minimum length)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def Reason(max_length: int = 255, **kwargs: object) -> StrippedText:  # noqa: N802 (reads like a field class)
    """The required reason of a destructive action, 3 to `max_length` characters."""
    return StrippedText(required=True, error_messages={"required": N_("Cần ghi lý do.")},
                        validate=validate.Length(min=3, max=max_length,
                                                 error=lazy_gettext("Lý do cần từ {min} đến {max} ký tự.")), **kwargs)
