"""JSON API: feeds receive at /api/v1/feeds/<name> in their provider's format; admins set them up and
officers read the log, replay queued deliveries, see each feed's health and reconcile statements."""
from flask import jsonify, request
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from market.core.security import own_authentication
from market.feeds import deliveries, health, receiving, reconciliation, services
from market.feeds.schemas import (
    DeliveryQuerySchema,
    DeliverySchema,
    DisableSchema,
    FeedHealthSchema,
    FeedInSchema,
    FeedSchema,
    FeedWithSecretSchema,
    ReconcileQuerySchema,
    ReconciliationSchema,
    RotateSchema,
)

blueprint = Blueprint("feeds_api", __name__, url_prefix="/api/v1",
                      description="Nguồn tiền vào từ ngân hàng: SePay, Casso, payOS, VietQR.vn, định dạng Chợ 4.0")
NO_STORE = {"Cache-Control": "no-store"}

RECEIVE_DOC = """One delivery from a configured feed, in its provider's own JSON and authentication:
SePay `Authorization: Apikey KEY`; payOS `signature` over the sorted `data`; Casso v2 `X-Casso-Signature`;
VietQR.vn `Authorization: Bearer` from `…/api/token_generate`; cho40 `X-Cho40-Timestamp`/`X-Cho40-Signature`.
Answered as the provider expects. 401 refused (logged without the body), 400 unreadable, 422 bad amount,
currency or time (logged), 413 over 256 KB."""


def _with_secret(feed, secret):
    values = {name: getattr(feed, name) for name in FeedSchema().fields}
    return {**values, "secret": secret, "url": request.host_url + f"api/v1/feeds/{feed.name}"}


@blueprint.route("/feeds/<name>", methods=["POST"])
@blueprint.doc(description=RECEIVE_DOC, security=[])
@own_authentication
def receive(name):
    """Receive one credit notification from a feed."""
    body, status = receiving.receive(name, request.headers, request.get_data(cache=True))
    return jsonify(body), status


@blueprint.route("/feeds/<name>/bank/api/transaction-sync", methods=["POST"])
@blueprint.doc(description="VietQR.vn's transaction-sync address under the feed's base path.", security=[])
@own_authentication
def vietqr_sync(name):
    """VietQR.vn: one synced transaction (Bearer token from token_generate)."""
    body, status = receiving.receive(name, request.headers, request.get_data(cache=True))
    return jsonify(body), status


@blueprint.route("/feeds/<name>/api/token_generate", methods=["POST"])
@blueprint.doc(description="VietQR.vn's token address: Basic feed-name:secret → a 5-minute bearer token.",
               security=[])
@own_authentication
def vietqr_token(name):
    """VietQR.vn: the bearer token for transaction-sync."""
    body, status = receiving.vietqr_token(name, request.headers)
    return jsonify(body), status, NO_STORE


@blueprint.route("/feeds", methods=["GET"])
@blueprint.response(200, FeedHealthSchema(many=True))
def list_feeds():
    """Feeds the caller may see (admins; commune officers: theirs and province-wide), with their health."""
    return health.feed_health(current_principal())


@blueprint.route("/feeds", methods=["POST"])
@blueprint.arguments(FeedInSchema)
@blueprint.response(201, FeedWithSecretSchema, headers={"Cache-Control": {"schema": {"type": "string"}}})
def create_feed(data):
    """Create a feed (admins); the secret is in this answer only."""
    feed, secret = services.create_feed(current_principal(), data)
    return _with_secret(feed, secret), 201, NO_STORE


@blueprint.route("/feeds/<int:feed_id>/rotate", methods=["POST"])
@blueprint.arguments(RotateSchema)
@blueprint.response(200, FeedWithSecretSchema)
def rotate(data, feed_id):
    """Replace the feed's secret (admins); the old one stops at once, the new one is shown once."""
    feed, secret = services.rotate_secret(current_principal(), feed_id, data.get("secret"))
    return _with_secret(feed, secret), 200, NO_STORE


@blueprint.route("/feeds/<int:feed_id>/disable", methods=["POST"])
@blueprint.arguments(DisableSchema)
@blueprint.response(200, FeedSchema)
def disable(data, feed_id):
    """Stop a feed (admins), with the reason; its deliveries are then refused and logged."""
    return services.disable(current_principal(), feed_id, data["reason"])


@blueprint.route("/feeds/deliveries", methods=["GET"])
@blueprint.arguments(DeliveryQuerySchema, location="query")
@blueprint.response(200, DeliverySchema(many=True))
def list_deliveries(args):
    """The delivery log (90 days), newest first, filtered by feed, outcome and local days."""
    return deliveries.list_deliveries(current_principal(), args)


@blueprint.route("/feeds/deliveries/<int:delivery_id>/replay", methods=["POST"])
@blueprint.response(200, DeliverySchema)
def replay(delivery_id):
    """Match a queued delivery again after fixing the register; records it once (409 when still unmatched)."""
    return deliveries.replay(current_principal(), delivery_id)


@blueprint.route("/feeds/reconciliation", methods=["GET"])
@blueprint.arguments(ReconcileQuerySchema, location="query")
@blueprint.response(200, ReconciliationSchema)
def reconcile(args):
    """An account's imported statement credits against the feeds' deliveries over a range of local days."""
    return reconciliation.reconcile(current_principal(), args["account_id"], args["date_from"], args["date_to"])

