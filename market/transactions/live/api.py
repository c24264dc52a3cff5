"""JSON API of the money screen: the live credit stream (Server-Sent Events)."""
from flask import Response
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from market.transactions.live import stream
from market.transactions.live.schemas import StreamHeaderSchema, StreamQuerySchema

blueprint = Blueprint("live_api", __name__, url_prefix="/api/v1", description="Tiền đã về: dòng tiền vào trực tiếp")

STREAM_DOC = """The merchant's incoming credits as Server-Sent Events (`text/event-stream`).

Each credit is a message with `id:` (the transaction id) and `data:` JSON with `transaction_id`, `amount`,
`occurred_at`, `content` (the payer's memo), `today_total`, `asked_amount`/`short_by` (a QR with an amount
paid short) and `say` (the Vietnamese sentence to speak). An `event: today` message carries today's total
and latest credits; `event: ready` ends the catch-up (`replayed`, and `say` for several missed credits).
Resume with `Last-Event-ID` (EventSource sends it) or `?after=ID`. Only the merchant and the helpers the
merchant named may listen; session cookie or bearer token, as everywhere in the API."""


@blueprint.route("/merchants/<int:merchant_id>/credits/stream")
@blueprint.arguments(StreamQuerySchema, location="query", as_kwargs=True)
@blueprint.arguments(StreamHeaderSchema, location="headers", as_kwargs=True)
@blueprint.response(200, content_type="text/event-stream", description="A stream of credit events")
@blueprint.doc(description=STREAM_DOC)
def credits_stream(merchant_id: int, after: int | None = None, last_event_id: int | None = None):
    """Live credits of one merchant (Server-Sent Events)."""
    frames = stream.open_stream(current_principal(), merchant_id, last_event_id if last_event_id is not None else after)
    return Response(frames, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
