"""Shapes of the sign-in pages' input: log in, set a password, change it (format only)."""
import marshmallow as ma
from marshmallow import validate

from market.core.i18n import gettext, lazy_gettext

REQUIRED = {"required": lazy_gettext("Bắt buộc.")}
PASSWORD_LENGTH = validate.Length(min=8, max=128, error=lazy_gettext("Mật khẩu cần từ 8 đến 128 ký tự."))


class LoginSchema(ma.Schema):
    username = ma.fields.String(required=True, error_messages=REQUIRED, validate=validate.Length(max=80))
    password = ma.fields.String(required=True, error_messages=REQUIRED, validate=validate.Length(max=128))


class SetPasswordSchema(ma.Schema):
    password = ma.fields.String(required=True, error_messages=REQUIRED, validate=PASSWORD_LENGTH)
    confirm = ma.fields.String(required=True, error_messages=REQUIRED)

    @ma.validates_schema
    def _the_two_match(self, data, **_kwargs) -> None:
        if "password" in data and "confirm" in data and data["password"] != data["confirm"]:
            raise ma.ValidationError(gettext("Hai mật khẩu không khớp."), "confirm")


class ChangePasswordSchema(SetPasswordSchema):
    current_password = ma.fields.String(required=True, error_messages=REQUIRED,
                                        validate=validate.Length(max=128))
