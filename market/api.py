"""The flask-smorest Api, documenting our single error shape."""
import marshmallow as ma
from flask_smorest import Api


class ErrorBodySchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Machine-readable error code"})
    message = ma.fields.String(required=True, metadata={"description": "Human-readable message (vi)"})
    fields = ma.fields.Dict(metadata={"description": "Messages per input field"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorBodySchema, required=True)


class ChoApi(Api):
    """Api whose documented error schema is ours and whose handlers live in `market.errors`."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        """Leave error handling to `market.errors`, the one error path of the app."""
