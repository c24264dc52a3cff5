"""Record a reported sale exactly once (Idempotency-Key), and reverse one without editing it."""
import functools
import hashlib
import json
from datetime import timezone
from typing import Any, TypeVar

from sqlalchemy import Row, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite

from market.auth.permissions import can_act_for_merchant, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.clock import check_time, local_day
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Village
from market.transactions.live import publish
from market.transactions.models import CASHLESS_METHODS, LARGEST_CASHLESS, OVER_CEILING, Transaction
from merchants.models import Merchant

Model = TypeVar("Model")


def request_hash(data: dict[str, Any]) -> str:
    """SHA-256 of the parsed body in canonical form (sorted keys, times in UTC)."""
    canonical = dict(data)
    if data.get("occurred_at") is not None:
        canonical["occurred_at"] = data["occurred_at"].astimezone(timezone.utc).isoformat()
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


# The four facts a write needs about a merchant, in one query without the ORM: sales are the hot path.
_MERCHANT_SCOPE = select(Merchant.id, Merchant.status, Merchant.village_id, Village.commune_code).join(
    Village, Village.id == Merchant.village_id).where(Merchant.id == bindparam("merchant_id"))


def merchant_for(principal: Principal, merchant_id: int, field: str = "merchant_id") -> Row[Any]:
    """(id, status, village_id, commune_code) of a merchant the caller may act for; 422 naming `field`
    when unknown, 403 outside scope."""
    merchant = db.session.connection().execute(_MERCHANT_SCOPE, {"merchant_id": merchant_id}).first()
    if merchant is None:
        raise invalid(
            field, gettext("Không tìm thấy hộ kinh doanh %(merchant_id)s.", merchant_id=merchant_id)
        )
    ensure(principal, can_act_for_merchant(principal, merchant.id, merchant.village_id, merchant.commune_code))
    return merchant


def active_merchant_for(principal: Principal, merchant_id: int) -> Row[Any]:
    """As `merchant_for`, and the merchant must be active to report sales."""
    merchant = merchant_for(principal, merchant_id)
    if merchant.status != "active":
        raise invalid("merchant_id", gettext("Hộ kinh doanh chưa hoạt động hoặc đã tạm ngừng."))
    return merchant


def check_amount(amount: int, method: str) -> None:
    """Cashless payments stay under the NAPAS247 single-transfer ceiling."""
    if method in CASHLESS_METHODS and amount > LARGEST_CASHLESS:
        raise invalid("amount", OVER_CEILING)


def _by_key(client_key: str, key: str) -> Transaction | None:
    return db.session.scalar(select(Transaction).where(
        Transaction.client_key == client_key, Transaction.idempotency_key == key))


def _replay(existing: Transaction, digest: str) -> tuple[Transaction, bool]:
    if existing.request_hash != digest:
        raise invalid("Idempotency-Key", gettext("Mã Idempotency-Key này đã dùng cho một nội dung khác."),
                      status=409, code="idempotency_conflict")
    return existing, False


@functools.cache
def _insert_ignoring_conflicts(model: type, dialect: str) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(model).on_conflict_do_nothing().returning(model)


def insert_new(model: type[Model], **values: Any) -> Model | None:
    """INSERT … ON CONFLICT DO NOTHING: the new row, or None when a unique constraint says it exists.

    No savepoint and no caught IntegrityError: a conflict leaves the transaction usable on both databases.
    The statement is built once per model; the values travel as parameters.
    """
    statement = _insert_ignoring_conflicts(model, db.session.get_bind().dialect.name)
    row = db.session.scalars(statement, [values]).first()
    if isinstance(row, Transaction):
        # The one place every recorded transaction passes: a credit is announced once its commit lands.
        publish.remember(db.session(), row)
    return row


def insert_all_new(model: type[Model], rows: list[dict[str, Any]]) -> list[Model]:
    """`insert_new` for many rows in one statement: the rows that were new (conflicting ones are skipped)."""
    statement = _insert_ignoring_conflicts(model, db.session.get_bind().dialect.name)
    return list(db.session.scalars(statement, rows))


def record_sale(principal: Principal, data: dict[str, Any], key: str | None = None) -> tuple[Transaction, bool]:
    """Store a reported sale; returns (transaction, created). A repeated key replays the original."""
    ensure(principal, not principal.is_public)
    digest = request_hash(data)
    try:
        merchant = active_merchant_for(principal, data["merchant_id"])
        check_amount(data["amount"], data["method"])
        occurred_at = check_time(data.get("occurred_at") or utcnow())
    except AppError:
        # A replay is answered even if the merchant was suspended or the time went stale since.
        if key and (existing := _by_key(principal.client_key, key)) is not None:
            return _replay(existing, digest)
        raise
    row = insert_new(
        Transaction, merchant_id=merchant.id, amount=data["amount"], method=data["method"],
        occurred_at=occurred_at, local_day=local_day(occurred_at), source="self_report",
        reference=data.get("reference"), note=data.get("note"), client_key=principal.client_key if key else None,
        idempotency_key=key, request_hash=digest if key else None, created_by=principal.label)
    if row is not None:
        return row, True
    if key and (existing := _by_key(principal.client_key, key)) is not None:
        return _replay(existing, digest)
    raise invalid(
        "reference", gettext("Mã tham chiếu này đã được ghi cho hộ kinh doanh."), 409, "duplicate_reference"
    )


def get_transaction(principal: Principal, transaction_id: int) -> Transaction:
    """A transaction the caller may see, or 404 — the same 404 whether it exists or not, so callers
    without access learn nothing about other merchants' ids (401 for the public)."""
    ensure(principal, True)
    row = db.session.get(Transaction, transaction_id)
    try:
        if row is not None:
            merchant_for(principal, row.merchant_id)
    except AppError as refusal:
        if refusal.code != 403:
            raise
        row = None
    if row is None:
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy giao dịch %(transaction_id)s.", transaction_id=transaction_id),
        )
    return row


def reverse(principal: Principal, transaction_id: int, reason: str) -> Transaction:
    """Add the one reversal entry of a transaction (negative amount, same day); never edit the original."""
    original = get_transaction(principal, transaction_id)
    if original.reverses_id is not None:
        raise invalid("id", gettext("Không thể đảo một bút toán đảo."), 409, "already_reversal")
    row = insert_new(
        Transaction, merchant_id=original.merchant_id, account_id=original.account_id, amount=-original.amount,
        method=original.method, occurred_at=original.occurred_at, local_day=original.local_day,
        source=original.source, reverses_id=original.id, reason=reason, created_by=principal.label)
    if row is None:
        raise invalid("id", gettext("Giao dịch này đã được đảo trước đó."), 409, "already_reversed")
    record(principal, "transaction.reverse", "transaction", original.id,
           after={"reversal_id": row.id, "amount": original.amount, "reason": reason},
           commune_code=original.merchant.village.commune_code)
    return row
