"""The JSON API platform: the documented error shape."""
import marshmallow as ma
from flask import Flask

from market.core.extensions import api


class ErrorBodySchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Machine-readable error code"})
    message = ma.fields.String(required=True, metadata={"description": "Human-readable message (vi)"})
    fields = ma.fields.Dict(metadata={"description": "Messages per input field"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorBodySchema, required=True)


def init_app(app: Flask) -> None:
    """Bind the API, documenting our error shape; `register_errorhandlers` later replaces
    flask-smorest's own HTTPException handler with the app's single error path."""
    api.ERROR_SCHEMA = ErrorSchema
    api.init_app(app)

