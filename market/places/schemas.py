"""Shapes of places in the API."""
import marshmallow as ma
from marshmallow import validate

from market.core.fields import Id, pattern
from market.places.models import VILLAGE_KINDS

NAME = validate.Length(min=1, max=160)


class ProvinceSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    full_name = ma.fields.String(required=True)
    type = ma.fields.String(required=True)


class CommuneSchema(ProvinceSchema):
    province_code = ma.fields.String(required=True)


class CommuneQuerySchema(ma.Schema):
    province = ma.fields.String(validate=pattern(r"^\d{2}$"), metadata={"description": "Mã tỉnh"})
    q = ma.fields.String(validate=validate.Length(max=100), metadata={"description": "Tìm theo tên"})


class VillageSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=NAME)
    kind = ma.fields.String(load_default="thôn", validate=validate.OneOf(VILLAGE_KINDS))
    commune_code = ma.fields.String(required=True, validate=pattern(r"^\d{5}$"))


class VillageUpdateSchema(ma.Schema):
    name = ma.fields.String(validate=NAME)
    kind = ma.fields.String(validate=validate.OneOf(VILLAGE_KINDS))


class PlaceSchema(ma.Schema):
    """A market or a street."""

    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=NAME)
    commune_code = ma.fields.String(validate=pattern(r"^\d{5}$"))
    village_id = Id(allow_none=True)


class PlaceUpdateSchema(ma.Schema):
    name = ma.fields.String(validate=NAME)
    village_id = Id(allow_none=True)


class PlaceQuerySchema(ma.Schema):
    commune = ma.fields.String(validate=pattern(r"^\d{5}$"))
    village = Id()
