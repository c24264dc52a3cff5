"""Shapes of accounts, API tokens and the caller in the API."""
import marshmallow as ma
from marshmallow import validate

from market.auth.models import ROLES
from market.core.fields import MAX_ID, pattern
from market.core.i18n import lazy_gettext

USERNAME = pattern(r"^[a-z0-9][a-z0-9._-]{2,79}$",
                   error=lazy_gettext("3–80 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới."))
DISPLAY_NAME = validate.Length(min=1, max=120)
COMMUNE_CODE = pattern(r"^\d{5}$")
ID = validate.Range(min=1, max=MAX_ID)


class UserSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    username = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    commune_code = ma.fields.String(allow_none=True)
    village_id = ma.fields.Integer(allow_none=True)
    merchant_id = ma.fields.Integer(allow_none=True)
    active = ma.fields.Boolean()
    is_locked = ma.fields.Boolean(metadata={"description": "Đang bị khoá do đăng nhập sai"})
    has_password = ma.fields.Boolean(metadata={"description": "Đã đặt mật khẩu qua liên kết"})
    created_at = ma.fields.DateTime()


class UserCreateSchema(ma.Schema):
    username = ma.fields.String(required=True, validate=USERNAME)
    display_name = ma.fields.String(required=True, validate=DISPLAY_NAME)
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    commune_code = ma.fields.String(validate=COMMUNE_CODE)
    village_id = ma.fields.Integer(validate=ID)
    merchant_id = ma.fields.Integer(validate=ID)


class UserUpdateSchema(ma.Schema):
    display_name = ma.fields.String(validate=DISPLAY_NAME)
    role = ma.fields.String(validate=validate.OneOf(ROLES))
    commune_code = ma.fields.String(allow_none=True, validate=COMMUNE_CODE)
    village_id = ma.fields.Integer(allow_none=True, validate=ID)
    merchant_id = ma.fields.Integer(allow_none=True, validate=ID)
    active = ma.fields.Boolean()


class UserQuerySchema(ma.Schema):
    role = ma.fields.String(validate=validate.OneOf(ROLES))
    village = ma.fields.Integer(validate=ID)


class SetupLinkSchema(ma.Schema):
    """A one-time set-password link: shown once, valid 72 hours."""

    user = ma.fields.Nested(UserSchema, required=True)
    setup_url = ma.fields.String(required=True)
    expires_at = ma.fields.DateTime(required=True)


class TokenSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String()
    role = ma.fields.String()
    prefix = ma.fields.String(metadata={"description": "Đầu mã để nhận ra (không phải mã đầy đủ)"})
    commune_code = ma.fields.String(allow_none=True)
    village_id = ma.fields.Integer(allow_none=True)
    merchant_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.DateTime()
    last_used_at = ma.fields.DateTime(allow_none=True)
    revoked_at = ma.fields.DateTime(allow_none=True)


class TokenCreateSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=120), metadata={
        "description": "What the token is for, e.g. 'máy POS sạp 12' or 'nhập sao kê tự động'"})
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    commune_code = ma.fields.String(validate=COMMUNE_CODE, metadata={"description": "For role commune"})
    village_id = ma.fields.Integer(validate=ID, metadata={"description": "For role village_head"})
    merchant_id = ma.fields.Integer(validate=ID, metadata={"description": "For role merchant"})


class IssuedTokenSchema(TokenSchema):
    token = ma.fields.String(required=True, metadata={
        "description": "The bearer token, shown only in this response; only its hash is stored"})


class MeSchema(ma.Schema):
    role = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    commune_code = ma.fields.String(allow_none=True)
    village_id = ma.fields.Integer(allow_none=True)
    merchant_id = ma.fields.Integer(allow_none=True)
