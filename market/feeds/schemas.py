"""Shapes of feeds, their health, the delivery log and reconciliation in the API (format only)."""
import marshmallow as ma
from marshmallow import validate

from market.core.fields import MAX_ID, Day, pattern
from market.feeds.models import OUTCOMES, PROVIDERS

ID = validate.Range(min=1, max=MAX_ID)


class FeedInSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=80), metadata={
        "description": "Letters, digits, '-' and '_': the feed receives at /api/v1/feeds/{name}"})
    provider = ma.fields.String(required=True, validate=validate.OneOf(PROVIDERS))
    commune_code = ma.fields.String(load_default=None, allow_none=True, validate=pattern(r"\d{5}"),
                                    metadata={"description": "The commune it serves; none for a province-wide feed"})
    secret = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=128), metadata={
        "description": "Only for keys the provider issues (payOS, Casso checksum key); otherwise we make one"})
    silence_hours = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=24 * 14))


class FeedSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    provider = ma.fields.String(required=True)
    commune_code = ma.fields.String(allow_none=True)
    active = ma.fields.Boolean(required=True)
    silence_hours = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    rotated_at = ma.fields.DateTime(allow_none=True)
    disabled_reason = ma.fields.String(allow_none=True)


class FeedWithSecretSchema(FeedSchema):
    secret = ma.fields.String(required=True, metadata={"description": "Shown this once; store it with the provider"})
    url = ma.fields.String(required=True, metadata={"description": "The address to give the provider"})


class FeedHealthSchema(ma.Schema):
    feed = ma.fields.Nested(FeedSchema, required=True)
    last_delivery = ma.fields.DateTime(allow_none=True)
    last_credit = ma.fields.DateTime(allow_none=True)
    deliveries_24h = ma.fields.Integer(required=True)
    refusals_24h = ma.fields.Integer(required=True)
    silent = ma.fields.Boolean(required=True, metadata={"description": "Quiet for longer than silence_hours"})


class RotateSchema(ma.Schema):
    secret = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=128))


class DisableSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(min=3, max=255))


class DeliveryQuerySchema(ma.Schema):
    feed = ma.fields.Integer(validate=ID)
    outcome = ma.fields.String(validate=validate.OneOf(OUTCOMES))
    date_from = Day(data_key="from", metadata={"description": "First local day (inclusive)"})
    date_to = Day(data_key="to", metadata={"description": "Last local day (inclusive)"})
    limit = ma.fields.Integer(load_default=200, validate=validate.Range(min=1, max=500))


class DeliverySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    feed_id = ma.fields.Integer(required=True)
    received_at = ma.fields.DateTime(required=True)
    provider_id = ma.fields.String(allow_none=True)
    outcome = ma.fields.String(required=True, metadata={"description": " | ".join(OUTCOMES)})
    reason = ma.fields.String(allow_none=True)
    status_code = ma.fields.Integer(required=True)
    account_number = ma.fields.String(allow_none=True)
    amount = ma.fields.Integer(allow_none=True)
    content = ma.fields.String(allow_none=True)
    reference = ma.fields.String(allow_none=True)
    occurred_at = ma.fields.DateTime(allow_none=True)
    transaction_id = ma.fields.Integer(allow_none=True)
    unmatched_id = ma.fields.Integer(allow_none=True)


class ReconcileQuerySchema(ma.Schema):
    account_id = ma.fields.Integer(required=True, validate=ID)
    date_from = Day(required=True, data_key="from")
    date_to = Day(required=True, data_key="to")


class CreditLineSchema(ma.Schema):
    reference = ma.fields.String(allow_none=True)
    amount = ma.fields.Integer(required=True)
    occurred_at = ma.fields.DateTime(required=True)


class ReconciliationSchema(ma.Schema):
    account_id = ma.fields.Integer(required=True)
    date_from = ma.fields.Date(required=True, data_key="from")
    date_to = ma.fields.Date(required=True, data_key="to")
    matched = ma.fields.Integer(required=True)
    only_in_statement = ma.fields.List(ma.fields.Nested(CreditLineSchema), required=True)
    only_in_feeds = ma.fields.List(ma.fields.Nested(CreditLineSchema), required=True)
