"""Shapes of merchants, payment accounts and OCOP products in the API (format only, no queries)."""
import unicodedata

import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate

from market.schemas import Id
from merchants.models import ACCOUNT_KINDS, MERCHANT_STATUSES, OCOP_GROUPS
from merchants.text import PhoneError, clean_name, normalise_phone

SORTS = ("name", "-name", "created", "-created", "stall", "-stall", "status")


class Text(ma.fields.String):
    """A string without control characters or lone surrogates (databases refuse them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if any(unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r" for char in text):
            raise ma.ValidationError("Có ký tự không hợp lệ.")
        return text


class Name(Text):
    """A name kept as typed, NFC-normalised, never blank."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = clean_name(super()._deserialize(value, attr, data, **kwargs))
        if not text:
            raise ma.ValidationError("Không được để trống.")
        return text


class Phone(Text):
    """A Vietnamese mobile number, stored as 0xxxxxxxxx."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return normalise_phone(super()._deserialize(value, attr, data, **kwargs))
        except PhoneError as error:
            raise ma.ValidationError(str(error)) from None


class Short(Text):
    """A short free text (stall or house number, address), trimmed; empty becomes None."""

    def __init__(self, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if len(text) > self.max_length:
            raise ma.ValidationError(f"Tối đa {self.max_length} ký tự.")
        return text or None


class MerchantInSchema(ma.Schema):
    display_name = Name(required=True, validate=validate.Length(max=160))
    owner_name = Name(required=True, validate=validate.Length(max=120))
    phone = Phone(allow_none=True)
    category = Name(validate=validate.Length(max=60))
    village_id = Id(required=True)
    market_id = Id(allow_none=True)
    stall_number = Short(20, allow_none=True)
    street_id = Id(allow_none=True)
    house_number = Short(20, allow_none=True)
    legacy_address = Short(255, allow_none=True)
    is_ocop = ma.fields.Boolean()
    consent_public = ma.fields.Boolean()


class MerchantUpdateSchema(MerchantInSchema):
    display_name = Name(validate=validate.Length(max=160))
    owner_name = Name(validate=validate.Length(max=120))
    village_id = Id()


class MerchantSchema(ma.Schema):
    """A merchant; private fields (phone, owner) appear only for those allowed to see them."""

    id = ma.fields.Integer(required=True)
    display_name = ma.fields.String(required=True)
    owner_name = ma.fields.String(metadata={"description": "Chỉ hiện khi được phép hoặc chủ hộ đồng ý"})
    phone = ma.fields.String(allow_none=True, metadata={"description": "Riêng tư"})
    category = ma.fields.String(required=True)
    village_id = ma.fields.Integer(required=True)
    village_name = ma.fields.String(required=True)
    commune_code = ma.fields.String(required=True)
    market_id = ma.fields.Integer(allow_none=True)
    market_name = ma.fields.String(allow_none=True)
    stall_number = ma.fields.String(allow_none=True)
    street_id = ma.fields.Integer(allow_none=True)
    street_name = ma.fields.String(allow_none=True)
    house_number = ma.fields.String(allow_none=True)
    legacy_address = Text(allow_none=True)
    status = ma.fields.String(required=True)
    status_changed_at = ma.fields.DateTime(allow_none=True)
    status_changed_by = ma.fields.String(allow_none=True)
    is_ocop = ma.fields.Boolean(required=True)
    consent_public = ma.fields.Boolean(required=True)
    has_qr = ma.fields.Boolean(required=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class MerchantQuerySchema(ma.Schema):
    q = Text(validate=validate.Length(max=100), metadata={"description": "Tìm không dấu"})
    commune = ma.fields.String(validate=validate.Regexp(r"^\d{5}$"))
    village = Id()
    market = Id()
    street = Id()
    status = ma.fields.String(validate=validate.OneOf(MERCHANT_STATUSES))
    ocop = ma.fields.Boolean()
    has_qr = ma.fields.Boolean()
    sort = ma.fields.String(load_default="name", validate=validate.OneOf(SORTS))
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = ma.fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class ExportQuerySchema(MerchantQuerySchema):
    class Meta:
        exclude = ("page", "per_page")


class MerchantPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(MerchantSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)
    pages = ma.fields.Integer(required=True)


class StatusChangeSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=validate.OneOf(MERCHANT_STATUSES))
    reason = Text(load_default="", validate=validate.Length(max=255))


class AccountInSchema(ma.Schema):
    bin = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{6}$", error="BIN gồm 6 chữ số."))
    account_number = ma.fields.String(required=True, validate=validate.Regexp(
        r"^[0-9A-Za-z]{4,19}$", error="Số tài khoản: 4–19 chữ số hoặc chữ cái, không dấu cách."))
    holder_name = Text(required=True, validate=validate.Length(min=1, max=120))
    kind = ma.fields.String(load_default="bank_account", validate=validate.OneOf(ACCOUNT_KINDS))
    is_primary = ma.fields.Boolean(load_default=False)


class AccountUpdateSchema(AccountInSchema):
    bin = ma.fields.String(validate=validate.Regexp(r"^\d{6}$", error="BIN gồm 6 chữ số."))
    account_number = ma.fields.String(validate=validate.Regexp(
        r"^[0-9A-Za-z]{4,19}$", error="Số tài khoản: 4–19 chữ số hoặc chữ cái, không dấu cách."))
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
                    "3–4 sao do cấp tỉnh công nhận, 5 sao do Trung ương công nhận.", "level")


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


class ImportFormSchema(ma.Schema):
    village_id = Id(required=True)
    dry_run = ma.fields.Boolean(load_default=True)


class ImportProblemSchema(ma.Schema):
    row = ma.fields.Integer(required=True)
    field = ma.fields.String(required=True)
    message = ma.fields.String(required=True)


class ImportReportSchema(ma.Schema):
    ok = ma.fields.Boolean(required=True)
    dry_run = ma.fields.Boolean(required=True)
    rows = ma.fields.Integer(required=True)
    created = ma.fields.Integer(required=True)
    errors = ma.fields.List(ma.fields.Nested(ImportProblemSchema), required=True)


class ImportFileSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "XLSX hoặc CSV (UTF-8), tối đa 5 MB"})
