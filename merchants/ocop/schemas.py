"""Shapes of OCOP products (format only, no queries)."""
import marshmallow as ma
from marshmallow import validate

from market.core.fields import Text
from market.core.i18n import gettext
from merchants.models import OCOP_GROUPS
from merchants.schemas import Name


class ChannelSchema(ma.Schema):
    label = Text(load_default="", validate=validate.Length(max=80))
    url = ma.fields.Url(required=True, schemes={"http", "https"}, validate=validate.Length(max=500))


class ProductInSchema(ma.Schema):
    name = Name(required=True, validate=validate.Length(max=160))
    group = ma.fields.Integer(required=True, validate=validate.OneOf(sorted(OCOP_GROUPS)))
    stars = ma.fields.Integer(required=True, validate=validate.Range(min=3, max=5))
    level = ma.fields.String(required=True, validate=validate.OneOf(("province", "central")))
    certificate_number = Text(required=True, validate=validate.Length(min=1, max=60))
    issued_on = ma.fields.Date(required=True)
    channels = ma.fields.List(ma.fields.Nested(ChannelSchema), load_default=list,
                              validate=validate.Length(max=10))

    @ma.validates_schema
    def _level_matches_stars(self, data, **kwargs):
        if "stars" in data and "level" in data:
            expected = "central" if data["stars"] == 5 else "province"
            if data["level"] != expected:
                raise ma.ValidationError(
                    gettext("3–4 sao do cấp tỉnh công nhận, 5 sao do Trung ương công nhận."), "level")


class ProductUpdateSchema(ProductInSchema):
    name = Name(validate=validate.Length(max=160))
    group = ma.fields.Integer(validate=validate.OneOf(sorted(OCOP_GROUPS)))
    stars = ma.fields.Integer(validate=validate.Range(min=3, max=5))
    level = ma.fields.String(validate=validate.OneOf(("province", "central")))
    certificate_number = Text(validate=validate.Length(min=1, max=60))
    issued_on = ma.fields.Date()
    channels = ma.fields.List(ma.fields.Nested(ChannelSchema), validate=validate.Length(max=10))


class ProductSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    merchant_id = ma.fields.Integer(required=True)
    merchant_name = ma.fields.String(attribute="merchant.display_name")
    name = ma.fields.String(required=True)
    group = ma.fields.Integer(required=True)
    group_name = ma.fields.Function(lambda p: OCOP_GROUPS.get(p.group))
    stars = ma.fields.Integer(required=True)
    level = ma.fields.String(required=True)
    certificate_number = Text(required=True)
    issued_on = ma.fields.Date(required=True)
    expires_on = ma.fields.Date(required=True)
    channels = ma.fields.List(ma.fields.Nested(ChannelSchema), required=True)


class ExpiringQuerySchema(ma.Schema):
    days = ma.fields.Integer(load_default=90, validate=validate.Range(min=1, max=3650))
