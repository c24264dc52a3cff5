"""A configured bank feed and the log of every delivery it received."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db

PROVIDERS = ("sepay", "casso", "payos", "vietqr_vn", "cho40")
OUTCOMES = ("recorded", "duplicate", "queued", "ignored", "refused", "invalid")
LOG_DAYS = 90
DEFAULT_SILENCE_HOURS = 24


class BankFeed(db.Model):
    """One source of pushed credits. Name, secret, commune and the active flag live on its webhook
    integration, so the review queue, its commune scope and our own signed format serve feeds unchanged."""

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("webhook_integration.id"), unique=True)
    provider: Mapped[str] = mapped_column(String(12))
    # Longer than this without a delivery and the officers' page flags the feed as silent.
    silence_hours: Mapped[int] = mapped_column(Integer, default=DEFAULT_SILENCE_HOURS)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_reason: Mapped[str | None] = mapped_column(String(255))

    integration = relationship("WebhookIntegration", lazy="joined")

    @property
    def name(self) -> str:
        """The feed's name, part of its address."""
        return self.integration.name

    @property
    def active(self) -> bool:
        """Deliveries are accepted only while active."""
        return self.integration.active

    @property
    def commune_code(self) -> str | None:
        """The commune whose officers see its unmatched credits (None: province-wide)."""
        return self.integration.commune_code


class FeedDelivery(db.Model):
    """One request a feed received and what became of it; kept 90 days. A refusal keeps no body."""

    __table_args__ = (
        # The provider's transaction id is the feed's idempotency key: only the first delivery of an id
        # carries it in `first_of`, so a retry cannot claim it again (NULLs never clash).
        UniqueConstraint("feed_id", "first_of"),
        Index("ix_feed_delivery_feed_id_received_at", "feed_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("bank_feed.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    provider_id: Mapped[str | None] = mapped_column(String(120))
    first_of: Mapped[str | None] = mapped_column(String(120))
    outcome: Mapped[str] = mapped_column(String(10), index=True)
    reason: Mapped[str | None] = mapped_column(String(255))
    status_code: Mapped[int] = mapped_column(Integer)
    account_number: Mapped[str | None] = mapped_column(String(40))
    amount: Mapped[int | None] = mapped_column(BigInteger)
    content: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(120))
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"))
    unmatched_id: Mapped[int | None] = mapped_column(ForeignKey("unmatched_credit.id"))
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    feed = relationship("BankFeed")
