"""Use cases for accounts: create (with a one-time link), change role/scope, list, re-issue links."""
from datetime import datetime
from typing import Any

from sqlalchemy import select

from market.auth.credentials import new_setup_token, setup_link
from market.auth.models import ROLES, User
from market.auth.permissions import ASSIGNABLE_ROLES, can_manage_user, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Commune, Village
from merchants.models import Merchant

SCOPE_FIELDS = ("role", "commune_code", "village_id", "merchant_id")


def _merchant_scope(merchant_id: int | None) -> dict[str, Any]:
    if not merchant_id:
        raise invalid("merchant_id", gettext("Tài khoản tiểu thương cần chọn hộ kinh doanh."))
    merchant = db.session.get(Merchant, merchant_id)
    if merchant is None:
        raise invalid(
            "merchant_id", gettext("Không có hộ kinh doanh %(merchant_id)s.", merchant_id=merchant_id)
        )
    return {"merchant_id": merchant.id, "village_id": merchant.village_id,
            "commune_code": merchant.village.commune_code}


def _village_scope(village_id: int | None) -> dict[str, Any]:
    village = db.session.get(Village, village_id) if village_id else None
    if village is None:
        raise invalid("village_id", gettext("Trưởng thôn cần chọn một thôn có trong danh sách."))
    return {"merchant_id": None, "village_id": village.id, "commune_code": village.commune_code}


def _commune_scope(commune_code: str | None) -> dict[str, Any]:
    if not commune_code or db.session.get(Commune, commune_code) is None:
        raise invalid("commune_code", gettext("Cán bộ xã cần mã xã có trong danh mục."))
    return {"merchant_id": None, "village_id": None, "commune_code": commune_code}


def resolve_scope(role: str, data: dict[str, Any]) -> dict[str, Any]:
    """The role with the scope it implies: a merchant's village and commune come from the register."""
    if role == "merchant":
        scope = _merchant_scope(data.get("merchant_id"))
    elif role == "village_head":
        scope = _village_scope(data.get("village_id"))
    elif role == "commune":
        scope = _commune_scope(data.get("commune_code"))
    else:
        scope = {"merchant_id": None, "village_id": None, "commune_code": None}
    return {"role": role, **scope}


def _refuse_taken(username: str | None = None, merchant_id: int | None = None, ignore: int | None = None) -> None:
    if username and db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AppError(
            409,
            "duplicate",
            gettext("Tên đăng nhập đã có người dùng."),
            {"username": [gettext("Đã tồn tại.")]},
        )
    if merchant_id:
        owner = db.session.scalar(select(User.id).where(User.merchant_id == merchant_id))
        if owner is not None and owner != ignore:
            raise AppError(409, "duplicate", gettext("Hộ kinh doanh này đã có tài khoản."),
                           {"merchant_id": [gettext("Đã có tài khoản.")]})


def create_user(principal: Principal, data: dict[str, Any]) -> tuple[User, str, datetime]:
    """Create an account without a password; return it with its one-time set-password link."""
    scope = resolve_scope(data["role"], data)
    ensure(principal, can_manage_user(principal, scope["role"], scope["village_id"], scope["commune_code"]))
    username = data["username"].lower()
    _refuse_taken(username, scope["merchant_id"])
    user = User(username=username, display_name=data["display_name"], **scope)
    db.session.add(user)
    token, expires = new_setup_token(user)
    db.session.flush()
    record(principal, "user.create", "user", user.id, after={"username": username, **scope},
           commune_code=scope["commune_code"])
    return user, setup_link(token), expires


def get_user(principal: Principal, user_id: int) -> User:
    """An account `principal` may manage, or 404/403."""
    user = db.session.get(User, user_id)
    if user is None:
        raise AppError(404, "not_found", gettext("Không tìm thấy tài khoản %(user_id)s.", user_id=user_id))
    ensure(principal, can_manage_user(principal, user.role, user.village_id, user.commune_code))
    return user


def _state(user: User) -> dict[str, Any]:
    return {**{name: getattr(user, name) for name in SCOPE_FIELDS}, "active": user.active}


def update_user(principal: Principal, user_id: int, data: dict[str, Any]) -> User:
    """Rename, (de)activate, or change the role/scope of an account; role changes are audited."""
    user = get_user(principal, user_id)
    before = _state(user)
    if any(name in data for name in SCOPE_FIELDS):
        scope = resolve_scope(data.get("role", user.role), {**before, **data})
        ensure(principal, can_manage_user(principal, scope["role"], scope["village_id"], scope["commune_code"]))
        _refuse_taken(merchant_id=scope["merchant_id"], ignore=user.id)
        for name, value in scope.items():
            setattr(user, name, value)
    if "active" in data:
        user.active = data["active"]
    if "display_name" in data:
        user.display_name = data["display_name"]
    after = _state(user)
    if after != before:  # a new role or a disabled account must not keep its open sessions
        user.session_version += 1
        record(principal, "user.role_change", "user", user.id, before=before, after=after,
               commune_code=user.commune_code)
    return user


def reissue_setup_link(principal: Principal, user_id: int) -> tuple[User, str, datetime]:
    """A new one-time link (forgotten password or lost link); the old one stops working."""
    user = get_user(principal, user_id)
    token, expires = new_setup_token(user)
    record(principal, "user.setup_link", "user", user.id, commune_code=user.commune_code,
           after={"expires_at": expires.isoformat()})
    return user, setup_link(token), expires


def list_users(principal: Principal, filters: dict[str, Any]) -> list[User]:
    """The accounts `principal` manages, optionally by role or village."""
    roles = ASSIGNABLE_ROLES.get(principal.role)
    ensure(principal, roles is not None)
    query = select(User).where(User.role.in_(roles)).order_by(User.username)
    if principal.role == "commune":
        query = query.where(User.commune_code == principal.commune_code)
    elif principal.role == "village_head":
        query = query.where(User.village_id == principal.village_id)
    if filters.get("role"):
        query = query.where(User.role == filters["role"])
    if filters.get("village"):
        query = query.where(User.village_id == filters["village"])
    return list(db.session.scalars(query))


def merchants_without_account(principal: Principal, limit: int = 500) -> list[Merchant]:
    """Merchants in `principal`'s scope that have no login yet (for the create form)."""
    taken = select(User.merchant_id).where(User.merchant_id.is_not(None))
    query = select(Merchant).where(Merchant.id.not_in(taken)).order_by(Merchant.display_name).limit(limit)
    if principal.role == "village_head":
        query = query.where(Merchant.village_id == principal.village_id)
    elif principal.role == "commune":
        query = query.join(Village).where(Village.commune_code == principal.commune_code)
    return list(db.session.scalars(query))


def assignable_roles(principal: Principal) -> tuple[str, ...]:
    """Roles `principal` may give out, in ROLES order."""
    allowed = ASSIGNABLE_ROLES.get(principal.role, ())
    return tuple(role for role in ROLES if role in allowed)
