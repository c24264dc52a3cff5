"""Shapes for QR codes, stall cards and the verify answers (format only; rules live in services)."""
import re
from typing import Any

import marshmallow as ma
from marshmallow import validate

from market.core.fields import Id
from market.core.i18n import gettext, lazy_gettext
from merchants.cards.render import CARD_SIZES

_CURRENCY = re.compile(r"(₫|đồng|đ|vnđ|vnd)$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:([., \u202f])\d{3})(?:\1\d{3})*")


def parse_vnd(text: str) -> int | None:
    """Read '1.234.567 ₫', '1,234,567', '1 234 567' or '1234567' as whole đồng; None if it is not one."""
    raw = text.strip().replace("\u00a0", " ")
    raw = _CURRENCY.sub("", raw).strip()
    if raw.isascii() and raw.isdigit():
        return int(raw)
    match = _GROUPED.fullmatch(raw)
    if match is None:
        return None
    return int(re.sub(r"\D", "", raw))


class VndAmount(ma.fields.Field):
    """A whole number of đồng, typed with Vietnamese or English thousands separators."""

    default_error_messages = {"invalid": lazy_gettext("Số tiền không hợp lệ (ví dụ: 1.234.567 ₫).")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.make_error("invalid")
        amount = value if isinstance(value, int) else parse_vnd(value) if len(value) <= 40 else None
        if amount is None:
            raise self.make_error("invalid")
        return amount

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return value


class QrQuerySchema(ma.Schema):
    amount = VndAmount(metadata={"description": "Số tiền (đồng) cho mã QR động; '1.234.567' được chấp nhận",
                                 "type": "string"})
    purpose = ma.fields.String(validate=validate.Length(max=100),
                               metadata={"description": "Nội dung chuyển khoản (≤ 25 ký tự không dấu)"})


class QrPayloadSchema(ma.Schema):
    merchant_id = ma.fields.Integer(required=True)
    payload = ma.fields.String(required=True, metadata={"description": "Chuỗi VietQR (EMVCo)"})
    initiation = ma.fields.String(required=True, validate=validate.OneOf(("static", "dynamic")))
    amount = ma.fields.Integer(allow_none=True)
    purpose = ma.fields.String(allow_none=True)
    bank_short_name = ma.fields.String(required=True)


class CardQuerySchema(ma.Schema):
    size = ma.fields.String(load_default="A6", validate=validate.OneOf(CARD_SIZES))


class SheetQuerySchema(ma.Schema):
    street = Id(metadata={"description": "Mã tuyến đường"})
    market = Id(metadata={"description": "Mã chợ"})
    village = Id(metadata={"description": "Mã thôn"})

    @ma.validates_schema
    def _exactly_one_scope(self, data: dict[str, Any], **kwargs: Any) -> None:
        if len(data) != 1:
            message = gettext("Chọn đúng một trong street, market, village.")
            raise ma.ValidationError({name: [message] for name in ("street", "market", "village")})


class CardSchema(ma.Schema):
    serial = ma.fields.String(required=True)
    merchant_id = ma.fields.Integer(required=True)
    issued_at = ma.fields.DateTime(required=True)
    verify_url = ma.fields.String(required=True)


class CardMerchantSchema(ma.Schema):
    display_name = ma.fields.String(required=True)
    place = ma.fields.String(required=True)
    stall = ma.fields.String(allow_none=True)


class CardVerifySchema(ma.Schema):
    serial = ma.fields.String(required=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(("genuine", "revoked")))
    merchant = ma.fields.Nested(CardMerchantSchema, required=True)
    bank_short_name = ma.fields.String(required=True)
    account_masked = ma.fields.String(required=True)
    holder_name = ma.fields.String(required=True)
    issued_at = ma.fields.DateTime(required=True)
    revoked_at = ma.fields.DateTime(allow_none=True)


class PrintQuerySchema(ma.Schema):
    village = Id()


class QrCheckFormSchema(ma.Schema):
    payload = ma.fields.String(validate=validate.Length(max=1000))
    csrf_token = ma.fields.String(load_only=True)


class BankSchema(ma.Schema):
    bin = ma.fields.String(required=True, metadata={"description": "6-digit NAPAS BIN"})
    code = ma.fields.String(required=True, metadata={"description": "Bank code, e.g. ACB"})
    short_name = ma.fields.String(required=True)
    name = ma.fields.String(required=True, metadata={"description": "Full Vietnamese name"})
    swift = ma.fields.String(allow_none=True, required=True)
    transfer_supported = ma.fields.Boolean(required=True, metadata={"description": "Takes NAPAS247 QR transfers"})
    lookup_supported = ma.fields.Boolean(required=True, metadata={"description": "Account-name lookup"})


class DecodeRequestSchema(ma.Schema):
    payload = ma.fields.String(required=True, validate=validate.Length(min=1, max=1000),
                               metadata={"description": "The scanned text (EMVCo QR payload)"})


class DecodedBankSchema(ma.Schema):
    bin = ma.fields.String(required=True)
    code = ma.fields.String(required=True)
    short_name = ma.fields.String(required=True)
    name = ma.fields.String(required=True)


class DecodedSchema(ma.Schema):
    """What `python -m vietqr decode` prints, field for field."""

    kind = ma.fields.String(required=True, validate=validate.OneOf(("vietqr", "vnpay", "emv_other", "invalid")))
    crc_ok = ma.fields.Boolean(required=True)
    initiation = ma.fields.String(required=True, allow_none=True, validate=validate.OneOf(("static", "dynamic")))
    bin = ma.fields.String(required=True, allow_none=True)
    account = ma.fields.String(required=True, allow_none=True)
    service = ma.fields.String(required=True, allow_none=True)
    amount = ma.fields.Integer(required=True, allow_none=True)
    purpose = ma.fields.String(required=True, allow_none=True)
    bank = ma.fields.Nested(DecodedBankSchema, required=True, allow_none=True)
    errors = ma.fields.List(ma.fields.String(), required=True, metadata={"description": "Empty for a valid VietQR"})
    warnings = ma.fields.List(ma.fields.String(), required=True,
                              metadata={"description": "E.g. an amount over the NAPAS247 per-transfer limit"})
