"""Reading the audit log: a JSON API and a page, for admins and commune officers (read only)."""
import marshmallow as ma
from flask import Blueprint as PageBlueprint
from flask import render_template, request
from flask_login import login_required
from flask_smorest import Blueprint
from marshmallow import validate

from market import audit
from market.auth.principal import current_principal
from market.errors import AppError


class AuditEventSchema(ma.Schema):
    id = ma.fields.Integer()
    at = ma.fields.DateTime()
    actor = ma.fields.String()
    role = ma.fields.String()
    ip = ma.fields.String(allow_none=True)
    action = ma.fields.String()
    entity = ma.fields.String()
    entity_id = ma.fields.String()
    commune_code = ma.fields.String(allow_none=True)
    before = ma.fields.Dict(allow_none=True)
    after = ma.fields.Dict(allow_none=True)


class AuditQuerySchema(ma.Schema):
    action = ma.fields.String(validate=validate.Length(max=60))
    entity = ma.fields.String(validate=validate.Length(max=40))
    entity_id = ma.fields.String(validate=validate.Length(max=40))
    actor = ma.fields.String(validate=validate.Length(max=120))
    commune = ma.fields.String(validate=validate.Regexp(r"^\d{5}$"))
    since = ma.fields.DateTime(metadata={"description": "Từ thời điểm (ISO 8601, kèm múi giờ)"})
    until = ma.fields.DateTime(metadata={"description": "Trước thời điểm (ISO 8601, kèm múi giờ)"})
    before_id = ma.fields.Integer(validate=validate.Range(min=1), metadata={"description": "Trang tiếp: id nhỏ hơn"})
    limit = ma.fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))

    @ma.validates("since")
    def _since_aware(self, value, **_kwargs) -> None:
        _require_timezone(value)

    @ma.validates("until")
    def _until_aware(self, value, **_kwargs) -> None:
        _require_timezone(value)


def _require_timezone(value) -> None:
    if value.tzinfo is None:
        raise ma.ValidationError("Cần múi giờ, ví dụ 2025-07-01T00:00:00+07:00.")


blueprint = Blueprint("audit_api", __name__, url_prefix="/api/v1", description="Nhật ký thay đổi (chỉ đọc)")
pages = PageBlueprint("audit", __name__, url_prefix="/audit")


@blueprint.route("/audit-events")
@blueprint.arguments(AuditQuerySchema, location="query")
@blueprint.response(200, AuditEventSchema(many=True))
def audit_events(args):
    """Audit events, newest first: admins see all, commune officers their commune. Page with before_id."""
    return audit.read_events(current_principal(), args)


@pages.get("/")
@login_required
def index():
    """The audit log page with filters."""
    try:
        filters = AuditQuerySchema().load(request.args)
    except ma.ValidationError as invalid:
        raise AppError(422, "validation_error", "Bộ lọc không hợp lệ.", invalid.normalized_messages()) from None
    events = audit.read_events(current_principal(), filters)
    return render_template("audit/index.html", events=events, filters=request.args)
