"""Shapes of the statistics API: query arguments (validated, unknown fields refused) and responses."""
from datetime import date
from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, validate, validates_schema

from market.core.fields import pattern
from market.core.i18n import gettext, lazy_gettext
from market.stats.models import SCOPE_KINDS
from market.stats.periods import month_count, parse_month
from market.stats.scopes import parse_scope
from market.transactions.models import METHODS

MONTH = pattern(
    r"^(20\d\d|2100)-(0[1-9]|1[0-2])$", error=lazy_gettext("Tháng dạng YYYY-MM (2000–2100).")
)
DAYS = validate.Range(
    min=date(2000, 1, 1), max=date(2100, 12, 31), error=lazy_gettext("Ngày trong khoảng 2000–2100.")
)
FRACTION = validate.Range(min=0, max=1, error=lazy_gettext("Tỷ lệ từ 0 đến 1 (ví dụ 0.7 cho 70 %)."))
COMMUNE = pattern(r"^\d{5}$", error=lazy_gettext("Mã xã gồm 5 chữ số."))
SCOPE_HELP = lazy_gettext("street:ID | market:ID | village:ID | commune:MÃ_XÃ")
MAX_MONTHS = 36


def _check_scope(value: str) -> None:
    try:
        parse_scope(value)
    except ValueError:
        raise ValidationError(
            gettext("Phạm vi không hợp lệ, dùng %(SCOPE_HELP)s.", SCOPE_HELP=SCOPE_HELP)
        ) from None


def scope_field() -> ma.fields.String:
    """The required `scope` argument."""
    return ma.fields.String(required=True, validate=_check_scope, metadata={"description": SCOPE_HELP})


def date_field() -> ma.fields.Date:
    """An optional day (default: today in Asia/Ho_Chi_Minh)."""
    return ma.fields.Date(load_default=None, validate=DAYS, metadata={"description": "YYYY-MM-DD"})


def window_field() -> ma.fields.Integer:
    """The number of days of the window ending on `date`."""
    return ma.fields.Integer(load_default=30, validate=validate.Range(min=1, max=366))


class AdoptionQuerySchema(ma.Schema):
    scope = scope_field()
    date = date_field()
    window = window_field()


class SeriesQuerySchema(ma.Schema):
    scope = scope_field()
    first = ma.fields.String(data_key="from", load_default=None, validate=MONTH)
    last = ma.fields.String(data_key="to", load_default=None, validate=MONTH)

    @validates_schema
    def _bounded(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("first") or not data.get("last"):
            return
        count = month_count(parse_month(data["first"]), parse_month(data["last"]))
        if count < 1:
            raise ValidationError(gettext("Tháng cuối phải sau tháng đầu."), "to")
        if count > MAX_MONTHS:
            raise ValidationError(gettext("Tối đa %(MAX_MONTHS)s tháng.", MAX_MONTHS=MAX_MONTHS), "to")


class CompareQuerySchema(ma.Schema):
    commune = ma.fields.String(required=True, validate=COMMUNE)
    date = date_field()
    window = window_field()
    sort = ma.fields.String(load_default="name", validate=validate.OneOf(
        ("name", "kind", "merchants_total", "merchants_accepting", "merchants_transacting", "acceptance_rate",
         "activity_rate", "cashless_share_count", "cashless_share_value")))
    order = ma.fields.String(load_default="asc", validate=validate.OneOf(("asc", "desc")))


class CommuneQuerySchema(ma.Schema):
    commune = ma.fields.String(required=True, validate=COMMUNE)


class TargetUpdateSchema(ma.Schema):
    value = ma.fields.Float(required=True, validate=FRACTION)


class SurveyUpdateSchema(ma.Schema):
    value = ma.fields.Float(required=True, validate=FRACTION)


class IndicatorSchema(ma.Schema):
    code = ma.fields.String()
    position = ma.fields.Integer()
    name_vi = ma.fields.String()
    name_en = ma.fields.String()
    numerator = ma.fields.String()
    denominator = ma.fields.String()
    unit = ma.fields.String()
    framework = ma.fields.String()
    source = ma.fields.String()
    applies_to = ma.fields.Function(lambda row: row.applies_to.split(","))
    effective_from = ma.fields.Date()
    effective_to = ma.fields.Date(allow_none=True)


class TargetSchema(ma.Schema):
    indicator = ma.fields.Function(lambda row: row.indicator.code)
    name = ma.fields.Function(lambda row: row.indicator.name_vi)
    scope_kind = ma.fields.String(validate=validate.OneOf(SCOPE_KINDS))
    value = ma.fields.Float(allow_none=True)
    is_default = ma.fields.Boolean()


class SurveyValueSchema(ma.Schema):
    village_id = ma.fields.Integer()
    indicator = ma.fields.String(attribute="indicator_code")
    period = ma.fields.String()
    value = ma.fields.Float()
    entered_by = ma.fields.String()
    entered_at = ma.fields.DateTime()


class MethodSchema(ma.Schema):
    method = ma.fields.String(metadata={"enum": list(METHODS)})
    count = ma.fields.Integer()
    value = ma.fields.Integer(allow_none=True)


class TalliesSchema(ma.Schema):
    cash_count = ma.fields.Integer()
    cash_value = ma.fields.Integer(allow_none=True)
    cashless_count = ma.fields.Integer()
    cashless_value = ma.fields.Integer(allow_none=True)


class TransactionsSchema(ma.Schema):
    count = ma.fields.Integer()
    value = ma.fields.Integer(allow_none=True)
    cashless_count = ma.fields.Integer()
    cashless_value = ma.fields.Integer(allow_none=True)
    by_method = ma.fields.List(ma.fields.Nested(MethodSchema))
    tallies = ma.fields.Nested(TalliesSchema)


class OcopSchema(ma.Schema):
    producers = ma.fields.Integer()
    online = ma.fields.Integer()
    online_share = ma.fields.Float(allow_none=True)


class FiguresSchema(ma.Schema):
    merchants_total = ma.fields.Integer()
    merchants_accepting = ma.fields.Integer()
    merchants_transacting = ma.fields.Integer()
    acceptance_rate = ma.fields.Float(allow_none=True)
    activity_rate = ma.fields.Float(allow_none=True)
    cashless_share_count = ma.fields.Float(allow_none=True)
    cashless_share_value = ma.fields.Float(allow_none=True)
    transactions = ma.fields.Nested(TransactionsSchema)
    ocop = ma.fields.Nested(OcopSchema)
    values_hidden = ma.fields.Boolean(metadata={"description": "Tổng tiền ẩn với công chúng khi dưới 3 hộ báo cáo"})


class ScopeSchema(ma.Schema):
    kind = ma.fields.String()
    id = ma.fields.String()
    name = ma.fields.String()
    village_id = ma.fields.Integer(allow_none=True)
    village_name = ma.fields.String(allow_none=True)
    commune_code = ma.fields.String()
    commune_name = ma.fields.String()
    province_code = ma.fields.String()
    province_name = ma.fields.String()


class TargetResultSchema(ma.Schema):
    indicator = ma.fields.String()
    name = ma.fields.String()
    numerator = ma.fields.String()
    denominator = ma.fields.String()
    unit = ma.fields.String()
    source = ma.fields.String()
    target = ma.fields.Float(allow_none=True)
    actual = ma.fields.Float(allow_none=True)
    met = ma.fields.Boolean(allow_none=True)


class FeeFiguresSchema(ma.Schema):
    paid_value = ma.fields.Integer()
    cashless_value = ma.fields.Integer()
    bills_settled = ma.fields.Integer()
    bills_settled_cashless = ma.fields.Integer()
    cashless_share_value = ma.fields.Float(allow_none=True)
    cashless_share_bills = ma.fields.Float(allow_none=True)


class AdoptionSchema(FiguresSchema):
    scope = ma.fields.Nested(ScopeSchema)
    date = ma.fields.Date()
    window = ma.fields.Integer()
    first = ma.fields.Date(data_key="from", attribute="from")
    last = ma.fields.Date(data_key="to", attribute="to")
    targets = ma.fields.List(ma.fields.Nested(TargetResultSchema))
    fees = ma.fields.Nested(FeeFiguresSchema, allow_none=True,
                            metadata={"description": "Market fees collected in the window (none for a street)"})


class MonthSchema(FiguresSchema):
    month = ma.fields.String()
    first = ma.fields.Date(data_key="from", attribute="from")
    last = ma.fields.Date(data_key="to", attribute="to")


class SeriesSchema(ma.Schema):
    scope = ma.fields.Nested(ScopeSchema)
    first = ma.fields.String(data_key="from", attribute="from")
    last = ma.fields.String(data_key="to", attribute="to")
    months = ma.fields.List(ma.fields.Nested(MonthSchema))


class CompareRowSchema(FiguresSchema):
    kind = ma.fields.String()
    id = ma.fields.Integer()
    name = ma.fields.String()


class CompareSchema(ma.Schema):
    commune_code = ma.fields.String()
    commune_name = ma.fields.String()
    date = ma.fields.Date()
    window = ma.fields.Integer()
    first = ma.fields.Date(data_key="from", attribute="from")
    last = ma.fields.Date(data_key="to", attribute="to")
    sort = ma.fields.String()
    order = ma.fields.String()
    rows = ma.fields.List(ma.fields.Nested(CompareRowSchema))
