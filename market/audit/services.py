"""Reading the audit log, as each role may see it."""
from typing import Any

from market.auth.permissions import can_read_audit, ensure
from market.auth.principal import Principal
from market.core.audit import AuditEvent, search


def read_events(principal: Principal, filters: dict[str, Any]) -> list[AuditEvent]:
    """The log as `principal` may see it: admins everything, commune officers their commune."""
    ensure(principal, can_read_audit(principal, filters.get("commune")))
    confine = None if principal.role == "admin" else principal.commune_code
    return search(filters, commune_code=confine)
