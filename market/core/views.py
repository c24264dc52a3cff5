"""Home page, health check and the language switch."""
from flask import Blueprint, abort, jsonify, redirect, render_template, request
from sqlalchemy import text

from market.core.extensions import db
from market.core.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, LANGUAGES

blueprint = Blueprint("core", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not healthy", whatever its class
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database=db.engine.dialect.name)


@blueprint.get("/")
def home():
    """The Vietnamese landing page."""
    return render_template("core/home.html")


@blueprint.get("/ngon-ngu/<code>")
def set_language(code: str):
    """Remember the reader's language in a cookie and go back to the page they were on."""
    if code not in LANGUAGES:
        abort(404)
    back = request.args.get("next", "")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"  # only our own pages: never an open redirect
    response = redirect(back)
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=LANGUAGE_COOKIE_MAX_AGE, samesite="Lax",
                        secure=request.is_secure, httponly=True)
    return response
