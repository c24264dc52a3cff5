"""Page input of the target and survey pages: percentages typed the Vietnamese way ('72,5' → 0.725)."""
import re
from collections.abc import Iterable

import marshmallow as ma

from market.core.i18n import gettext, lazy_gettext
from market.stats.schemas import MONTH

PERCENT = re.compile(r"^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$")
PERCENT_MESSAGE = lazy_gettext("Nhập phần trăm từ 0 đến 100, ví dụ 72,5.")


class Percent(ma.fields.Field):
    """A percentage 0–100 with up to two decimals, read as a fraction (0.725)."""

    def _deserialize(self, value, attr, data, **kwargs) -> float:
        match = PERCENT.fullmatch(value) if isinstance(value, str) else None
        number = float(f"{match.group(1)}.{match.group(2) or 0}") if match else None
        if number is None or number > 100:
            raise ma.ValidationError(str(PERCENT_MESSAGE))
        return round(number / 100, 4)


def percents_schema(names: Iterable[str]) -> ma.Schema:
    """A schema of optional percentage fields, one per name (the targets page)."""
    return ma.Schema.from_dict({name: Percent() for name in names})()


def survey_schema(names: Iterable[str]) -> ma.Schema:
    """The survey page: the month, and optional percentages."""
    fields = {name: Percent() for name in names}
    fields["period"] = ma.fields.String(required=True, validate=MONTH,
                                        error_messages={"required": gettext("Chọn tháng dạng YYYY-MM.")})
    return ma.Schema.from_dict(fields)()
