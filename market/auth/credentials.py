"""Passwords: hashing, logging in, ending sessions, one-time set-password links."""
import secrets
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from market.auth.models import User
from market.auth.principal import Principal, hash_token
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext

HASH_METHOD = "scrypt"
SETUP_LINK_LIFETIME = timedelta(hours=72)
SETUP_PATH = "/auth/set-password/"
MIN_PASSWORD, MAX_PASSWORD = 8, 128
BAD_CREDENTIALS = lazy_gettext("Sai tên đăng nhập hoặc mật khẩu.")


def hash_password(password: str) -> str:
    """The stored form of a password (werkzeug scrypt, salted)."""
    return generate_password_hash(password, method=HASH_METHOD)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(16))


def user_principal(user: User) -> Principal:
    """The principal a user acts as (for audit entries made on their behalf)."""
    return Principal(role=user.role, label=f"user:{user.username}", commune_code=user.commune_code,
                     village_id=user.village_id, merchant_id=user.merchant_id, user_id=user.id)


def authenticate(username: str, password: str) -> User:
    """The user with these credentials. Repeated failures are slowed by the login view's limit per
    (user name, client address), never by locking the account: nobody can lock another person out."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or user.password_hash is None or not user.active:
        check_password_hash(_dummy_hash(), password)  # same time whether or not the name exists
        raise AppError(401, "invalid_credentials", BAD_CREDENTIALS)
    if not check_password_hash(user.password_hash, password):
        raise AppError(401, "invalid_credentials", BAD_CREDENTIALS)
    return user


def end_sessions(user: User) -> None:
    """Every session cookie of `user`, on any worker or host, stops authenticating (the version is in the
    database and checked on each request)."""
    user.session_version = (user.session_version or 1) + 1


def validate_password(password: str, username: str) -> None:
    """Refuse passwords that are too short, too long or the user name itself."""
    problem = None
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        problem = gettext("Mật khẩu cần từ %(min)s đến %(max)s ký tự.", min=MIN_PASSWORD, max=MAX_PASSWORD)
    elif password.strip().lower() == username.lower():
        problem = gettext("Mật khẩu không được trùng tên đăng nhập.")
    if problem:
        raise AppError(422, "validation_error", problem, {"password": [problem]})


def setup_link(token: str) -> str:
    """The full URL of a set-password link."""
    return current_app.config["PUBLIC_BASE_URL"] + SETUP_PATH + token


def new_setup_token(user: User) -> tuple[str, datetime]:
    """Give `user` a fresh one-time token (only its hash is kept); older links stop working."""
    token = secrets.token_urlsafe(32)
    user.setup_token_hash = hash_token(token)
    user.setup_token_expires_at = utcnow() + SETUP_LINK_LIFETIME
    return token, user.setup_token_expires_at


def user_for_setup_token(token: str) -> User:
    """The user a valid, unexpired set-password token belongs to, or 404."""
    user = db.session.scalar(select(User).where(User.setup_token_hash == hash_token(token)))
    expires = user.setup_token_expires_at if user is not None else None
    if user is None or expires is None or expires <= utcnow():
        raise AppError(
            404, "invalid_link", gettext("Liên kết đặt mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn.")
        )
    return user


def _store_password(user: User, password: str) -> None:
    validate_password(password, user.username)
    user.password_hash = hash_password(password)
    end_sessions(user)


def set_password_with_token(token: str, password: str) -> User:
    """Use a one-time link: set the password, burn the token."""
    user = user_for_setup_token(token)
    _store_password(user, password)
    user.setup_token_hash = user.setup_token_expires_at = None
    record(user_principal(user), "user.password_set", "user", user.id, commune_code=user.commune_code)
    return user


def change_password(user: User, current: str, new: str) -> User:
    """A logged-in user replaces their password after proving the current one."""
    if user.password_hash is None or not check_password_hash(user.password_hash, current):
        raise AppError(422, "validation_error", gettext("Mật khẩu hiện tại không đúng."),
                       {"current_password": [gettext("Mật khẩu hiện tại không đúng.")]})
    _store_password(user, new)
    record(user_principal(user), "user.password_change", "user", user.id, commune_code=user.commune_code)
    return user
