"""API tokens: issue (shown once, stored hashed), list and revoke."""
from typing import Any

from sqlalchemy import select

from market.auth.models import ROLES, ApiToken
from market.auth.permissions import can_manage_tokens, ensure
from market.auth.principal import SYSTEM, Principal, hash_token, new_token
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.users.services import resolve_scope


def issue_token(role: str, name: str, *, actor: Principal = SYSTEM, commune_code: str | None = None,
                village_id: int | None = None, merchant_id: int | None = None) -> tuple[ApiToken, str]:
    """Create a token row and return it with the plain token, which is never stored."""
    if role not in ROLES:
        raise AppError(
            422,
            "validation_error",
            gettext("Vai trò không hợp lệ: %(role)s", role=role),
            {"role": [gettext("Một trong %(ROLES)s", ROLES=ROLES)]},
        )
    plain = new_token()
    token = ApiToken(name=name, role=role, prefix=plain[:12], token_hash=hash_token(plain),
                     commune_code=commune_code, village_id=village_id, merchant_id=merchant_id)
    db.session.add(token)
    db.session.flush()
    record(actor, "token.issue", "api_token", token.id, commune_code=commune_code,
           after={"name": name, "role": role, "village_id": village_id, "merchant_id": merchant_id})
    return token, plain


def create_token(principal: Principal, data: dict[str, Any]) -> tuple[ApiToken, str]:
    """Issue a token for a role and the scope it implies (admins only); the plain token is shown once."""
    ensure(principal, can_manage_tokens(principal))
    scope = resolve_scope(data["role"], data)
    return issue_token(scope["role"], data["name"], actor=principal, commune_code=scope["commune_code"],
                       village_id=scope["village_id"], merchant_id=scope["merchant_id"])


def list_tokens(principal: Principal = SYSTEM) -> list[ApiToken]:
    """Every token, newest first (admins only)."""
    ensure(principal, can_manage_tokens(principal))
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def revoke_token(token_id: int, principal: Principal = SYSTEM) -> ApiToken:
    """Revoke a token (admins only); the next request with it gets 401."""
    ensure(principal, can_manage_tokens(principal))
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise AppError(
            404, "not_found", gettext("Không tìm thấy mã truy cập %(token_id)s.", token_id=token_id)
        )
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(principal, "token.revoke", "api_token", token.id, commune_code=token.commune_code,
               before={"role": token.role, "name": token.name}, after={"revoked_at": token.revoked_at.isoformat()})
    return token
