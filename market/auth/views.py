"""Pages: log in, log out, set a password from a one-time link, change it, see one's account."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from market.auth import credentials
from market.auth.principal import current_principal
from market.auth.schemas import ChangePasswordSchema, LoginSchema, SetPasswordSchema
from market.core.errors import AppError
from market.core.extensions import limiter
from market.core.forms import form_values, parse
from market.core.i18n import gettext
from market.core.urls import same_site_path
from market.home.links import role_links
from market.home.services import waiting_work

blueprint = Blueprint("auth", __name__, url_prefix="/auth")


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def _failure_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN_FAILURES"]


def _name_and_address() -> str:
    """Failed logins count per (user name, client address): a stranger elsewhere cannot lock you out."""
    name = (request.form.get("username") or "").strip().lower()[:80]
    return f"login-failures:{name}:{request.remote_addr}"


def _login_failed(_response: Response) -> bool:
    return bool(g.get("login_failed"))


def safe_next(target: str | None) -> str:
    """Follow `next` only to a path on this site (never to another host)."""
    return same_site_path(target) or url_for("auth.account")


def _posted(schema, fields: tuple[str, ...]) -> tuple[dict, dict]:
    return parse(schema, form_values(request.form, fields))


def _start_session(user) -> None:
    # A new session on every login: nothing planted in the old cookie survives (session fixation).
    session.clear()
    login_user(user)


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_failure_limit, methods=["POST"], key_func=_name_and_address, deduct_when=_login_failed)
def login():
    """Log in with user name and password; repeated failures from one address for one name are slowed."""
    errors, error = {}, None
    if request.method == "POST":
        data, errors = _posted(LoginSchema(), ("username", "password"))
        if not errors:
            try:
                user = credentials.authenticate(data["username"], data["password"])
            except AppError as refusal:  # shown on the form; counted by the failure limit
                error, g.login_failed = refusal.description, True
            else:
                _start_session(user)
                return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", errors=errors, error=error)


@blueprint.post("/logout")
def logout() -> Response:
    """End the session on the server too (POST with a CSRF token, so no other site can log you out):
    a copy of the cookie saved before logging out no longer authenticates."""
    if current_user.is_authenticated:
        credentials.end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(gettext("Đã đăng xuất."), "ok")
    return redirect(url_for("core.home"))


@blueprint.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """Choose a password through a one-time link (valid 72 hours, single use)."""
    user = credentials.user_for_setup_token(token)
    errors, error = {}, None
    if request.method == "POST":
        data, errors = _posted(SetPasswordSchema(), ("password", "confirm"))
    if request.method == "POST" and not errors:
        try:
            credentials.set_password_with_token(token, data["password"])
        except AppError as refusal:
            error = refusal.description
        else:
            logout_user()
            session.clear()
            flash(gettext("Đã đặt mật khẩu. Mời đăng nhập."), "ok")
            return redirect(url_for("auth.login"))
    status = 422 if error or errors else 200
    return render_template("auth/set_password.html", errors=errors, user=user, error=error), status


@blueprint.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; other sessions of the account end."""
    errors, error = {}, None
    if request.method == "POST":
        data, errors = _posted(ChangePasswordSchema(), ("current_password", "password", "confirm"))
    if request.method == "POST" and not errors:
        try:
            user = credentials.change_password(current_user._get_current_object(), data["current_password"],
                                              data["password"])
        except AppError as refusal:
            error = refusal.description
        else:
            _start_session(user)
            flash(gettext("Đã đổi mật khẩu."), "ok")
            return redirect(url_for("auth.account"))
    status = 422 if error or errors else 200
    return render_template("auth/change_password.html", errors=errors, error=error), status


@blueprint.get("/account")
@login_required
def account():
    """The role's home: its tasks as links, the work waiting for it, who is logged in."""
    principal = current_principal()
    return render_template("auth/account.html", user=current_user, links=role_links(principal),
                           waiting=waiting_work(principal))
