"""Record a reported sale exactly once (Idempotency-Key), and reverse one without editing it."""
import hashlib
import json
from datetime import timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from market.auth.permissions import can_act_for_merchant, ensure
from market.auth.principal import Principal
from market.dbtypes import utcnow
from market.errors import AppError
from market.extensions import db
from market.transactions.clock import check_time, local_day
from market.transactions.models import CASHLESS_METHODS, Transaction
from merchants.models import Merchant

CASHLESS_LIMIT = 500_000_000


def invalid(field: str, message: str, status: int = 422, code: str = "validation_error") -> AppError:
    """A refusal naming one field."""
    return AppError(status, code, message, {field: [message]})


def request_hash(data: dict[str, Any]) -> str:
    """SHA-256 of the parsed body in canonical form (sorted keys, times in UTC)."""
    canonical = dict(data)
    if data.get("occurred_at") is not None:
        canonical["occurred_at"] = data["occurred_at"].astimezone(timezone.utc).isoformat()
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def merchant_for(principal: Principal, merchant_id: int, field: str = "merchant_id") -> Merchant:
    """The merchant the caller may act for; 422 naming `field` when unknown, 403 outside scope."""
    merchant = db.session.get(Merchant, merchant_id, options=[joinedload(Merchant.village)])
    if merchant is None:
        raise invalid(field, f"Không tìm thấy hộ kinh doanh {merchant_id}.")
    ensure(principal, can_act_for_merchant(principal, merchant.id, merchant.village_id,
                                           merchant.village.commune_code))
    return merchant


def active_merchant_for(principal: Principal, merchant_id: int) -> Merchant:
    """As `merchant_for`, and the merchant must be active to report sales."""
    merchant = merchant_for(principal, merchant_id)
    if merchant.status != "active":
        raise invalid("merchant_id", "Hộ kinh doanh chưa hoạt động hoặc đã tạm ngừng.")
    return merchant


def check_amount(amount: int, method: str) -> None:
    """Cashless payments stay under the NAPAS247 single-transfer ceiling."""
    if method in CASHLESS_METHODS and amount >= CASHLESS_LIMIT:
        raise invalid("amount", "Thanh toán không dùng tiền mặt phải dưới 500.000.000 đ.")


def _by_key(client_key: str, key: str) -> Transaction | None:
    return db.session.scalar(select(Transaction).where(
        Transaction.client_key == client_key, Transaction.idempotency_key == key))


def _replay(existing: Transaction, digest: str) -> tuple[Transaction, bool]:
    if existing.request_hash != digest:
        raise invalid("Idempotency-Key", "Mã Idempotency-Key này đã dùng cho một nội dung khác.",
                      status=409, code="idempotency_conflict")
    return existing, False


def insert_once(row: Any) -> bool:
    """Insert in a savepoint; False when a unique constraint says it already exists."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return False
    return True


def record_sale(principal: Principal, data: dict[str, Any], key: str | None = None) -> tuple[Transaction, bool]:
    """Store a reported sale; returns (transaction, created). A repeated key replays the original."""
    ensure(principal, not principal.is_public)
    digest = request_hash(data)
    if key and (existing := _by_key(principal.client_key, key)) is not None:
        return _replay(existing, digest)
    merchant = active_merchant_for(principal, data["merchant_id"])
    check_amount(data["amount"], data["method"])
    occurred_at = check_time(data.get("occurred_at") or utcnow())
    row = Transaction(
        merchant_id=merchant.id, amount=data["amount"], method=data["method"], occurred_at=occurred_at,
        local_day=local_day(occurred_at), source="self_report", reference=data.get("reference"),
        note=data.get("note"), client_key=principal.client_key if key else None, idempotency_key=key,
        request_hash=digest if key else None, created_by=principal.label)
    if insert_once(row):
        return row, True
    if key and (existing := _by_key(principal.client_key, key)) is not None:
        return _replay(existing, digest)
    raise invalid("reference", "Mã tham chiếu này đã được ghi cho hộ kinh doanh.", 409, "duplicate_reference")


def get_transaction(principal: Principal, transaction_id: int) -> Transaction:
    """A transaction the caller may see, or 404/403."""
    row = db.session.get(Transaction, transaction_id)
    if row is None:
        raise AppError(404, "not_found", f"Không tìm thấy giao dịch {transaction_id}.")
    merchant_for(principal, row.merchant_id)
    return row


def reverse(principal: Principal, transaction_id: int, reason: str) -> Transaction:
    """Add the one reversal entry of a transaction (negative amount, same day); never edit the original."""
    original = get_transaction(principal, transaction_id)
    if original.reverses_id is not None:
        raise invalid("id", "Không thể đảo một bút toán đảo.", 409, "already_reversal")
    row = Transaction(
        merchant_id=original.merchant_id, account_id=original.account_id, amount=-original.amount,
        method=original.method, occurred_at=original.occurred_at, local_day=original.local_day,
        source=original.source, reverses_id=original.id, reason=reason, created_by=principal.label)
    if not insert_once(row):
        raise invalid("id", "Giao dịch này đã được đảo trước đó.", 409, "already_reversed")
    return row
