"""Reported transactions (append-only), daily tallies, and bank credits waiting for review."""
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db
from market.core.filters import vnd
from market.core.i18n import lazy_gettext
from vietqr import MAX_AMOUNT

METHODS = ("vietqr", "bank_transfer", "ewallet", "card", "cash")
CASHLESS_METHODS = ("vietqr", "bank_transfer", "ewallet", "card")
SOURCES = ("self_report", "import", "webhook", "tally")
METHOD_LABELS = {"vietqr": "QR", "bank_transfer": lazy_gettext("Chuyển khoản"), "ewallet": lazy_gettext("Ví"),
                 "card": lazy_gettext("Thẻ"), "cash": lazy_gettext("Tiền mặt")}
# NAPAS247's single-transfer ceiling (exclusive) bounds every cashless payment we record.
LARGEST_CASHLESS = MAX_AMOUNT - 1
OVER_CEILING = lazy_gettext(
    "Mỗi khoản không dùng tiền mặt phải dưới %(MAX_AMOUNT)s.", MAX_AMOUNT=vnd(MAX_AMOUNT)
)


class Transaction(db.Model):
    """One reported sale; a correction is a reversal row pointing at the original, never an edit."""

    __table_args__ = (
        UniqueConstraint("client_key", "idempotency_key"),
        UniqueConstraint("merchant_id", "source", "reference"),
        Index("ix_transaction_merchant_id_local_day", "merchant_id", "local_day"),
        # Newest-first listing and its (occurred_at, id) cursor.
        Index("ix_transaction_occurred_at_id", "occurred_at", "id"),
        Index("ix_transaction_reference", "reference"),
        # One merchant's history, newest first, paged by the same cursor.
        Index("ix_transaction_merchant_id_occurred_at_id", "merchant_id", "occurred_at", "id"),
        # Only the few credits marked "không phải doanh thu": the revenue book subtracts them.
        Index("ix_transaction_not_revenue", "merchant_id", "local_day",
              sqlite_where=text("not_revenue_reason IS NOT NULL"),
              postgresql_where=text("not_revenue_reason IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("payment_account.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The Asia/Ho_Chi_Minh calendar day of occurred_at: statistics group on it with plain SQL.
    local_day: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(12), default="self_report")
    reference: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(String(500))
    client_key: Mapped[str | None] = mapped_column(String(80))
    idempotency_key: Mapped[str | None] = mapped_column(String(120))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(String(255))
    # Set by the merchant on a bank credit that is not a sale (a loan, a family transfer): it stays in the
    # money history and the adoption figures but leaves the revenue book. Changes are audited.
    not_revenue_reason: Mapped[str | None] = mapped_column(String(255))
    created_by: Mapped[str] = mapped_column(String(120), default="system")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    merchant = relationship("Merchant")


class DailyTally(db.Model):
    """A merchant's own count of one day's sales, for those who do not log each one."""

    __table_args__ = (UniqueConstraint("merchant_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    cash_count: Mapped[int] = mapped_column(Integer, default=0)
    cash_value: Mapped[int] = mapped_column(BigInteger, default=0)
    cashless_count: Mapped[int] = mapped_column(Integer, default=0)
    cashless_value: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    merchant = relationship("Merchant")


class WebhookIntegration(db.Model):
    """A bank-notification service allowed to push credits, with its HMAC secret."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    secret: Mapped[str] = mapped_column(String(128))
    # The commune this bank feed serves: its unmatched credits (payer names included) are shown to that
    # commune's officers only. None: a province-wide feed, whose open credits every commune officer sees.
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UnmatchedCredit(db.Model):
    """A pushed credit whose account is not in the register: kept for review, never dropped."""

    __table_args__ = (UniqueConstraint("integration_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("webhook_integration.id"))
    account_number: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(120))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON)
    # open → assigned (an officer named the account; transaction_id is its one transaction) or
    # dismissed (with a reason). Never deleted: resolving only fills in who, when and why.
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"), index=True)
    reason: Mapped[str | None] = mapped_column(String(255))

    transaction = relationship("Transaction")


class PendingStatement(db.Model):
    """An uploaded statement kept for a short time after its dry run, so committing needs no second upload."""

    # A random, unguessable id (secrets.token_urlsafe): the page posts only this back.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("payment_account.id"))
    # Principal.client_key of the uploader: only they may commit it.
    created_by: Mapped[str] = mapped_column(String(120))
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
