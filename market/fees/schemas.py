"""Shapes of the fees API (format only; rules live in the services)."""
import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate

from market.core.fields import Id, Text, pattern
from market.fees.models import BILL_STATUSES, CREDIT_STATUSES, FEE_PERIODS
from market.transactions.models import LARGEST_CASHLESS, OVER_CEILING

PERIOD = pattern(r"^20\d\d-(0[1-9]|1[0-2])$", error="Kỳ phải có dạng YYYY-MM, ví dụ 2026-12.")
# A bill is paid by one transfer, so no amount may pass the NAPAS247 single-transfer ceiling.
MONEY = validate.Range(min=0, max=LARGEST_CASHLESS, error="Số tiền phải là số nguyên đồng, không âm. " + OVER_CEILING)
POSITIVE = validate.Range(min=1, max=LARGEST_CASHLESS, error="Số tiền phải là số nguyên đồng lớn hơn 0. " + OVER_CEILING)


def Money(**kwargs: object) -> ma.fields.Integer:
    """A whole VND amount: "12.5" and 12.5 are refused, not rounded."""
    return ma.fields.Integer(strict=True, **kwargs)


class PayeeInSchema(ma.Schema):
    bin = ma.fields.String(required=True, validate=pattern(r"^\d{6}$", error="BIN gồm 6 chữ số."))
    account_number = ma.fields.String(required=True, validate=pattern(
        r"^[0-9A-Za-z]{4,19}$", error="Số tài khoản: 4–19 chữ số hoặc chữ cái, không dấu cách."))
    holder_name = Text(required=True, validate=validate.Length(min=1, max=120))
    public_board = ma.fields.Boolean()


class PayeeSchema(ma.Schema):
    market_id = ma.fields.Integer()
    bin = ma.fields.String()
    bank_name = ma.fields.String(allow_none=True)
    account_number = ma.fields.String()
    holder_name = ma.fields.String()
    status = ma.fields.String()
    public_board = ma.fields.Boolean()
    verified_at = ma.fields.DateTime(allow_none=True)
    verified_by = ma.fields.String(allow_none=True)
    changed_by = ma.fields.String(allow_none=True)
    updated_at = ma.fields.DateTime(allow_none=True)


class OverrideSchema(ma.Schema):
    merchant_id = Id(required=True)
    amount = Money(required=True, validate=MONEY)


class FeeInSchema(ma.Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=80))
    period = ma.fields.String(load_default="month", validate=validate.OneOf(FEE_PERIODS))
    amount = Money(load_default=0, validate=MONEY)
    unit_price = Money(validate=POSITIVE)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date()
    overrides = ma.fields.List(ma.fields.Nested(OverrideSchema), load_default=list,
                               validate=validate.Length(max=5000))


class FeeSchema(ma.Schema):
    id = ma.fields.Integer()
    market_id = ma.fields.Integer()
    name = ma.fields.String()
    code = ma.fields.String()
    period = ma.fields.String()
    amount = ma.fields.Integer()
    unit_price = ma.fields.Integer(allow_none=True)
    starts_on = ma.fields.Date()
    ends_on = ma.fields.Date(allow_none=True)
    created_by = ma.fields.String()
    created_at = ma.fields.DateTime()
    overrides = ma.fields.List(ma.fields.Nested(OverrideSchema))


class BillRunInSchema(ma.Schema):
    period = ma.fields.String(required=True, validate=PERIOD)


class BillRunSchema(ma.Schema):
    period = ma.fields.String()
    created = ma.fields.Integer()
    bills = ma.fields.Integer()
    missing_readings = ma.fields.Integer()


class BillQuerySchema(ma.Schema):
    period = ma.fields.String(required=True, validate=PERIOD)
    status = ma.fields.String(validate=validate.OneOf(BILL_STATUSES))


class BillSchema(ma.Schema):
    id = ma.fields.Integer()
    market_id = ma.fields.Integer()
    merchant_id = ma.fields.Integer()
    stall = ma.fields.String()
    fee = ma.fields.String()
    fee_id = ma.fields.Integer()
    period = ma.fields.String()
    amount = ma.fields.Integer()
    paid_amount = ma.fields.Integer()
    cash_amount = ma.fields.Integer()
    owed = ma.fields.Integer()
    status = ma.fields.String()
    payment_code = ma.fields.String()
    receipt_serial = ma.fields.String(allow_none=True)
    paid_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()


class CashInSchema(ma.Schema):
    amount = Money(required=True, validate=POSITIVE)
    receipt_number = Text(required=True, validate=pattern(
        r"^[0-9A-Za-z/\-]{1,40}$", error="Số biên lai: chữ, số, “/” hoặc “-”, tối đa 40 ký tự."))


class WhoPaidQuerySchema(BillQuerySchema):
    status = ma.fields.String(validate=validate.OneOf(BILL_STATUSES))


class CreditQuerySchema(ma.Schema):
    status = ma.fields.String(validate=validate.OneOf(CREDIT_STATUSES))


class FeeCreditSchema(ma.Schema):
    id = ma.fields.Integer()
    market_id = ma.fields.Integer()
    source = ma.fields.String()
    account_number = ma.fields.String()
    amount = ma.fields.Integer()
    content = ma.fields.String(allow_none=True)
    reference = ma.fields.String()
    occurred_at = ma.fields.DateTime()
    status = ma.fields.String()
    received_at = ma.fields.DateTime()
    resolved_at = ma.fields.DateTime(allow_none=True)
    resolved_by = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)


class AssignInSchema(ma.Schema):
    bill_id = Id(required=True)


class DismissInSchema(ma.Schema):
    reason = Text(required=True, validate=validate.Length(min=3, max=255))


class MeterFormSchema(ma.Schema):
    period = ma.fields.String(required=True, validate=PERIOD)
    dry_run = ma.fields.Boolean(load_default=True)


class BoardStatementFormSchema(ma.Schema):
    dry_run = ma.fields.Boolean(load_default=True)


class FeeUploadSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "XLSX hoặc CSV (UTF-8), tối đa 5 MB"})


class FeeProblemSchema(ma.Schema):
    row = ma.fields.Integer()
    field = ma.fields.String()
    message = ma.fields.String()


class MeterReportSchema(ma.Schema):
    ok = ma.fields.Boolean()
    dry_run = ma.fields.Boolean()
    rows = ma.fields.Integer()
    created = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Nested(FeeProblemSchema))


class BoardStatementLineSchema(ma.Schema):
    row = ma.fields.Integer()
    amount = ma.fields.Integer()
    reference = ma.fields.String()
    bills = ma.fields.List(ma.fields.String())


class BoardStatementReportSchema(ma.Schema):
    dry_run = ma.fields.Boolean()
    rows = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Dict())
    lines = ma.fields.List(ma.fields.Nested(BoardStatementLineSchema))
    recorded = ma.fields.Integer()
    queued = ma.fields.Integer()
    duplicate = ma.fields.Integer()
