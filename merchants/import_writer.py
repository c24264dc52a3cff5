"""Write checked import rows with bulk inserts: merchants, their primary accounts, the audit trail."""
from typing import Any

from flask import has_request_context, request
from sqlalchemy import insert

from market.audit import AuditEvent
from market.auth.principal import Principal
from market.dbtypes import utcnow
from market.extensions import db
from market.places.models import Village
from merchants.models import Merchant, PaymentAccount
from merchants.text import search_text

CHUNK = 1000
AUDITED = ("bin", "account_number", "holder_name", "kind", "status", "is_primary")


def _merchant_values(row: dict[str, Any], village: Village, who: str, now: Any) -> dict[str, Any]:
    # Imported by a manager of the village: the merchants are approved as they are written.
    return {"display_name": row["display_name"], "owner_name": row["owner_name"], "phone": row["phone"],
            "category": row["category"], "village_id": village.id, "market_id": row["market_id"],
            "stall_number": row["stall_number"], "street_id": row["street_id"],
            "house_number": row["house_number"], "status": "active", "status_changed_at": now,
            "status_changed_by": who, "is_ocop": False, "consent_public": False,
            "search_text": search_text(row["display_name"], row["owner_name"]),
            "created_at": now, "updated_at": now}


def _insert_merchants(rows: list[dict[str, Any]], village: Village, principal: Principal) -> list[int]:
    now, ids = utcnow(), []
    for start in range(0, len(rows), CHUNK):
        values = [_merchant_values(row, village, principal.label, now) for row in rows[start:start + CHUNK]]
        result = db.session.execute(insert(Merchant).returning(Merchant.id, sort_by_parameter_order=True), values)
        ids.extend(result.scalars())
    return ids


def _audit(principal: Principal, village: Village, action: str, entity: str, entity_id: Any,
           after: dict[str, Any]) -> dict[str, Any]:
    return {"at": utcnow(), "actor": principal.label, "role": principal.role,
            "ip": request.remote_addr if has_request_context() else None, "action": action,
            "entity": entity, "entity_id": str(entity_id), "commune_code": village.commune_code,
            "before": None, "after": after}


def _insert_accounts(rows: list[dict[str, Any]], merchant_ids: list[int], principal: Principal,
                     village: Village) -> None:
    now = utcnow()
    pairs = [(row["account"], mid) for row, mid in zip(rows, merchant_ids) if row["account"]]
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        values = [{**account, "merchant_id": mid, "kind": "bank_account", "status": "pending",
                   "is_primary": True, "changed_by": principal.client_key, "created_at": now,
                   "updated_at": now} for account, mid in chunk]
        ids = db.session.execute(insert(PaymentAccount).returning(
            PaymentAccount.id, sort_by_parameter_order=True), values).scalars().all()
        events = [_audit(principal, village, "account.add", "payment_account", ident,
                         {key: value[key] for key in AUDITED})
                  for ident, value in zip(ids, values)]
        db.session.execute(insert(AuditEvent), events)


def write(principal: Principal, village: Village, rows: list[dict[str, Any]]) -> int:
    """Insert every row in the current transaction; returns the number of merchants created."""
    merchant_ids = _insert_merchants(rows, village, principal)
    _insert_accounts(rows, merchant_ids, principal, village)
    summary = {"merchants": len(merchant_ids), "accounts": sum(1 for row in rows if row["account"])}
    db.session.execute(insert(AuditEvent), [_audit(principal, village, "merchant.import", "village",
                                                   village.id, summary)])
    return len(merchant_ids)
