"""Every scope rule of the app, in one place: which role may change what."""
from collections.abc import Callable
from typing import Any, TypeVar

from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.i18n import gettext, lazy_gettext

F = TypeVar("F", bound=Callable[..., Any])

MANAGERS = ("admin", "commune", "village_head")


def forbidden(message: str = lazy_gettext("Bạn không có quyền thực hiện thao tác này.")) -> AppError:
    """The 403 every scope check raises."""
    return AppError(403, "forbidden", message)


def require_role(principal: Principal, *roles: str) -> Principal:
    """401 for the public, 403 for a role outside `roles`."""
    if principal.is_public:
        raise AppError(401, "unauthorized", gettext("Cần đăng nhập hoặc mã truy cập (Bearer token)."))
    if principal.role not in roles:
        raise forbidden()
    return principal


def can_manage_commune(principal: Principal, commune_code: str) -> bool:
    """Admins everywhere; commune officers in their own commune."""
    if principal.role == "admin":
        return True
    return principal.role == "commune" and principal.commune_code == commune_code


def can_manage_village(principal: Principal, village_id: int | None, commune_code: str) -> bool:
    """Commune-level managers, or the head of that very village."""
    if can_manage_commune(principal, commune_code):
        return True
    return principal.role == "village_head" and village_id is not None and principal.village_id == village_id


def can_act_for_merchant(principal: Principal, merchant_id: int, village_id: int | None,
                         commune_code: str) -> bool:
    """Managers of the merchant's village, or the merchant themself."""
    if principal.role == "merchant":
        return principal.merchant_id == merchant_id
    return can_manage_village(principal, village_id, commune_code)


def can_watch_credits(principal: Principal, merchant_id: int) -> bool:
    """The merchant's live credits: the merchant themself and the helpers they named ("xem tiền về")."""
    return principal.role in ("merchant", "money_viewer") and principal.merchant_id == merchant_id


def ensure(principal: Principal, allowed: bool) -> None:
    """401 for the public, the standard 403 unless `allowed`."""
    if principal.is_public:
        raise AppError(401, "unauthorized", gettext("Cần đăng nhập hoặc mã truy cập (Bearer token)."))
    if not allowed:
        raise forbidden()


# Which roles each manager may give out: nobody below admin creates a peer or a superior.
ASSIGNABLE_ROLES: dict[str, tuple[str, ...]] = {
    "admin": ("admin", "commune", "village_head", "merchant"),
    "commune": ("village_head", "merchant"),
    "village_head": ("merchant",),
}


def can_manage_user(principal: Principal, role: str, village_id: int | None, commune_code: str | None) -> bool:
    """May `principal` create or change an account with this role and scope?"""
    if role not in ASSIGNABLE_ROLES.get(principal.role, ()):
        return False
    if principal.role == "admin":
        return True
    if principal.role == "commune":
        return commune_code is not None and commune_code == principal.commune_code
    return village_id is not None and village_id == principal.village_id


def can_manage_tokens(principal: Principal) -> bool:
    """Only admins issue, list and revoke API tokens."""
    return principal.role == "admin"


def can_read_audit(principal: Principal, commune_code: str | None) -> bool:
    """Admins read the whole log; commune officers the events of their own commune."""
    if principal.role == "admin":
        return True
    return principal.role == "commune" and commune_code in (None, principal.commune_code)


def can_read_books(principal: Principal, merchant_id: int) -> bool:
    """A merchant's books (revenue, history): the merchant themself, or an admin (audited). Village heads and
    commune officers see aggregates only, never one merchant's revenue."""
    if principal.role == "merchant":
        return principal.merchant_id == merchant_id
    return principal.role == "admin"
