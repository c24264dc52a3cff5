"""Shapes of audit events and of the log's filters."""
import marshmallow as ma
from marshmallow import validate
from market.core.i18n import gettext


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
        raise ma.ValidationError(gettext("Cần múi giờ, ví dụ 2025-07-01T00:00:00+07:00."))
