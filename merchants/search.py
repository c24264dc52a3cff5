"""Searching the register: accent-insensitive text, filters, sorting, pagination, caller's scope."""
import math
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from market.auth.permissions import MANAGERS
from market.auth.principal import Principal
from market.core.extensions import db
from market.places.models import Village
from merchants.models import Merchant
from merchants.services import present
from merchants.text import search_key

ORDER = {
    "name": (Merchant.display_name, Merchant.id),
    "-name": (Merchant.display_name.desc(), Merchant.id.desc()),
    "created": (Merchant.created_at, Merchant.id),
    "-created": (Merchant.created_at.desc(), Merchant.id.desc()),
    "stall": (Merchant.market_id, Merchant.stall_number, Merchant.id),
    "-stall": (Merchant.market_id.desc(), Merchant.stall_number.desc(), Merchant.id.desc()),
    "status": (Merchant.status, Merchant.display_name, Merchant.id),
}


def is_manager(principal: Principal) -> bool:
    """Managers see every field and status of the merchants in their scope."""
    return principal.role in MANAGERS


def _scoped(query: Select[Any], principal: Principal) -> Select[Any]:
    if principal.role == "admin":
        return query
    if principal.role == "commune":
        return query.where(Village.commune_code == principal.commune_code)
    if principal.role == "village_head":
        return query.where(Merchant.village_id == principal.village_id)
    return query.where(Merchant.status == "active")


def _text(query: Select[Any], q: str, full: bool) -> Select[Any]:
    needle = search_key(q)
    if not needle:
        return query
    # Public searches match only the public name, the part before the " | " separator.
    pattern = f"%{needle}%" if full else f"%{needle}%|%"
    return query.where(Merchant.search_text.like(pattern))


def filtered(principal: Principal, args: dict[str, Any]) -> Select[Any]:
    """The merchants the caller may list, filtered as asked (not yet sorted or paged)."""
    query = _scoped(select(Merchant).join(Village, Merchant.village_id == Village.id), principal)
    for key, column in (("commune", Village.commune_code), ("village", Merchant.village_id),
                        ("market", Merchant.market_id), ("street", Merchant.street_id),
                        ("status", Merchant.status), ("ocop", Merchant.is_ocop)):
        if args.get(key) is not None:
            query = query.where(column == args[key])
    if args.get("has_qr") is not None:
        query = query.where(Merchant.has_active_account if args["has_qr"] else ~Merchant.has_active_account)
    if args.get("q"):
        query = _text(query, args["q"], is_manager(principal))
    return query


def sorted_query(query: Select[Any], sort: str) -> Select[Any]:
    """Apply one of the documented sort keys."""
    return query.order_by(*ORDER[sort])


def list_merchants(principal: Principal, args: dict[str, Any]) -> dict[str, Any]:
    """One page of the register with its total, as the caller may see it."""
    query = filtered(principal, args)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page, per_page = args.get("page", 1), args.get("per_page", 20)
    rows = list(db.session.scalars(sorted_query(query, args.get("sort", "name"))
                                   .options(selectinload(Merchant.village), selectinload(Merchant.market),
                                            selectinload(Merchant.street))
                                   .limit(per_page).offset((page - 1) * per_page)))
    with_qr = _with_qr([row.id for row in rows])
    full = is_manager(principal)
    items = [present(row, full, qr=row.id in with_qr) for row in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page))}


def _with_qr(ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(db.session.scalars(select(Merchant.id).where(Merchant.id.in_(ids),
                                                            Merchant.has_active_account)))
