"""Append-only audit log: who did what, when, from where, with the before and after."""
from datetime import datetime
from typing import Any, Protocol

from flask import has_request_context, request
from sqlalchemy import JSON, String, event, select
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db


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


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete a recorded audit event."""


class Actor(Protocol):
    """Who acts: a signed-in user, an API token or the system (`market.auth.principal.Principal`)."""

    label: str
    role: str


def record(actor: Actor, action: str, entity: str, entity_id: object, *,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
           commune_code: str | None = None) -> AuditEvent:
    """Add an audit event to the session (the request commits it with the change itself)."""
    event = AuditEvent(
        actor=actor.label, role=actor.role, ip=request.remote_addr if has_request_context() else None,
        action=action, entity=entity, entity_id=str(entity_id), commune_code=commune_code,
        before=before, after=after,
    )
    db.session.add(event)
    return event


def _refuse_changed_events(session: Session, _context: Any, _instances: Any) -> None:
    for row in session.deleted:
        if isinstance(row, AuditEvent):
            raise AuditLogIsAppendOnly("audit events cannot be deleted")
    for row in session.dirty:
        if isinstance(row, AuditEvent) and session.is_modified(row):
            raise AuditLogIsAppendOnly("audit events cannot be changed")


def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is AuditEvent:
        raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


def register_listeners() -> None:
    """Refuse, in every session, any change or deletion of a recorded event (called by the factory)."""
    for name, listener in (("before_flush", _refuse_changed_events),
                           ("do_orm_execute", _refuse_bulk_changes)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def search(filters: dict[str, Any], *, commune_code: str | None = None) -> list[AuditEvent]:
    """Events matching `filters`, newest first; `commune_code` confines them to one commune."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    for name in ("action", "entity", "entity_id", "actor"):
        if filters.get(name):
            query = query.where(getattr(AuditEvent, name) == filters[name])
    commune = commune_code or filters.get("commune")
    if commune:
        query = query.where(AuditEvent.commune_code == commune)
    if filters.get("since"):
        query = query.where(AuditEvent.at >= filters["since"])
    if filters.get("until"):
        query = query.where(AuditEvent.at < filters["until"])
    if filters.get("before_id"):
        query = query.where(AuditEvent.id < filters["before_id"])
    return list(db.session.scalars(query.limit(filters.get("limit", 100))))
