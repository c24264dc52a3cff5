"""Signed bank-credit notifications: verify, match the account, record once or queue for review.

Signature: X-Cho40-Signature = "sha256=" + hex HMAC-SHA256(secret, f"{X-Cho40-Timestamp}." + raw body);
the timestamp (unix seconds) must be within 5 minutes of our clock, so a captured request cannot be
replayed later, and a retry of the same reference inside the window is a no-op.
"""
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from typing import Any

import marshmallow as ma
from sqlalchemy import select

from market.core.clock import check_time, local_day
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.core.request_input import parse_json_body
from market.places.models import Commune
from market.transactions.models import Transaction, UnmatchedCredit, WebhookIntegration
from market.transactions.recording import insert_new
from market.transactions.schemas import BankCreditSchema
from merchants.models import Merchant, PaymentAccount

WINDOW_SECONDS = 300
# A pushed credit is a transfer into the account; VietQR is one way to start such a transfer, and
# the notification cannot tell which, so every webhook credit is recorded as bank_transfer.
WEBHOOK_METHOD = "bank_transfer"


def refuse(field: str, message: str) -> AppError:
    """The 401 of a request whose signature headers do not check out."""
    return AppError(401, "invalid_signature", message, {field: [message]})


def create_integration(name: str, commune_code: str | None = None) -> tuple[WebhookIntegration, str]:
    """A new integration (for one commune, or province-wide) and its secret (shown once by the CLI)."""
    if db.session.scalar(select(WebhookIntegration).where(WebhookIntegration.name == name)):
        raise AppError(
            409,
            "duplicate",
            gettext("Đã có tích hợp tên %(name)s.", name=name),
            {"name": [gettext("Tên đã tồn tại.")]},
        )
    if commune_code is not None and db.session.get(Commune, commune_code) is None:
        raise AppError(
            422,
            "validation_error",
            gettext("Không có xã mã %(commune_code)s.", commune_code=commune_code),
            {"commune_code": [gettext("Mã xã không có trong danh mục.")]},
        )
    secret = secrets.token_hex(32)
    integration = WebhookIntegration(name=name, secret=secret, commune_code=commune_code)
    db.session.add(integration)
    db.session.flush()
    return integration, secret


def sign(secret: str, timestamp: str, raw: bytes) -> str:
    """The expected X-Cho40-Signature header for a body sent at `timestamp`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def authenticate(headers: Mapping[str, str], raw: bytes) -> WebhookIntegration:
    """The active integration that signed this body within the time window, or a 401 naming the header."""
    name = headers.get("X-Cho40-Integration", "")
    integration = db.session.scalar(select(WebhookIntegration).where(
        WebhookIntegration.name == name[:80], WebhookIntegration.active.is_(True)))
    if integration is None:
        raise refuse("X-Cho40-Integration", gettext("Tích hợp không tồn tại hoặc đã tắt."))
    stamp = headers.get("X-Cho40-Timestamp", "")
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
        raise refuse("X-Cho40-Timestamp", gettext("Thiếu hoặc sai định dạng (giây Unix)."))
    if abs(time.time() - int(stamp)) > WINDOW_SECONDS:
        raise refuse("X-Cho40-Timestamp", gettext("Quá 5 phút so với đồng hồ máy chủ."))
    given = headers.get("X-Cho40-Signature", "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, sign(integration.secret, stamp, raw).encode()):
        raise refuse("X-Cho40-Signature", gettext("Chữ ký không khớp."))
    return integration


def parse_credit(raw: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """(validated credit, original JSON) from the raw body, or a 422 naming the fields."""
    try:
        document = parse_json_body(raw)
    except AppError:
        raise AppError(400, "bad_request", gettext("Nội dung không phải JSON hợp lệ."),
                       {"body": [gettext("JSON không hợp lệ.")]}) from None
    if not isinstance(document, dict):
        raise AppError(
            422,
            "validation_error",
            gettext("Cần một đối tượng JSON."),
            {"body": [gettext("Cần một đối tượng JSON.")]},
        )
    try:
        credit = BankCreditSchema().load(document)
    except ma.ValidationError as error:
        raise AppError(
            422, "validation_error", gettext("Dữ liệu không hợp lệ."), error.normalized_messages()
        ) from None
    check_time(credit["occurred_at"])
    return credit, document


def find_account(credit: dict[str, Any]) -> PaymentAccount | None:
    """The one active account of an active merchant with this number (and BIN when given)."""
    query = (select(PaymentAccount).join(Merchant, Merchant.id == PaymentAccount.merchant_id)
             .where(PaymentAccount.account_number == credit["account_number"],
                    PaymentAccount.is_active, Merchant.is_active))
    if credit.get("bin"):
        query = query.where(PaymentAccount.bin == credit["bin"])
    matches = list(db.session.scalars(query.limit(2)))
    return matches[0] if len(matches) == 1 else None


def queued_credit(integration: WebhookIntegration, reference: str) -> UnmatchedCredit | None:
    """The credit this integration already queued under this reference, if any."""
    return db.session.scalar(select(UnmatchedCredit).where(
        UnmatchedCredit.integration_id == integration.id, UnmatchedCredit.reference == reference))


def webhook_transaction(merchant_id: int, reference: str) -> Transaction | None:
    """The merchant's webhook transaction with this bank reference, if any."""
    return db.session.scalar(select(Transaction).where(
        Transaction.merchant_id == merchant_id, Transaction.source == "webhook",
        Transaction.reference == reference))


def _recorded(integration: WebhookIntegration, reference: str) -> Transaction | None:
    """The transaction this integration already recorded under `reference`, for whichever account: the bank's
    reference names one credit, so a second notification with it is that credit again, never a new one."""
    return db.session.scalar(select(Transaction).where(
        Transaction.reference == reference, Transaction.source == "webhook",
        Transaction.created_by == f"webhook:{integration.name}").limit(1))


def _result(row: Transaction | UnmatchedCredit, duplicate: bool) -> dict[str, Any]:
    if isinstance(row, Transaction):
        return {"status": "recorded", "transaction_id": row.id, "unmatched_id": None, "duplicate": duplicate}
    # A retry of a credit an officer has since assigned: the bank learns where it was recorded.
    status = "recorded" if row.transaction_id is not None else "queued"
    return {"status": status, "transaction_id": row.transaction_id, "unmatched_id": row.id, "duplicate": duplicate}


def queue_credit(integration: WebhookIntegration, credit: dict[str, Any],
                 document: dict[str, Any]) -> tuple[dict, int]:
    """Keep an unmatched credit for review, once per reference: 202, or 200 with the earlier one."""
    row = insert_new(UnmatchedCredit, integration_id=integration.id, account_number=credit["account_number"],
                     amount=credit["amount"], content=credit.get("content"), reference=credit["reference"],
                     occurred_at=credit["occurred_at"], raw=document)
    if row is not None:
        return _result(row, False), 202
    return _result(queued_credit(integration, credit["reference"]), True), 200  # type: ignore[arg-type]


def record_credit(integration: WebhookIntegration, merchant_id: int, account_id: int | None,
                  credit: dict[str, Any]) -> tuple[dict, int]:
    """The merchant's one webhook transaction for this bank reference: 201 new, 200 when it exists."""
    existing = webhook_transaction(merchant_id, credit["reference"])
    if existing is not None:
        return _result(existing, True), 200
    row = insert_new(Transaction, merchant_id=merchant_id, account_id=account_id, amount=credit["amount"],
                     method=WEBHOOK_METHOD, occurred_at=credit["occurred_at"],
                     local_day=local_day(credit["occurred_at"]), source="webhook",
                     reference=credit["reference"], note=(credit.get("content") or None),
                     created_by=f"webhook:{integration.name}")
    if row is not None:
        return _result(row, False), 201
    return _result(webhook_transaction(merchant_id, credit["reference"]), True), 200  # type: ignore[arg-type]


def receive_credit(headers: Mapping[str, str], raw: bytes) -> tuple[dict[str, Any], int]:
    """Verify and store one pushed credit: 201 recorded, 202 queued for review, 200 for a retry."""
    integration = authenticate(headers, raw)
    credit, document = parse_credit(raw)
    earlier = queued_credit(integration, credit["reference"]) or _recorded(integration, credit["reference"])
    if earlier is not None:
        return _result(earlier, True), 200
    account = find_account(credit)
    if account is None:
        return queue_credit(integration, credit, document)
    return record_credit(integration, account.merchant_id, account.id, credit)

