"""Shapes of transactions, tallies, imports and bank webhooks in the API (format only; rules live in services)."""
import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate

from market.core.fields import Day, Moment, pattern
from market.core.i18n import lazy_gettext
from market.transactions.models import LARGEST_CASHLESS, METHODS

ID = validate.Range(min=1, max=2**31 - 1)
# Cash is bounded too: ten billion VND in one sale is a typo, not a sale.
AMOUNT = validate.Range(min=1, max=9_999_999_999)
COUNT = validate.Range(min=0, max=100_000)
VALUE = validate.Range(min=0, max=99_999_999_999)
REFERENCE = validate.Length(min=1, max=120)
TIME_DOC = ("ISO 8601 with a UTC offset (e.g. 2026-03-01T09:30:00+07:00); a time without offset is "
            "refused. At most 5 minutes in the future and 400 days in the past.")


class IdempotencyHeaderSchema(ma.Schema):
    key = ma.fields.String(data_key="Idempotency-Key", validate=pattern(r"^[!-~]{1,120}$"), metadata={
        "description": "1–120 printable ASCII characters, no spaces. The same key with the same body "
                       "returns the original transaction (200); with another body it is a 409. "
                       "Keys are scoped to the caller and kept at least 30 days."})


class TransactionInSchema(ma.Schema):
    merchant_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    amount = ma.fields.Integer(required=True, strict=True, validate=AMOUNT, metadata={
        "description": "Integer VND; cashless methods must stay under 500,000,000."})
    method = ma.fields.String(required=True, validate=validate.OneOf(METHODS))
    occurred_at = Moment(metadata={"description": TIME_DOC + " Default: now."})
    reference = ma.fields.String(validate=REFERENCE, allow_none=True)
    note = ma.fields.String(validate=validate.Length(max=500), allow_none=True)


class TransactionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    merchant_id = ma.fields.Integer(required=True)
    account_id = ma.fields.Integer(allow_none=True)
    amount = ma.fields.Integer(required=True, metadata={"description": "Negative for a reversal"})
    method = ma.fields.String(required=True)
    occurred_at = ma.fields.DateTime(required=True)
    local_day = ma.fields.Date(required=True, metadata={"description": "Asia/Ho_Chi_Minh calendar day"})
    source = ma.fields.String(required=True)
    reference = ma.fields.String(allow_none=True)
    note = ma.fields.String(allow_none=True)
    reverses_id = ma.fields.Integer(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    created_by = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)


class ReverseSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(min=3, max=255))


class TransactionQuerySchema(ma.Schema):
    merchant = ma.fields.Integer(validate=ID)
    village = ma.fields.Integer(validate=ID)
    market = ma.fields.Integer(validate=ID)
    street = ma.fields.Integer(validate=ID)
    method = ma.fields.String(validate=validate.OneOf(METHODS))
    date_from = Day(data_key="from", metadata={"description": "First local day (inclusive)"})
    date_to = Day(data_key="to", metadata={"description": "Last local day (inclusive)"})
    cursor = ma.fields.String(validate=validate.Length(min=1, max=200),
                              metadata={"description": "Opaque; the next_cursor of the previous page"})
    limit = ma.fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class TransactionPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(TransactionSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True, required=True)


class TallySchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    merchant_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    day = Day(required=True, metadata={"description": "Local day; not in the future"})
    cash_count = ma.fields.Integer(required=True, strict=True, validate=COUNT)
    cash_value = ma.fields.Integer(required=True, strict=True, validate=VALUE)
    cashless_count = ma.fields.Integer(required=True, strict=True, validate=COUNT)
    cashless_value = ma.fields.Integer(required=True, strict=True, validate=VALUE)
    updated_at = ma.fields.DateTime(dump_only=True)


class BankCreditSchema(ma.Schema):
    account_number = ma.fields.String(required=True, validate=pattern(r"^[0-9A-Za-z]{4,19}$"))
    bin = ma.fields.String(validate=pattern(r"^\d{6}$"),
                           metadata={"description": "Optional bank BIN when one number exists at two banks"})
    amount = ma.fields.Integer(required=True, strict=True,
                               validate=validate.Range(min=1, max=LARGEST_CASHLESS))
    content = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    reference = ma.fields.String(required=True, validate=REFERENCE)
    occurred_at = Moment(required=True, metadata={"description": TIME_DOC})


class BankCreditResultSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={
        "description": "recorded | queued (a retry of a queued credit an officer has assigned since says recorded, "
                       "with both ids)"})
    transaction_id = ma.fields.Integer(allow_none=True)
    unmatched_id = ma.fields.Integer(allow_none=True)
    duplicate = ma.fields.Boolean(required=True, metadata={"description": "True for a retry (no-op)"})


class UnmatchedCreditSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    integration_id = ma.fields.Integer(required=True)
    account_number = ma.fields.String(required=True)
    amount = ma.fields.Integer(required=True)
    content = ma.fields.String(allow_none=True)
    reference = ma.fields.String(required=True)
    occurred_at = ma.fields.DateTime(required=True)
    status = ma.fields.String(required=True, metadata={"description": "open | assigned | dismissed"})
    received_at = ma.fields.DateTime(required=True)
    resolved_at = ma.fields.DateTime(allow_none=True)
    resolved_by = ma.fields.String(allow_none=True, metadata={"description": "Who assigned or dismissed it"})
    transaction_id = ma.fields.Integer(allow_none=True, metadata={"description": "The transaction it became"})
    reason = ma.fields.String(allow_none=True, metadata={"description": "Why it was dismissed"})


class UnmatchedQuerySchema(ma.Schema):
    status = ma.fields.String(load_default="open", validate=validate.OneOf(
        ("open", "assigned", "dismissed", "resolved", "all")), metadata={
        "description": "resolved = assigned or dismissed"})


class AssignCreditSchema(ma.Schema):
    account_id = ma.fields.Integer(
        required=True, strict=True,
        validate=validate.Range(min=1, max=2**31 - 1, error=lazy_gettext("Mã tài khoản không hợp lệ.")),
        error_messages={"required": lazy_gettext("Chọn hoặc nhập mã tài khoản nhận tiền."),
                        "invalid": lazy_gettext("Mã tài khoản là một số.")},
        metadata={"description": "A payment account of an active merchant within the caller's scope"})


NOT_TEXT = lazy_gettext("Lý do phải là chữ.")
REASON = [validate.Length(min=3, max=255, error=lazy_gettext("Lý do cần từ 3 đến 255 ký tự.")),
          # The page's form does not pass the API's NUL check; PostgreSQL refuses NUL.
          pattern(r"^[^\x00]*\Z", error=lazy_gettext("Không được chứa ký tự NUL."))]


class _ReasonSchema(ma.Schema):
    @ma.pre_load
    def _strip(self, data, **_kwargs):
        """Blank padding does not count towards the reason."""
        if isinstance(data, dict) and isinstance(data.get("reason"), str):
            return {**data, "reason": data["reason"].strip()}
        return data


class DismissCreditSchema(_ReasonSchema):
    reason = ma.fields.String(required=True, validate=REASON, error_messages={
        "required": lazy_gettext("Nhập lý do bỏ qua."), "invalid": NOT_TEXT})


class ReopenCreditSchema(_ReasonSchema):
    reason = ma.fields.String(required=True, validate=REASON, error_messages={
        "required": lazy_gettext("Nhập lý do mở lại."), "invalid": NOT_TEXT})


COLUMN_NAME = validate.Length(min=1, max=100)


class StatementFormSchema(ma.Schema):
    account_id = ma.fields.Integer(required=True, validate=ID, metadata={"description": "Payment account"})
    commit = ma.fields.Boolean(load_default=False, metadata={
        "description": "false: dry-run report only; true: write every new credit, or nothing if a row fails"})
    date_column = ma.fields.String(validate=COLUMN_NAME, metadata={"description": "Header of the date column"})
    amount_column = ma.fields.String(validate=COLUMN_NAME, metadata={"description": "Header of the credit column"})
    content_column = ma.fields.String(validate=COLUMN_NAME)
    reference_column = ma.fields.String(validate=COLUMN_NAME)


class StatementFileSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "CSV (UTF-8) or XLSX, at most 5 MB"})


class RowErrorSchema(ma.Schema):
    row = ma.fields.Integer(required=True)
    field = ma.fields.String(required=True)
    message = ma.fields.String(required=True)


class StatementReportSchema(ma.Schema):
    rows = ma.fields.Integer(required=True, metadata={"description": "Dated lines read"})
    credits = ma.fields.Integer(required=True)
    not_credits = ma.fields.Integer(required=True, metadata={"description": "Debits and zero lines, left out"})
    duplicates = ma.fields.Integer(required=True, metadata={"description": "References already stored or repeated"})
    to_add = ma.fields.Integer(required=True)
    added = ma.fields.Integer(required=True)
    committed = ma.fields.Boolean(required=True)
    error_count = ma.fields.Integer(required=True)
    errors = ma.fields.List(ma.fields.Nested(RowErrorSchema), required=True)


class StatementUploadSchema(StatementFormSchema, StatementFileSchema):
    """The whole multipart body, for the documentation (parsed as form + files)."""
