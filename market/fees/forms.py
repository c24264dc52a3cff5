"""Page forms of the fees pages: the API's schemas, reading the typed text of a form."""
import marshmallow as ma

from market.fees.schemas import MONEY, POSITIVE, CashInSchema, FeeInSchema

FEE_FIELDS = ("name", "period", "amount", "unit_price", "starts_on", "ends_on")
PAYEE_FIELDS = ("bin", "account_number", "holder_name")


class FeeFormSchema(FeeInSchema):
    """A fee typed into the page: digits as text, "12,5" still refused."""

    amount = ma.fields.Integer(load_default=0, validate=MONEY, error_messages={"invalid": "Nhập số nguyên đồng."})
    unit_price = ma.fields.Integer(validate=POSITIVE, error_messages={"invalid": "Nhập số nguyên đồng."})


class CashFormSchema(CashInSchema):
    """The collector's cash receipt typed into the bill page."""

    amount = ma.fields.Integer(required=True, validate=POSITIVE, error_messages={"invalid": "Nhập số nguyên đồng."})

