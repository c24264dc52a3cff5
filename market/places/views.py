"""Pages for places: pick province → commune → village, see and add villages, markets and streets."""
from typing import Any

import marshmallow as ma
from flask import Blueprint, flash, redirect, render_template, request, url_for

from market.auth.permissions import can_manage_commune, can_manage_village
from market.auth.principal import current_principal
from market.core.extensions import db
from market.core.forms import FIX_FIELDS, attempt, form_values, load
from market.core.i18n import gettext
from market.places import services
from market.places.models import VILLAGE_KINDS, Commune
from market.places.schemas import PlaceSchema, VillageSchema

blueprint = Blueprint("places", __name__, url_prefix="/places")


def _selection() -> dict[str, Any]:
    """The province, commune and village chosen in the query string (unknown ones are ignored)."""
    commune = db.session.get(Commune, request.args.get("commune", "")) if request.args.get("commune") else None
    province = commune.province_code if commune else request.args.get("province", "")
    village_id = request.args.get("village", type=int)
    village = services.get_village(village_id) if village_id else None
    if village is not None and (commune is None or village.commune_code != commune.code):
        village = None
    return {"province": province, "commune": commune, "village": village}


@blueprint.get("/")
def index() -> str:
    """The cascading picker and what the chosen commune or village holds."""
    chosen = _selection()
    commune, village = chosen["commune"], chosen["village"]
    principal = current_principal()
    lists: dict[str, Any] = {"villages": [], "markets": [], "streets": []}
    if commune is not None:
        lists["villages"] = services.list_villages(commune.code)
        village_id = village.id if village else None
        lists["markets"] = services.list_places("market", commune.code, village_id)
        lists["streets"] = services.list_places("street", commune.code, village_id)
    return render_template(
        "places/index.html", provinces=services.list_provinces(),
        communes=services.list_communes(chosen["province"]) if chosen["province"] else [],
        kinds=VILLAGE_KINDS, **chosen, **lists,
        may_add_village=commune is not None and can_manage_commune(principal, commune.code),
        may_add_place=commune is not None and not principal.is_public and can_manage_village(
            principal, village.id if village else None, commune.code))


@blueprint.post("/villages")
def create_village() -> Any:
    """Add a village to the chosen commune (commune officers, admins)."""
    return _create(VillageSchema(), lambda data: services.create_village(current_principal(), data),
                   ("name", "kind", "commune_code"))


@blueprint.post("/<any(market, street):kind>s")
def create_place(kind: str) -> Any:
    """Add a market or a street to the chosen village or commune."""
    return _create(PlaceSchema(), lambda data: services.create_place(current_principal(), kind, data),
                   ("name", "commune_code", "village_id"))


def _create(schema: ma.Schema, action: Any, fields: tuple[str, ...]) -> Any:
    values = form_values(request.form, fields)
    back = {"commune": request.form.get("commune_code", ""), "village": request.form.get("village_id", "")}
    _, errors, message = attempt(lambda: action(load(schema, values)))
    if errors is None:
        flash(gettext("Đã thêm “%(values)s”.", values=values.get('name', '')))
    else:
        problems = "; ".join(f"{name}: {', '.join(map(str, texts))}" for name, texts in errors.items())
        flash(
            gettext(
                "Không thêm được: %(message)s",
                message=problems if message == gettext(FIX_FIELDS) else message,
            ),
            "error",
        )
    return redirect(url_for("places.index", **{k: v for k, v in back.items() if v}))
