"""Flask-Login wiring: the session cookie carries the user id and its session version."""
from flask import g
from flask_login import LoginManager

from market.auth.models import User
from market.core.extensions import db
from market.core.i18n import N_, gettext


def load_user(user_id: str) -> User | None:
    """Find the user of a session; a bumped session version logs old sessions out."""
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_version != int(version) or not user.active:
        return None
    return user


def configure(manager: LoginManager) -> None:
    """Set the user loader and the login page."""
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = N_("Vui lòng đăng nhập để tiếp tục.")
    manager.localize_callback = gettext  # flashed in the reader's language
    manager.session_protection = "strong"


def forget_cached_user() -> None:
    """Drop a user cached on `g` by an earlier request: an app context can outlive several requests."""
    g.pop("_login_user", None)
