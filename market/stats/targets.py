"""Targets per commune and scope kind: read with the seeded defaults underneath, set by the commune."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from market.auth.permissions import can_manage_commune, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.services import get_commune
from market.stats.models import SCOPE_KINDS, Indicator, Target


@dataclass(frozen=True)
class EffectiveTarget:
    """An indicator with the target that applies to one commune and scope kind (None: no target)."""

    indicator: Indicator
    scope_kind: str
    value: float | None
    is_default: bool
    default_value: float | None = None


def indicators(day: date | None = None) -> list[Indicator]:
    """The catalogue in report order; only indicators in force on `day` when given."""
    query = select(Indicator).order_by(Indicator.position, Indicator.code)
    if day is not None:
        query = query.where(Indicator.effective_from <= day,
                            or_(Indicator.effective_to.is_(None), Indicator.effective_to >= day))
    return list(db.session.scalars(query))


def _target_rows(commune_code: str, kinds: tuple[str, ...]) -> list[Target]:
    """Defaults first, then the commune's own rows."""
    query = (select(Target).where(Target.scope_kind.in_(kinds),
                                  or_(Target.commune_code.is_(None), Target.commune_code == commune_code))
             .order_by(Target.commune_code.is_not(None)))
    return list(db.session.scalars(query))


def effective_targets(commune_code: str, kinds: tuple[str, ...] = SCOPE_KINDS,
                      day: date | None = None) -> list[EffectiveTarget]:
    """Every indicator that applies to each kind, with the commune's target or the default."""
    rows = _target_rows(commune_code, kinds)
    defaults = {(row.scope_kind, row.indicator_code): row.value for row in rows if row.commune_code is None}
    own = {(row.scope_kind, row.indicator_code): row.value for row in rows if row.commune_code is not None}
    found = []
    for kind in kinds:
        for indicator in indicators(day):
            if kind not in indicator.applies_to.split(","):
                continue
            key = (kind, indicator.code)
            default = defaults.get(key)
            found.append(EffectiveTarget(indicator, kind, own.get(key, default), key not in own, default))
    return found


def _indicator_for(code: str, kind: str) -> Indicator:
    if kind not in SCOPE_KINDS:
        message = gettext("Không có loại địa bàn %(kind)s.", kind=kind)
        raise AppError(404, "not_found", message, {"scope_kind": [message]})
    indicator = db.session.get(Indicator, code)
    if indicator is None:
        message = gettext("Không có chỉ tiêu %(code)s.", code=code)
        raise AppError(404, "not_found", message, {"indicator": [message]})
    if kind not in indicator.applies_to.split(","):
        raise AppError(
            422,
            "validation_error",
            gettext("Chỉ tiêu này không áp dụng cho loại địa bàn đã chọn."),
            {
                "scope_kind": [
                    gettext("Chỉ tiêu áp dụng cho: %(applies_to)s", applies_to=indicator.applies_to)
                ]
            },
        )
    return indicator


def set_target(principal: Principal, commune_code: str, kind: str, code: str, value: float) -> EffectiveTarget:
    """Set one target of a commune (commune officers of that commune, admins); audited."""
    commune = get_commune(commune_code)
    ensure(principal, can_manage_commune(principal, commune.code))
    indicator = _indicator_for(code, kind)
    row, default = _own_row(commune.code, kind, code), _default_value(kind, code)
    before = {"value": row.value if row else default, "default": row is None}
    if row is None:
        row = Target(commune_code=commune.code, scope_kind=kind, indicator_code=code, value=value,
                     set_by=principal.label)
        db.session.add(row)
    row.value, row.set_by = value, principal.label
    db.session.flush()
    record(principal, "target.set", "target", row.id, before=before,
           after={"value": value, "scope_kind": kind, "indicator": code}, commune_code=commune.code)
    return EffectiveTarget(indicator, kind, value, False, default)


def reset_target(principal: Principal, commune_code: str, kind: str, code: str) -> EffectiveTarget:
    """Remove a commune's own target so the default applies again (who may set it); audited."""
    commune = get_commune(commune_code)
    ensure(principal, can_manage_commune(principal, commune.code))
    indicator = _indicator_for(code, kind)
    row, default = _own_row(commune.code, kind, code), _default_value(kind, code)
    if row is None:
        raise AppError(404, "no_own_target", gettext("Xã chưa đặt mục tiêu riêng cho chỉ tiêu này; "
                       "đang dùng mục tiêu mặc định."))
    record(principal, "target.reset", "target", row.id, before={"value": row.value, "default": False},
           after={"value": default, "default": True, "scope_kind": kind, "indicator": code},
           commune_code=commune.code)
    db.session.delete(row)
    db.session.flush()
    return EffectiveTarget(indicator, kind, default, True, default)


def _own_row(commune_code: str, kind: str, code: str) -> Target | None:
    return db.session.scalar(select(Target).where(
        Target.commune_code == commune_code, Target.scope_kind == kind, Target.indicator_code == code))


def _default_value(kind: str, code: str) -> float | None:
    return db.session.scalar(select(Target.value).where(
        Target.commune_code.is_(None), Target.scope_kind == kind, Target.indicator_code == code))


def list_targets(commune_code: str) -> list[EffectiveTarget]:
    """Every target of a commune for every scope kind, 404 for an unknown commune."""
    return effective_targets(get_commune(commune_code).code)


def field_name(kind: str, code: str) -> str:
    """The form input name of one target on the targets page."""
    return f"target__{kind}__{code}"


def reset_field(principal: Principal, commune_code: str, name: str) -> EffectiveTarget:
    """Reset the target behind one input of the targets page (see `field_name`)."""
    ensure(principal, can_manage_commune(principal, get_commune(commune_code).code))
    for item in list_targets(commune_code):
        if field_name(item.scope_kind, item.indicator.code) == name:
            return reset_target(principal, commune_code, item.scope_kind, item.indicator.code)
    message = gettext("Chọn một chỉ tiêu trong bảng.")
    raise AppError(422, "validation_error", message, {"target": [message]})


def save_form(principal: Principal, commune_code: str, values: dict[str, float]) -> int:
    """Apply the changed targets of the targets page; returns how many changed."""
    current = {field_name(t.scope_kind, t.indicator.code): t for t in list_targets(commune_code)}
    ensure(principal, can_manage_commune(principal, commune_code))
    changed = 0
    for name, value in values.items():
        item = current.get(name)
        if item is not None and item.value != value:
            set_target(principal, commune_code, item.scope_kind, item.indicator.code, value)
            changed += 1
    return changed
