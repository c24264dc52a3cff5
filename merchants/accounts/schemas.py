"""Shapes of a merchant's payment accounts (format only, no queries)."""
import marshmallow as ma
from marshmallow import validate

from market.core.fields import Text, pattern
from market.core.i18n import lazy_gettext
from merchants.models import ACCOUNT_KINDS


class AccountInSchema(ma.Schema):
    bin = ma.fields.String(required=True, validate=pattern(r"^\d{6}$", error=lazy_gettext("BIN gồm 6 chữ số.")))
    account_number = ma.fields.String(required=True, validate=pattern(
        r"^[0-9A-Za-z]{4,19}$", error=lazy_gettext("Số tài khoản: 4–19 chữ số hoặc chữ cái, không dấu cách.")))
    holder_name = Text(required=True, validate=validate.Length(min=1, max=120))
    kind = ma.fields.String(load_default="bank_account", validate=validate.OneOf(ACCOUNT_KINDS))
    is_primary = ma.fields.Boolean(load_default=False)


class AccountUpdateSchema(AccountInSchema):
    bin = ma.fields.String(validate=pattern(r"^\d{6}$", error=lazy_gettext("BIN gồm 6 chữ số.")))
    account_number = ma.fields.String(validate=pattern(
        r"^[0-9A-Za-z]{4,19}$", error=lazy_gettext("Số tài khoản: 4–19 chữ số hoặc chữ cái, không dấu cách.")))
    holder_name = Text(validate=validate.Length(min=1, max=120))
    kind = ma.fields.String(validate=validate.OneOf(ACCOUNT_KINDS))
    is_primary = ma.fields.Boolean()


class AccountSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    merchant_id = ma.fields.Integer(required=True)
    bin = ma.fields.String(required=True)
    bank_name = ma.fields.String(allow_none=True)
    account_number = ma.fields.String(required=True)
    holder_name = Text(required=True)
    kind = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    is_primary = ma.fields.Boolean(required=True)
    verified_at = ma.fields.DateTime(allow_none=True)
    verified_by = ma.fields.String(allow_none=True)
    changed_by = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
