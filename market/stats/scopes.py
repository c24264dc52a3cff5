"""A statistics scope: one street, market, village or commune, and which merchants it holds."""
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select

from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext
from market.places.models import Commune, Market, Street, Village
from merchants.models import Merchant

SCOPE_PATTERN = re.compile(r"^(?:(street|market|village):([1-9]\d{0,9})|(commune):(\d{5}))$")
MAX_ID = 2**31 - 1
KIND_NAMES = {
    "street": lazy_gettext("Tuyến đường"),
    "market": lazy_gettext("Chợ"),
    "village": lazy_gettext("Thôn"),
    "commune": lazy_gettext("Xã"),
}


@dataclass(frozen=True)
class Scope:
    """A resolved scope with the names the report header needs."""

    kind: str
    ident: str
    name: str
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    village_id: int | None = None
    village_name: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ident}"


def parse_scope(text: str) -> tuple[str, str]:
    """'village:12' → ('village', '12'); raises ValueError on anything else."""
    match = SCOPE_PATTERN.fullmatch(text or "")
    if not match:
        raise ValueError("scope must be street:ID, market:ID, village:ID or commune:CODE")
    kind, ident = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    if kind != "commune" and int(ident) > MAX_ID:
        raise ValueError("id out of range")
    return kind, ident


def _not_found(kind: str, ident: str) -> AppError:
    return AppError(
        404,
        "not_found",
        gettext("Không tìm thấy %(kind)s %(ident)s.", kind=KIND_NAMES[kind].lower(), ident=ident),
    )


def _commune_scope(kind: str, ident: str, name: str, commune: Commune, village: Village | None) -> Scope:
    return Scope(kind=kind, ident=ident, name=name, commune_code=commune.code, commune_name=commune.full_name,
                 province_code=commune.province_code, province_name=commune.province.full_name,
                 village_id=village.id if village else None, village_name=village.name if village else None)


def resolve(kind: str, ident: str) -> Scope:
    """Load the place behind a parsed scope, or 404."""
    if kind == "commune":
        commune = db.session.get(Commune, ident)
        if commune is None:
            raise _not_found(kind, ident)
        return _commune_scope(kind, ident, commune.full_name, commune, None)
    model: Any = {"street": Street, "market": Market, "village": Village}[kind]
    place = db.session.get(model, int(ident))
    if place is None:
        raise _not_found(kind, ident)
    village = place if kind == "village" else place.village
    return _commune_scope(kind, ident, place.name, place.commune, village)


def merchant_filter(kind: str, ident: str) -> ColumnElement[bool]:
    """The SQL condition selecting the merchants of a scope."""
    if kind == "street":
        return Merchant.street_id == int(ident)
    if kind == "market":
        return Merchant.market_id == int(ident)
    if kind == "village":
        return Merchant.village_id == int(ident)
    villages = select(Village.id).where(Village.commune_code == ident).scalar_subquery()
    return Merchant.village_id.in_(villages)
