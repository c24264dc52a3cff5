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
    from flask import request

    from market.errors import AppError

    if not request.path.startswith("/api/"):
        return
    found = _nul_path(request.args.to_dict()) or (
        _nul_path(request.get_json(silent=True)) if request.is_json else None)
    if found:
        raise AppError(422, "validation_error", "Dữ liệu chứa ký tự không hợp lệ (NUL).",
                       {found: ["Không được chứa ký tự NUL (\\u0000)."]})
