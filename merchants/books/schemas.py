"""Shapes of the books API: the book's period, the history query and page, the marks (format only)."""
from datetime import date

import marshmallow as ma
from marshmallow import validate

from market.transactions.schemas import TransactionSchema
from merchants.books.periods import VIEWS

REASON = validate.Length(min=3, max=255)


class BookQuerySchema(ma.Schema):
    year = ma.fields.Integer(required=True, validate=validate.Range(min=2000, max=2100), metadata={
        "description": "From the year the merchant was registered to this year"})
    quarter = ma.fields.Integer(validate=validate.Range(min=1, max=4),
                                metadata={"description": "1–4; omit for the whole year"})


class HistoryQuerySchema(ma.Schema):
    view = ma.fields.String(load_default="day", validate=validate.OneOf(tuple(VIEWS)))
    day = ma.fields.Date(validate=validate.Range(min=date(2000, 1, 1), max=date(2100, 12, 31)), metadata={
        "description": "Any day inside the span (Asia/Ho_Chi_Minh); default today"})
    q = ma.fields.String(validate=validate.Length(max=100), metadata={
        "description": "An amount (digits, '45.000' allowed) or words of the memo or reference"})
    cursor = ma.fields.String(validate=validate.Length(max=200))
    limit = ma.fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class HistoryItemSchema(TransactionSchema):
    not_revenue_reason = ma.fields.String(allow_none=True)


class MethodTotalSchema(ma.Schema):
    count = ma.fields.Integer(required=True)
    value = ma.fields.Integer(required=True)


class HistoryPageSchema(ma.Schema):
    view = ma.fields.String(required=True)
    start = ma.fields.Date(required=True, attribute="span.start")
    end = ma.fields.Date(required=True, attribute="span.end")
    methods = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(MethodTotalSchema), required=True)
    tally_cash = ma.fields.Integer(required=True)
    tally_cashless = ma.fields.Integer(required=True)
    money = ma.fields.Integer(required=True, metadata={"description": "All money in the span, tallies included"})
    not_revenue = ma.fields.Integer(required=True)
    revenue = ma.fields.Integer(required=True, metadata={"description": "What the revenue book counts"})
    items = ma.fields.List(ma.fields.Nested(HistoryItemSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True)


class MarkSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=REASON)


class TaxCodeSchema(ma.Schema):
    tax_code = ma.fields.String(allow_none=True, validate=validate.Length(max=14))


class MeterSchema(ma.Schema):
    year = ma.fields.Integer(required=True)
    so_far = ma.fields.Integer(required=True)
    projection = ma.fields.Integer(required=True)
    lines = ma.fields.List(ma.fields.Dict(), required=True)
