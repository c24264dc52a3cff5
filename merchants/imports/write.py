"""Write checked import rows with bulk inserts: merchants, their primary accounts, the audit trail."""
from typing import Any

from flask import has_request_context, request
from sqlalchemy import insert, select

from market.auth.principal import Principal
from market.core.audit import AuditEvent
from market.core.batches import chunks, commit_so_far
from market.core.dbtypes import utcnow
from market.core.extensions import db
from market.places.models import Village
from merchants.models import AccountStatusChange, Merchant, MerchantStatusChange, PaymentAccount
from merchants.status_history import log_bulk
from merchants.text import search_text

BATCH_ROWS = 1_000  # merchants with their accounts, status logs and audit events: about 250 ms on SQLite
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


def _insert_merchants(rows: list[dict[str, Any]], village: Village, principal: Principal, now: Any) -> list[int]:
    # One executemany, then the new ids read back in insertion order: RETURNING with a guaranteed
    # order makes SQLite insert row by row, several times slower.
    values = [_merchant_values(row, village, principal.label, now) for row in rows]
    db.session.execute(insert(Merchant.__table__), values)
    ids = list(db.session.scalars(select(Merchant.id).where(
        Merchant.village_id == village.id, Merchant.created_at == now).order_by(Merchant.id)))
    log_bulk(MerchantStatusChange, [{"merchant_id": ident, "status": "active", "changed_at": now,
                                     "changed_by": principal.label} for ident in ids])
    return ids


def _audit(principal: Principal, village: Village, action: str, entity: str, entity_id: Any,
           after: dict[str, Any]) -> dict[str, Any]:
    return {"at": utcnow(), "actor": principal.label, "role": principal.role,
            "ip": request.remote_addr if has_request_context() else None, "action": action,
            "entity": entity, "entity_id": str(entity_id), "commune_code": village.commune_code,
            "before": None, "after": after}


def _insert_accounts(rows: list[dict[str, Any]], merchant_ids: list[int], principal: Principal,
                     village: Village, now: Any) -> None:
    values = [{**row["account"], "merchant_id": mid, "kind": "bank_account", "status": "pending",
               "is_primary": True, "changed_by": principal.client_key, "verified_at": None, "verified_by": None,
               "created_at": now, "updated_at": now} for row, mid in zip(rows, merchant_ids) if row["account"]]
    if not values:
        return
    db.session.execute(insert(PaymentAccount.__table__), values)
    ids = db.session.scalars(select(PaymentAccount.id).where(
        PaymentAccount.created_at == now, PaymentAccount.merchant_id.in_(
            select(Merchant.id).where(Merchant.village_id == village.id, Merchant.created_at == now)))
        .order_by(PaymentAccount.id)).all()
    log_bulk(AccountStatusChange, [{"account_id": ident, "status": "pending", "changed_at": now,
                                    "changed_by": principal.client_key} for ident in ids])
    events = [_audit(principal, village, "account.add", "payment_account", ident, {k: value[k] for k in AUDITED})
              for ident, value in zip(ids, values)]
    db.session.execute(insert(AuditEvent.__table__), events)


def write(principal: Principal, village: Village, rows: list[dict[str, Any]]) -> int:
    """Insert every row, a committed batch at a time (see `market.core.batches`); returns the number of
    merchants created."""
    created = 0
    for chunk in chunks(rows, BATCH_ROWS):
        now = utcnow()
        merchant_ids = _insert_merchants(chunk, village, principal, now)
        _insert_accounts(chunk, merchant_ids, principal, village, now)
        created += len(merchant_ids)
        commit_so_far()
    summary = {"merchants": created, "accounts": sum(1 for row in rows if row["account"])}
    db.session.execute(insert(AuditEvent.__table__), [_audit(principal, village, "merchant.import", "village",
                                                   village.id, summary)])
    return created
