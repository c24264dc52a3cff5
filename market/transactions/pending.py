"""A statement kept after its dry run, so the person commits exactly what they saw without a second upload."""
import re
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, or_

from market.auth.principal import Principal
from market.core.dbtypes import utcnow
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import lazy_gettext
from market.transactions.models import PendingStatement
from market.transactions.statements import import_statement

LIFETIME = timedelta(hours=1)
PENDING_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
NOT_FOUND = lazy_gettext(
    "Không tìm thấy bản chạy thử này: có thể nó đã được ghi vào sổ (không ghi thêm lần nữa) "
    "hoặc bạn đã chạy thử một tệp khác sau đó."
)
EXPIRED = lazy_gettext(
    "Bản chạy thử đã quá 1 giờ nên không còn được giữ. Hãy chọn lại tệp và bấm “Chạy thử”."
)


def preview(principal: Principal, account_id: int, content: bytes,
            mapping: Mapping[str, str]) -> dict[str, Any]:
    """The dry-run report; when it has rows to add and no bad row, also the `pending_id` that commits it."""
    report = import_statement(principal, account_id, content, mapping, commit=False)
    report["pending_id"] = None
    if report["error_count"] or not report["to_add"]:
        return report
    _forget_stale(principal)
    row = PendingStatement(id=secrets.token_urlsafe(32), account_id=account_id,
                           created_by=principal.client_key, mapping=dict(mapping), content=content)
    db.session.add(row)
    report["pending_id"] = row.id
    return report


def _forget_stale(principal: Principal) -> None:
    """Drop every expired pending import, and this person's earlier one (a few MB each, one at a time)."""
    stale = or_(PendingStatement.created_at < utcnow() - LIFETIME,
                PendingStatement.created_by == principal.client_key)
    db.session.execute(delete(PendingStatement).where(stale).execution_options(synchronize_session=False))


def commit(principal: Principal, pending_id: str) -> dict[str, Any]:
    """Import the previewed statement, once: refused when unknown, someone else's, used or expired."""
    row = db.session.get(PendingStatement, pending_id) if PENDING_ID.fullmatch(pending_id) else None
    if row is None or row.created_by != principal.client_key:
        raise invalid("pending_id", NOT_FOUND, 404, "pending_not_found")
    if row.created_at < utcnow() - LIFETIME:
        raise invalid("pending_id", EXPIRED, 410, "pending_expired")
    account_id, content, mapping = row.account_id, row.content, row.mapping
    # Claim it with one DELETE: of two concurrent commits (a double click) only one deletes the row.
    claimed = db.session.execute(delete(PendingStatement).where(PendingStatement.id == pending_id))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise invalid("pending_id", NOT_FOUND, 404, "pending_not_found")
    return import_statement(principal, account_id, content, mapping, commit=True)
