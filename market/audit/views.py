"""The audit log page, for admins and commune officers (read only)."""
from flask import Blueprint, render_template, request

from market.audit import services
from market.audit.schemas import AuditQuerySchema
from market.auth.principal import login_required
from market.core.forms import load_or_422
from market.core.i18n import gettext

blueprint = Blueprint("audit", __name__, url_prefix="/audit")


@blueprint.get("/")
def index():
    """The audit log page with filters."""
    principal = login_required()
    filters = load_or_422(AuditQuerySchema(), request.args, gettext("Bộ lọc không hợp lệ."))
    events = services.read_events(principal, filters)
    return render_template("audit/index.html", events=events, filters=request.args)
