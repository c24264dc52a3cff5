"""Use cases for places: read the official lists, create and rename villages, markets, streets."""
from typing import Any

from sqlalchemy import select

from market.auth.permissions import can_manage_commune, can_manage_village, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Commune, Market, Province, Street, Village
from vietqr.text import fold

PLACE_MODELS: dict[str, type[Market] | type[Street]] = {"market": Market, "street": Street}


def not_found(what: str, ident: object) -> AppError:
    """The 404 raised when a referenced place does not exist."""
    return AppError(404, "not_found", gettext("Không tìm thấy %(what)s %(ident)s.", what=what, ident=ident))


def list_provinces() -> list[Province]:
    """All 34 provinces by code."""
    return list(db.session.scalars(select(Province).order_by(Province.code)))


def list_communes(province: str | None = None, q: str | None = None) -> list[Commune]:
    """Communes, optionally of one province and matching a name without regard to accents."""
    query = select(Commune).order_by(Commune.code)
    if province:
        query = query.where(Commune.province_code == province)
    communes = list(db.session.scalars(query))
    if q:
        needle = fold(q).lower()
        communes = [c for c in communes if needle in fold(c.full_name).lower()]
    return communes


def get_commune(code: str) -> Commune:
    """A commune by its 5-digit code, or 404."""
    commune = db.session.get(Commune, code)
    if commune is None:
        raise not_found(gettext("xã/phường"), code)
    return commune


def get_village(village_id: int) -> Village:
    """A village by id, or 404."""
    village = db.session.get(Village, village_id)
    if village is None:
        raise not_found(gettext("thôn"), village_id)
    return village


def list_villages(commune: str | None = None) -> list[Village]:
    """Villages, optionally of one commune."""
    query = select(Village).order_by(Village.commune_code, Village.name)
    if commune:
        query = query.where(Village.commune_code == commune)
    return list(db.session.scalars(query))


def _refuse_duplicate(model: type, commune_code: str, name: str, ignore_id: int | None = None) -> None:
    clash = db.session.scalar(select(model).where(model.commune_code == commune_code, model.name == name))
    if clash is not None and clash.id != ignore_id:
        raise AppError(
            409,
            "duplicate",
            gettext("Tên '%(name)s' đã có trong xã này.", name=name),
            {"name": [gettext("Tên đã tồn tại.")]},
        )


def create_village(principal: Principal, data: dict[str, Any]) -> Village:
    """Add a village under a commune (commune officers and admins)."""
    commune = get_commune(data["commune_code"])
    ensure(principal, can_manage_commune(principal, commune.code))
    _refuse_duplicate(Village, commune.code, data["name"])
    village = Village(name=data["name"], kind=data.get("kind", "thôn"), commune_code=commune.code)
    db.session.add(village)
    db.session.flush()
    record(principal, "village.create", "village", village.id, after=data, commune_code=commune.code)
    return village


def update_village(principal: Principal, village_id: int, data: dict[str, Any]) -> Village:
    """Rename a village or change its kind."""
    village = get_village(village_id)
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    if "name" in data:
        _refuse_duplicate(Village, village.commune_code, data["name"], village.id)
    before = {"name": village.name, "kind": village.kind}
    for key, value in data.items():
        setattr(village, key, value)
    record(principal, "village.update", "village", village.id, before=before, after=data,
           commune_code=village.commune_code)
    return village


def list_places(kind: str, commune: str | None = None, village: int | None = None) -> list[Any]:
    """Markets or streets, filtered by commune or village."""
    model = PLACE_MODELS[kind]
    query = select(model).order_by(model.commune_code, model.name)
    if commune:
        query = query.where(model.commune_code == commune)
    if village:
        query = query.where(model.village_id == village)
    return list(db.session.scalars(query))


def get_place(kind: str, place_id: int) -> Any:
    """A market or street by id, or 404."""
    place = db.session.get(PLACE_MODELS[kind], place_id)
    if place is None:
        raise not_found(gettext("chợ") if kind == "market" else gettext("tuyến đường"), place_id)
    return place


def _place_commune(data: dict[str, Any]) -> str:
    """A place under a village inherits its commune; without one, the commune is required."""
    if data.get("village_id"):
        village = get_village(data["village_id"])
        if data.get("commune_code") and data["commune_code"] != village.commune_code:
            raise AppError(422, "validation_error", gettext("Thôn không thuộc xã đã chọn."),
                           {"village_id": [gettext("Thôn không thuộc xã đã chọn.")]})
        return village.commune_code
    if not data.get("commune_code"):
        raise AppError(422, "validation_error", gettext("Cần chọn xã hoặc thôn."),
                       {"commune_code": [gettext("Bắt buộc khi không chọn thôn.")]})
    return get_commune(data["commune_code"]).code


def create_place(principal: Principal, kind: str, data: dict[str, Any]) -> Any:
    """Add a market or a street under a village or directly under a commune."""
    commune_code = _place_commune(data)
    ensure(principal, can_manage_village(principal, data.get("village_id"), commune_code))
    model = PLACE_MODELS[kind]
    _refuse_duplicate(model, commune_code, data["name"])
    place = model(name=data["name"], commune_code=commune_code, village_id=data.get("village_id"))
    db.session.add(place)
    db.session.flush()
    record(principal, f"{kind}.create", kind, place.id, after=data, commune_code=commune_code)
    return place


def update_place(principal: Principal, kind: str, place_id: int, data: dict[str, Any]) -> Any:
    """Rename a market or street, or move it to another village of the same commune."""
    place = get_place(kind, place_id)
    ensure(principal, can_manage_village(principal, place.village_id, place.commune_code))
    if "village_id" in data:  # a move: the caller must reach the place it goes to as well
        if data["village_id"]:
            _place_commune({"village_id": data["village_id"], "commune_code": place.commune_code})
        ensure(principal, can_manage_village(principal, data["village_id"], place.commune_code))
    if "name" in data:
        _refuse_duplicate(PLACE_MODELS[kind], place.commune_code, data["name"], place.id)
    before = {"name": place.name, "village_id": place.village_id}
    for key, value in data.items():
        setattr(place, key, value)
    record(principal, f"{kind}.update", kind, place.id, before=before, after=data,
           commune_code=place.commune_code)
    return place
