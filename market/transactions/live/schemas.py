"""Shapes of the live credit stream and the helper ("xem tiền về") forms (format only)."""
import marshmallow as ma
from marshmallow import validate

EVENT_ID = validate.Range(min=0, max=2**63 - 1)


class StreamQuerySchema(ma.Schema):
    after = ma.fields.Integer(strict=False, validate=EVENT_ID, metadata={
        "description": "Replay the credits after this event id (what the device last announced); without it, "
                       "and without Last-Event-ID, the stream starts with today's summary and announces nothing old."})


class StreamHeaderSchema(ma.Schema):
    last_event_id = ma.fields.Integer(data_key="Last-Event-ID", strict=False, validate=EVENT_ID, metadata={
        "description": "Set by the browser's EventSource when it reconnects; takes precedence over `after`."})


class ViewerFormSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=80),
                            metadata={"description": "Who the helper is, e.g. 'Con gái Lan'"})
