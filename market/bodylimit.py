"""Keep JSON API bodies small: uploads have their own (5 MB) limit, everything else 256 KB."""
from flask import current_app, request

from market.errors import AppError


def limit_api_body() -> None:
    """Refuse an oversized non-upload body on /api/ before anything reads it."""
    if not request.path.startswith("/api/") or request.mimetype == "multipart/form-data":
        return
    limit = current_app.config["MAX_JSON_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        message = f"Nội dung gửi lên quá lớn (tối đa {limit // 1024} KB)."
        raise AppError(413, "payload_too_large", message, {"body": [message]})
    # A chunked body has no Content-Length: cap what the parser will read.
    request.max_content_length = limit
