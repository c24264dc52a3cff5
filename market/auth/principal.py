"""Who is asking: a bearer token, a logged-in user, a CLI operator, or the public."""
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from flask import abort, current_app, has_request_context, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import bindparam, select, update

from market.auth import viewers
from market.auth.models import ApiToken
from market.core.database import read_outside_write_lock
from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.core.security import authenticates_itself

F = TypeVar("F", bound=Callable[..., Any])
TOKEN_PREFIX = "cho40_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOUCH_INTERVAL = timedelta(minutes=5)
ENVIRON_KEY = "cho40.principal"


@dataclass(frozen=True)
class Principal:
    """The caller of a request, with the scope its role is limited to."""

    role: str
    label: str
    commune_code: str | None = None
    village_id: int | None = None
    merchant_id: int | None = None
    user_id: int | None = None
    token_id: int | None = None

    @property
    def is_public(self) -> bool:
        return self.role == "public"

    @property
    def client_key(self) -> str:
        """Stable identity used to scope idempotency keys."""
        if self.token_id is not None:
            return f"token:{self.token_id}"
        if self.user_id is not None:
            return f"user:{self.user_id}"
        return self.label


PUBLIC = Principal(role="public", label="public")
SYSTEM = Principal(role="admin", label="system")


def hash_token(token: str) -> str:
    """The stored form of a bearer token (SHA-256 hex; tokens are long random strings)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh bearer token, shown once."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


# Built once and run on the connection without the ORM: every API write presents a token.
_TOKEN = select(ApiToken.id, ApiToken.name, ApiToken.role, ApiToken.commune_code, ApiToken.village_id,
                ApiToken.merchant_id, ApiToken.revoked_at, ApiToken.last_used_at).where(
    ApiToken.token_hash == bindparam("token_hash"))


def _from_bearer(header: str) -> Principal:
    token = header[7:].strip()
    # Read before the request's transaction begins: on SQLite a write request holds the write lock
    # from its first statement, and checking who is asking need not hold it.
    with read_outside_write_lock() as connection:
        row = connection.execute(_TOKEN, {"token_hash": hash_token(token)}).first()
    if row is None or row.revoked_at is not None:
        raise AppError(401, "invalid_token", gettext("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
    now = utcnow()
    # Touch at most every few minutes so read traffic does not turn into writes.
    if row.last_used_at is None or now - row.last_used_at > TOUCH_INTERVAL:
        db.session.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))
    return Principal(role=row.role, label=f"token:{row.name}", commune_code=row.commune_code,
                     village_id=row.village_id, merchant_id=row.merchant_id, token_id=row.id)


def _from_session() -> Principal:
    user = current_user
    if not user or not user.is_authenticated:
        viewer = viewers.current()
        if viewer is None:
            return PUBLIC
        return Principal(role=viewers.ROLE, label=f"viewer:{viewer.id}", merchant_id=viewer.merchant_id)
    return Principal(role=user.role, label=f"user:{user.username}", commune_code=user.commune_code,
                     village_id=user.village_id, merchant_id=user.merchant_id, user_id=user.id)


def resolve_principal() -> Principal:
    """Read the caller from the Authorization header, else the login session."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return _from_bearer(header)
    if header:
        raise AppError(401, "invalid_token", gettext("Chỉ hỗ trợ Authorization: Bearer TOKEN."))
    return _from_session()


def current_principal() -> Principal:
    """The caller of this request (cached on the request), or SYSTEM outside a request."""
    if not has_request_context():
        return SYSTEM
    # Cached per request, not on `g`: an app context can outlive several requests.
    if ENVIRON_KEY not in request.environ:
        request.environ[ENVIRON_KEY] = resolve_principal()
    return request.environ[ENVIRON_KEY]


def public_write(view: F) -> F:
    """Mark an API write anyone may call (it authenticates itself, like a signed webhook, or is harmless)."""
    view.public_write = True  # type: ignore[attr-defined]
    return view


def _is_public_write() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    view_class = getattr(view, "view_class", None)
    method = getattr(view_class, request.method.lower(), None) if view_class else view
    return bool(getattr(method, "public_write", False))


def authenticate_api_request() -> None:
    """Check a presented bearer token on every API request, reads included; an anonymous write gets 401
    before its input is looked at (no field list, no existence check). Views that authenticate the caller
    their own way (a bank feed speaking its provider's scheme) are left to do so."""
    if not request.path.startswith("/api/"):
        return
    if authenticates_itself():
        return
    if "Authorization" in request.headers:
        current_principal()
    if request.method not in SAFE_METHODS and request.endpoint and not _is_public_write() \
            and current_principal().is_public:
        raise AppError(401, "unauthorized", gettext("Cần đăng nhập hoặc mã truy cập (Bearer token)."))


def login_required() -> Principal:
    """The signed-in caller of a page; anyone else is sent to the login page."""
    principal = current_principal()
    if principal.is_public:
        abort(redirect(url_for("auth.login", next=request.full_path)))
    return principal


def merchant_required() -> Principal:
    """The signed-in merchant of a merchant's page; others get the login page, then a 403."""
    principal = login_required()
    if principal.role != "merchant" or principal.merchant_id is None:
        raise AppError(403, "forbidden", gettext("Trang này dành cho tiểu thương."))
    return principal
