"""Hardening applied to every request: proxy trust, size limits, CSRF for cookie API writes,
rate-limit buckets and security headers."""
import time
from typing import Any

from flask import Flask, Response, current_app, request, session
from flask_limiter import ApplicationLimit
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms import ValidationError

from market.core.errors import AppError
from market.core.extensions import limiter
from market.core.i18n import gettext

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; object-src 'none'; "
                           "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000; includeSubDomains"
# Public pages that check a card or a QR code: cheap to call, so limited per client address.
VERIFY_PREFIXES = ("/verify", "/api/v1/verify", "/api/v1/vietqr/decode", "/api/v1/cards/verify",
                   "/api/v1/banks")
# Looking a card up by serial: guessing serials must be slow, so a much smaller bucket.
LOOKUP_PREFIXES = ("/verify/", "/api/v1/cards/")
MAX_URL_LENGTH = 4096  # below gunicorn's --limit-request-line (scripts/run.sh), so we answer in our shape
PRIVATE = "private, no-store"


def rate_bucket() -> str | None:
    """Which shared rate limit (config RATELIMIT_<BUCKET>) this request counts against, if any."""
    path = request.path
    if path.startswith(LOOKUP_PREFIXES) and request.method in SAFE_METHODS:
        return "lookup"
    if path.startswith(VERIFY_PREFIXES):
        return "verify"
    if "/webhook" in path:
        return "webhook"
    if path.startswith("/api/") and request.method not in SAFE_METHODS:
        return "write"
    return None


def _buckets() -> tuple[str, ...]:
    """The buckets this request counts against: a serial lookup is also a verify-page request."""
    bucket = rate_bucket()
    return ("lookup", "verify") if bucket == "lookup" else (bucket,) if bucket else ()


def _bucket_limit(bucket: str) -> ApplicationLimit:
    return ApplicationLimit(
        limit_provider=lambda: current_app.config[f"RATELIMIT_{bucket.upper()}"],
        scope=f"bucket-{bucket}",
        exempt_when=lambda: bucket not in _buckets(),
    )


# One counter per client address and bucket.
RATE_LIMITS = [_bucket_limit(bucket) for bucket in ("write", "verify", "lookup", "webhook")]


def refuse_long_urls() -> None:
    """414 in the client's error shape for an over-long address (before any parsing)."""
    url_length = len(request.environ.get("RAW_URI") or request.full_path)
    if url_length > MAX_URL_LENGTH:
        raise AppError(414, "uri_too_long", gettext("Địa chỉ quá dài (tối đa %(max)s ký tự).", max=MAX_URL_LENGTH),
                       {"url": [gettext("Tối đa %(max)s ký tự.", max=MAX_URL_LENGTH)]})


def refuse_oversized_json() -> None:
    """413 for a JSON body over MAX_JSON_BYTES (uploads keep the larger MAX_CONTENT_LENGTH)."""
    declared = request.content_length
    if declared is not None and declared > (current_app.config.get("MAX_CONTENT_LENGTH") or declared):
        raise RequestEntityTooLarge()  # up front, even if the view never reads the body
    if request.method in SAFE_METHODS or not request.is_json:
        return
    limit = current_app.config["MAX_JSON_BYTES"]
    length = request.content_length
    if length is None:  # chunked body: read it (MAX_CONTENT_LENGTH still bounds the read)
        length = len(request.get_data(cache=True))
    if length > limit:
        raise AppError(
            413,
            "payload_too_large",
            gettext("Dữ liệu JSON vượt quá giới hạn %(limit)s KB.", limit=limit // 1024),
            {"body": [gettext("Tối đa %(limit)s byte JSON.", limit=limit)]},
        )


OWN_AUTHENTICATION = "cho40_own_authentication"


def own_authentication(view: Any) -> Any:
    """Mark a view whose Authorization header is not one of our tokens (it checks it itself, like a bank feed)."""
    setattr(view, OWN_AUTHENTICATION, True)
    return view


def authenticates_itself() -> bool:
    """The view of this request checks its caller its own way: no session, token or CSRF rules apply."""
    return getattr(current_app.view_functions.get(request.endpoint or ""), OWN_AUTHENTICATION, False)


def _bearer_presented() -> bool:
    """A bearer token is what authenticates this request (an empty or other header does not count)."""
    header = request.headers.get("Authorization", "")
    return header[:7].lower() == "bearer " and bool(header[7:].strip())


def _carries_credentials() -> bool:
    return bool(request.headers.get("Authorization")) or "_user_id" in session


def require_csrf_for_cookie_api_writes() -> None:
    """An API write authenticated by the session cookie must carry the X-CSRFToken header."""
    if request.method in SAFE_METHODS or not request.path.startswith("/api/"):
        return
    if _bearer_presented() or authenticates_itself() or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if not current_user.is_authenticated:
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except ValidationError:
        message = gettext("Thiếu hoặc sai mã CSRF (header X-CSRFToken) cho phiên đăng nhập.")
        needed = gettext("Bắt buộc khi dùng cookie đăng nhập; hoặc dùng Bearer token.")
        raise AppError(400, "csrf_failed", message, {"X-CSRFToken": [needed]}) from None


def add_security_headers(response: Response) -> Response:
    """Headers every response carries; HSTS only when the request arrived over TLS."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.path.startswith("/auth/"):
        response.headers["Cache-Control"] = "no-store"
    elif "Cache-Control" not in response.headers and _carries_credentials():
        # Anything answered to a signed-in caller may be private (phones, accounts, links, exports):
        # never stored by a browser or proxy unless the view chose its own caching.
        response.headers["Cache-Control"] = PRIVATE
        response.vary.add("Cookie")
    return response


def add_retry_after(response: Response) -> Response:
    """A 429 tells the client how many seconds to wait."""
    if response.status_code == 429 and "Retry-After" not in response.headers:
        breached = limiter.current_limit
        seconds = int(breached.reset_at - time.time()) if breached else 60
        response.headers["Retry-After"] = str(max(1, seconds))
    return response


def init_app(app: Flask) -> None:
    """Wire the hardening hooks (before the limiter, so size checks come first)."""
    if app.config.get("PROXY_FIX"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.before_request(refuse_long_urls)
    app.before_request(refuse_oversized_json)
    app.before_request(require_csrf_for_cookie_api_writes)
    app.after_request(add_security_headers)
    app.after_request(add_retry_after)
    limiter.limit_manager.set_application_limits([limit.bind(limiter) for limit in RATE_LIMITS])
