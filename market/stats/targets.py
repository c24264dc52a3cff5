"""Targets per commune and scope kind: read with the seeded defaults underneath, set by the commune."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from market.audit import record
from market.auth.permissions import can_manage_commune, ensure
from market.auth.principal import Principal
from market.errors import AppError
from market.extensions import db
from market.places.services import get_commune
from market.stats.models import SCOPE_KINDS, Indicator, Target


@dataclass(frozen=True)
class EffectiveTarget:
    """An indicator with the target that applies to one commune and scope kind (None: no target)."""

    indicator: Indicator
    scope_kind: str
    value: float | None
    is_default: bool


def indicators(day: date | None = None) -> list[Indicator]:
    """The catalogue in report order; only indicators in force on `day` when given."""
    query = select(Indicator).order_by(Indicator.position, Indicator.code)
    if day is not None:
        query = query.where(Indicator.effective_from <= day,
                            or_(Indicator.effective_to.is_(None), Indicator.effective_to >= day))
    return list(db.session.scalars(query))


def _target_rows(commune_code: str, kinds: tuple[str, ...]) -> dict[tuple[str, str], Target]:
    """Defaults first, then the commune's own rows on top of them."""
    query = (select(Target).where(Target.scope_kind.in_(kinds),
                                  or_(Target.commune_code.is_(None), Target.commune_code == commune_code))
             .order_by(Target.commune_code.is_not(None)))
    return {(row.scope_kind, row.indicator_code): row for row in db.session.scalars(query)}


def effective_targets(commune_code: str, kinds: tuple[str, ...] = SCOPE_KINDS,
                      day: date | None = None) -> list[EffectiveTarget]:
    """Every indicator that applies to each kind, with the commune's target or the default."""
    rows = _target_rows(commune_code, kinds)
    found = []
    for kind in kinds:
        for indicator in indicators(day):
            if kind not in indicator.applies_to.split(","):
                continue
            row = rows.get((kind, indicator.code))
            found.append(EffectiveTarget(indicator, kind, row.value if row else None,
                                         row is None or row.commune_code is None))
    return found


def _indicator_for(code: str, kind: str) -> Indicator:
    indicator = db.session.get(Indicator, code)
    if indicator is None:
        raise AppError(404, "not_found", f"Không có chỉ tiêu {code}.")
    if kind not in indicator.applies_to.split(","):
        raise AppError(422, "validation_error", "Chỉ tiêu này không áp dụng cho loại địa bàn đã chọn.",
                       {"scope_kind": [f"Chỉ tiêu áp dụng cho: {indicator.applies_to}"]})
    return indicator


def set_target(principal: Principal, commune_code: str, kind: str, code: str, value: float) -> EffectiveTarget:
    """Set one target of a commune (commune officers of that commune, admins); audited."""
    commune = get_commune(commune_code)
    ensure(principal, can_manage_commune(principal, commune.code))
    if kind not in SCOPE_KINDS:
        raise AppError(404, "not_found", f"Không có loại địa bàn {kind}.")
    indicator = _indicator_for(code, kind)
    current = _target_rows(commune.code, (kind,)).get((kind, code))
    before = {"value": current.value if current else None,
              "default": current is None or current.commune_code is None}
    row = current if current is not None and current.commune_code == commune.code else None
    if row is None:
        row = Target(commune_code=commune.code, scope_kind=kind, indicator_code=code, value=value,
                     set_by=principal.label)
        db.session.add(row)
    row.value, row.set_by = value, principal.label
    db.session.flush()
    record("target.set", "target", row.id, before=before, after={"value": value, "scope_kind": kind,
                                                                 "indicator": code}, commune_code=commune.code)
    return EffectiveTarget(indicator, kind, value, False)


def list_targets(commune_code: str) -> list[EffectiveTarget]:
    """Every target of a commune for every scope kind, 404 for an unknown commune."""
    return effective_targets(get_commune(commune_code).code)


def field_name(kind: str, code: str) -> str:
    """The form input name of one target on the targets page."""
    return f"target__{kind}__{code}"


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
