"""API tokens: issue (shown once, stored hashed), list and revoke."""
from sqlalchemy import select

from market.auth.models import ROLES, ApiToken
from market.auth.principal import hash_token, new_token
from market.dbtypes import utcnow
from market.errors import AppError
from market.extensions import db


def issue_token(role: str, name: str, *, commune_code: str | None = None, village_id: int | None = None,
                merchant_id: int | None = None) -> tuple[ApiToken, str]:
    """Create a token row and return it with the plain token, which is never stored."""
    if role not in ROLES:
        raise AppError(422, "validation_error", f"Vai trò không hợp lệ: {role}", {"role": [f"Một trong {ROLES}"]})
    plain = new_token()
    token = ApiToken(name=name, role=role, prefix=plain[:12], token_hash=hash_token(plain),
                     commune_code=commune_code, village_id=village_id, merchant_id=merchant_id)
    db.session.add(token)
    db.session.flush()
    return token, plain


def list_tokens() -> list[ApiToken]:
    """Every token, newest first."""
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def revoke_token(token_id: int) -> ApiToken:
    """Revoke a token; the next request with it gets 401."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise AppError(404, "not_found", f"Không tìm thấy mã truy cập {token_id}.")
    token.revoked_at = token.revoked_at or utcnow()
    return token
