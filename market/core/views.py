"""Home page and health check."""
from flask import Blueprint, jsonify, render_template
from sqlalchemy import text

from market.core.extensions import db

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
