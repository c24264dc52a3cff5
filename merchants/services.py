"""Use cases for merchants: create, read (public or full), update, change status."""
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from market.auth.permissions import MANAGERS, can_act_for_merchant, can_manage_village, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Market, Street, Village
from merchants.cards.issue import revoke_cards
from merchants.labels import STATUS_VI
from merchants.models import Merchant
from merchants.text import search_text

TRANSITIONS = {
    "pending": {"active", "closed"},
    "active": {"suspended", "closed"},
    "suspended": {"active", "closed"},
    "closed": set(),
}
PUBLIC_FIELDS = ("id", "display_name", "category", "village_id", "market_id", "stall_number", "street_id",
                 "house_number", "status", "is_ocop", "consent_public", "created_at", "updated_at")
PRIVATE_FIELDS = ("owner_name", "phone", "legacy_address", "status_changed_at", "status_changed_by")
# A merchant editing their own record may not move it to another village, market stall or street.
MANAGED_FIELDS = ("village_id", "market_id", "stall_number", "street_id")


def get_merchant(merchant_id: int) -> Merchant:
    """A merchant by id, or 404."""
    merchant = db.session.get(Merchant, merchant_id, options=[joinedload(Merchant.village)])
    if merchant is None:
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy hộ kinh doanh %(merchant_id)s.", merchant_id=merchant_id),
        )
    return merchant


def may_see_private(principal: Principal, merchant: Merchant) -> bool:
    """Managers of the village and the merchant themself see every field."""
    if principal.is_public:
        return False
    return can_act_for_merchant(principal, merchant.id, merchant.village_id, merchant.village.commune_code)


def ensure_manager(principal: Principal, merchant: Merchant) -> None:
    """Only a manager of the merchant's village may do this."""
    ensure(principal, can_manage_village(principal, merchant.village_id, merchant.village.commune_code))


def ensure_actor(principal: Principal, merchant: Merchant) -> None:
    """A manager of the merchant's village or the merchant themself."""
    ensure(principal, may_see_private(principal, merchant))


def merchant_for_actor(principal: Principal, merchant_id: int) -> Merchant:
    """The merchant, if `principal` may act for it (its managers or the merchant itself); 404/403 otherwise."""
    merchant = get_merchant(merchant_id)
    ensure_actor(principal, merchant)
    return merchant


def has_qr(merchant_id: int) -> bool:
    """True when the merchant has a confirmed (active) payment account."""
    return bool(db.session.scalar(select(Merchant.has_active_account).where(Merchant.id == merchant_id)))


def present(merchant: Merchant, full: bool, qr: bool | None = None) -> dict[str, Any]:
    """The merchant as the caller may see it (public fields only unless `full`)."""
    data = {name: getattr(merchant, name) for name in PUBLIC_FIELDS}
    data.update(village_name=merchant.village.name, commune_code=merchant.village.commune_code,
                market_name=merchant.market.name if merchant.market else None,
                street_name=merchant.street.name if merchant.street else None,
                has_qr=has_qr(merchant.id) if qr is None else qr)
    if full:
        data.update({name: getattr(merchant, name) for name in PRIVATE_FIELDS})
    elif merchant.consent_public:
        data["owner_name"] = merchant.owner_name
    return data


def read_merchant(principal: Principal, merchant_id: int) -> dict[str, Any]:
    """One merchant: everything for those allowed, public fields of active merchants for the rest."""
    merchant = get_merchant(merchant_id)
    full = may_see_private(principal, merchant)
    if not full and merchant.status != "active":
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy hộ kinh doanh %(merchant_id)s.", merchant_id=merchant_id),
        )
    return present(merchant, full)


def _check_places(principal: Principal, values: dict[str, Any], village: Village, ignore_id: int | None,
                  moved: tuple[str, ...] = ("market_id", "street_id")) -> None:
    """Market and street must be in the village's commune, and a place the caller reaches when it changes
    (the merchant's village, the commune's own, or a village they manage); a stall number is unique."""
    for field, model, label in (("market_id", Market, gettext("Chợ")), ("street_id", Street, gettext("Tuyến đường"))):
        place_id = values.get(field)
        if place_id is None:
            continue
        place = db.session.get(model, place_id)
        if place is None or place.commune_code != village.commune_code:
            raise invalid(field, gettext("%(label)s không có trong xã của thôn đã chọn.", label=label))
        if field in moved and place.village_id not in (None, village.id):
            ensure(principal, can_manage_village(principal, place.village_id, place.commune_code))
    if values.get("stall_number") and not values.get("market_id"):
        raise invalid("stall_number", gettext("Số sạp cần đi kèm chợ."))
    if values.get("market_id") and values.get("stall_number"):
        clash = db.session.scalar(select(Merchant).where(
            Merchant.market_id == values["market_id"], Merchant.stall_number == values["stall_number"]))
        if clash is not None and clash.id != ignore_id:
            raise invalid(
                "stall_number",
                gettext(
                    "Sạp %(stall_number)s đã thuộc về “%(display_name)s”.",
                    stall_number=values["stall_number"],
                    display_name=clash.display_name,
                ),
                409,
                "duplicate",
            )


def _village(village_id: int) -> Village:
    village = db.session.get(Village, village_id)
    if village is None:
        raise invalid(
            "village_id",
            gettext("Không tìm thấy thôn %(village_id)s.", village_id=village_id),
            404,
            "not_found",
        )
    return village


def create_merchant(principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    """Register a merchant in a village (managers of that village); it starts as pending."""
    village = _village(data["village_id"])
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    _check_places(principal, data, village, None)
    merchant = Merchant(**data, status="pending",
                        search_text=search_text(data["display_name"], data["owner_name"]))
    db.session.add(merchant)
    db.session.flush()
    record(principal, "merchant.create", "merchant", merchant.id, after=_snapshot(merchant),
           commune_code=village.commune_code)
    return present(merchant, True, qr=False)


def _snapshot(merchant: Merchant) -> dict[str, Any]:
    fields = PUBLIC_FIELDS[1:-2] + PRIVATE_FIELDS[:3]
    return {name: getattr(merchant, name) for name in fields}


def update_merchant(principal: Principal, merchant_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change a merchant's fields (managers; the merchant for their own non-placement fields)."""
    merchant = merchant_for_actor(principal, merchant_id)
    if principal.role not in MANAGERS:
        moved = [name for name in MANAGED_FIELDS if name in data and data[name] != getattr(merchant, name)]
        if moved:
            raise AppError(
                403,
                "forbidden",
                gettext("Chỉ trưởng thôn hoặc cán bộ xã được đổi thôn, chợ, sạp, tuyến đường."),
                {name: [gettext("Không được đổi.")] for name in moved},
            )
    village = _village(data.get("village_id", merchant.village_id))
    ensure(principal, principal.role == "merchant" or
           can_manage_village(principal, village.id, village.commune_code))
    values = {name: data.get(name, getattr(merchant, name)) for name in ("market_id", "stall_number", "street_id")}
    moved = tuple(name for name in ("market_id", "street_id") if values[name] != getattr(merchant, name))
    _check_places(principal, values, village, merchant.id, moved)
    before = _snapshot(merchant)
    for key, value in data.items():
        setattr(merchant, key, value)
    merchant.search_text = search_text(merchant.display_name, merchant.owner_name)
    db.session.flush()
    record(principal, "merchant.update", "merchant", merchant.id, before=before, after=_snapshot(merchant),
           commune_code=village.commune_code)
    return present(merchant, True)


def change_status(principal: Principal, merchant_id: int, status: str, reason: str) -> dict[str, Any]:
    """Move a merchant along pending → active → suspended/closed; suspending or closing revokes cards."""
    merchant = get_merchant(merchant_id)
    ensure_manager(principal, merchant)
    if status not in TRANSITIONS[merchant.status]:
        raise invalid("status", gettext("Không thể chuyển từ “%(current)s” sang “%(wanted)s”.",
                                        current=STATUS_VI.get(merchant.status, merchant.status),
                                        wanted=STATUS_VI.get(status, status)), 409, "bad_transition")
    before = {"status": merchant.status}
    merchant.status, merchant.status_changed_at = status, utcnow()
    merchant.status_changed_by = principal.label
    if status in ("suspended", "closed"):
        revoke_cards(principal, reason=f"merchant {status}", merchant_id=merchant.id)
    record(principal, f"merchant.{status}", "merchant", merchant.id, before=before,
           after={"status": status, "reason": reason}, commune_code=merchant.village.commune_code)
    return present(merchant, True)


def manageable_villages(principal: Principal) -> list[Village]:
    """Villages the caller manages (for the pickers of the forms)."""
    query = select(Village).order_by(Village.name)
    if principal.role == "village_head":
        query = query.where(Village.id == principal.village_id)
    elif principal.role == "commune":
        query = query.where(Village.commune_code == principal.commune_code)
    elif principal.role != "admin":
        return []
    return list(db.session.scalars(query.limit(500)))
