"""Shapes of merchants in the API and the pages (format only, no queries)."""
import marshmallow as ma
from marshmallow import validate

from market.core.fields import Id, Reason, Text, pattern
from market.core.i18n import N_, gettext
from merchants.models import MERCHANT_STATUSES
from merchants.text import PhoneError, clean_name, normalise_phone

SORTS = ("name", "-name", "created", "-created", "stall", "-stall", "status")


class Name(Text):
    """A name kept as typed, NFC-normalised, never blank."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = clean_name(super()._deserialize(value, attr, data, **kwargs))
        if not text:
            raise ma.ValidationError(gettext("Không được để trống."))
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
            raise ma.ValidationError(gettext("Tối đa %(max_length)s ký tự.", max_length=self.max_length))
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
    commune = ma.fields.String(validate=pattern(r"^\d{5}$"))
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


class StatusPageSchema(ma.Schema):
    """The status page: a new status (no default is preselected) and a required reason."""

    status = ma.fields.String(required=True, error_messages={"required": N_("Chọn trạng thái mới.")},
                              validate=validate.OneOf(MERCHANT_STATUSES, error=N_("Chọn trạng thái mới.")))
    reason = Reason()
