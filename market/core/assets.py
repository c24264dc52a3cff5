"""Static files under fingerprinted URLs (`/static/app.css?v=<digest>`), cached for a year; pages revalidate."""
import hashlib
import os
from functools import lru_cache
from typing import Any

from flask import Flask, Response, current_app, request

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=256)
def _digest(path: str, modified_ns: int) -> str:
    with open(path, "rb") as asset:
        return hashlib.sha256(asset.read()).hexdigest()[:12]


def fingerprint(filename: str) -> str | None:
    """A short digest of a static file's content (a new one whenever the file changes), None if absent."""
    folder = current_app.static_folder or ""
    path = os.path.realpath(os.path.join(folder, filename))
    if not path.startswith(os.path.realpath(folder) + os.sep) or not os.path.isfile(path):
        return None
    return _digest(path, os.stat(path).st_mtime_ns)


def add_fingerprint(endpoint: str, values: dict[str, Any]) -> None:
    """`url_for('static', filename=…)` carries the file's digest, so a changed file gets a new URL."""
    if endpoint == "static" and "filename" in values and "v" not in values:
        digest = fingerprint(values["filename"])
        if digest:
            values["v"] = digest


def set_cache_policy(response: Response) -> Response:
    """A fingerprinted static file never changes: a year, immutable. Pages and anything else revalidate."""
    if request.endpoint == "static":
        _read_into_memory(response)
        current = fingerprint((request.view_args or {}).get("filename", ""))
        if current and request.args.get("v") == current and response.status_code in (200, 304):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
    elif response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        response.cache_control.no_cache = True
    return response


def _read_into_memory(response: Response) -> None:
    # Our static files are a few KB: read them whole so Flask-Compress compresses them as a body
    # (its streaming path would leave the open file to the garbage collector).
    if response.direct_passthrough:
        response.direct_passthrough = False
        response.make_sequence()


def init_app(app: Flask) -> None:
    """Fingerprint static URLs and set the cache policy of every response."""
    app.url_defaults(add_fingerprint)
    app.after_request(set_cache_policy)
