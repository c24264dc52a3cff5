"""Conditional responses for rendered images: strong ETag, Cache-Control, 304 without re-rendering."""
from collections.abc import Callable

from flask import Response, request

PUBLIC_QR = "public, max-age=86400"
PRIVATE_CARD = "private, max-age=300"


def cached_response(key: str, render: Callable[[], bytes], mimetype: str, cache_control: str,
                    filename: str | None = None) -> Response:
    """304 when the client holds `key` already; else the rendered bytes with their ETag."""
    headers = {"Cache-Control": cache_control, "ETag": f'"{key}"'}
    if filename:
        headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if request.if_none_match.contains(key):
        return Response(status=304, headers=headers)
    return Response(render(), mimetype=mimetype, headers=headers)
