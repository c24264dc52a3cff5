"""The JSON API platform: the documented error shape, and NUL characters refused before any view."""
import marshmallow as ma
from flask import Flask, request

from market.core.errors import AppError
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


def _nul_path(value: object, path: str = "") -> str | None:
    """The dotted path of the first string holding a NUL character, if any."""
    if isinstance(value, str):
        return path or "body" if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _nul_path(item, f"{path}.{key}" if path else str(key))
        if found:
            return found
    return None


def reject_nul_characters() -> None:
    """Refuse NUL characters in API input: PostgreSQL cannot store them, so fail early and clearly."""
    if not request.path.startswith("/api/"):
        return
    found = _nul_path(request.args.to_dict()) or (
        _nul_path(request.get_json(silent=True)) if request.is_json else None)
    if found:
        raise AppError(422, "validation_error", "Dữ liệu chứa ký tự không hợp lệ (NUL).",
                       {found: ["Không được chứa ký tự NUL (\\u0000)."]})
