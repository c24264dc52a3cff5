"""The audit log over the JSON API (read only)."""
from flask_smorest import Blueprint

from market.audit import services
from market.audit.schemas import AuditEventSchema, AuditQuerySchema
from market.auth.principal import current_principal

blueprint = Blueprint("audit_api", __name__, url_prefix="/api/v1", description="Nhật ký thay đổi (chỉ đọc)")


@blueprint.route("/audit-events")
@blueprint.arguments(AuditQuerySchema, location="query")
@blueprint.response(200, AuditEventSchema(many=True))
def audit_events(args):
    """Audit events, newest first: admins see all, commune officers their commune. Page with before_id."""
    return services.read_events(current_principal(), args)
