"""Pages: log in, log out, set a password from a one-time link, change it, see one's account."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from market.auth import credentials
from market.auth.forms import ChangePasswordForm, LoginForm, LogoutForm, SetPasswordForm
from market.core.errors import AppError
from market.core.extensions import limiter

blueprint = Blueprint("auth", __name__, url_prefix="/auth")


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def safe_next(target: str | None) -> str:
    """Follow `next` only to a path on this site (never to another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("auth.account")


def _start_session(user) -> None:
    # A new session on every login: nothing planted in the old cookie survives (session fixation).
    session.clear()
    login_user(user)


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Log in with user name and password; five failures lock the account for 15 minutes."""
    form, error = LoginForm(), None
    if form.validate_on_submit():
        try:
            user = credentials.authenticate(form.username.data, form.password.data)
        except AppError as refusal:  # shown on the form; the failure count must still be saved
            error = refusal.description
        else:
            _start_session(user)
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form, error=error)


@blueprint.post("/logout")
def logout() -> Response:
    """End the session (POST with a CSRF token, so no other site can log you out)."""
    logout_user()
    session.clear()
    flash("Đã đăng xuất.", "ok")
    return redirect(url_for("core.home"))


@blueprint.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """Choose a password through a one-time link (valid 72 hours, single use)."""
    user = credentials.user_for_setup_token(token)
    form, error = SetPasswordForm(), None
    if form.validate_on_submit():
        try:
            credentials.set_password_with_token(token, form.password.data)
        except AppError as refusal:
            error = refusal.description
        else:
            logout_user()
            session.clear()
            flash("Đã đặt mật khẩu. Mời đăng nhập.", "ok")
            return redirect(url_for("auth.login"))
    status = 422 if error or form.errors else 200
    return render_template("auth/set_password.html", form=form, user=user, error=error), status


@blueprint.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; other sessions of the account end."""
    form, error = ChangePasswordForm(), None
    if form.validate_on_submit():
        try:
            user = credentials.change_password(current_user._get_current_object(), form.current_password.data,
                                              form.password.data)
        except AppError as refusal:
            error = refusal.description
        else:
            _start_session(user)
            flash("Đã đổi mật khẩu.", "ok")
            return redirect(url_for("auth.account"))
    status = 422 if error or form.errors else 200
    return render_template("auth/change_password.html", form=form, error=error), status


@blueprint.get("/account")
@login_required
def account():
    """Who is logged in, with what role and scope."""
    return render_template("auth/account.html", user=current_user, logout_form=LogoutForm())
