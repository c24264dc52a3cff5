"""Append-only audit log: who did what, when, from where, with the before and after."""
from datetime import datetime
from typing import Any

from flask import has_request_context, request
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from market.dbtypes import UTCDateTime, utcnow
from market.extensions import db


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    ip: Mapped[str | None] = mapped_column(String(45))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    commune_code: Mapped[str | None] = mapped_column(String(5), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


def record(action: str, entity: str, entity_id: object, *, actor: Any = None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
           commune_code: str | None = None) -> AuditEvent:
    """Add an audit event to the session (the request commits it with the change itself)."""
    from market.auth.principal import current_principal

    who = actor or current_principal()
    event = AuditEvent(
        actor=who.label, role=who.role, ip=request.remote_addr if has_request_context() else None,
        action=action, entity=entity, entity_id=str(entity_id), commune_code=commune_code,
        before=before, after=after,
    )
    db.session.add(event)
    return event
