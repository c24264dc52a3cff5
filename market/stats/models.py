"""Indicators of the cashless criteria, the targets a commune sets, and survey figures."""
from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db
from market.transactions.models import Transaction

SCOPE_KINDS = ("street", "market", "village", "commune")

# Adoption figures read a merchant's transactions of a day range; with method, amount and the
# reversal flag in the index SQLite and PostgreSQL answer from the index alone.
Index("ix_transaction_stats_cover", Transaction.merchant_id, Transaction.local_day, Transaction.method,
      Transaction.amount, Transaction.reverses_id)


class Indicator(db.Model):
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    numerator: Mapped[str] = mapped_column(Text)
    denominator: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(20), default="%")
    framework: Mapped[str] = mapped_column(String(80))
    # "computed" from the register, or "survey" (entered per village and period).
    source: Mapped[str] = mapped_column(String(10), default="computed")
    # Comma-separated scope kinds the indicator is reported for.
    applies_to: Mapped[str] = mapped_column(String(60), default="street,market,village,commune")
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)


class Target(db.Model):
    """A target of a commune for one scope kind; rows without a commune are the seeded defaults."""

    __table_args__ = (UniqueConstraint("commune_code", "scope_kind", "indicator_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"))
    scope_kind: Mapped[str] = mapped_column(String(10))
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    value: Mapped[float] = mapped_column(Float)
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SurveyValue(db.Model):
    __table_args__ = (UniqueConstraint("village_id", "indicator_code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"))
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    # "YYYY-MM": the month the survey describes.
    period: Mapped[str] = mapped_column(String(7))
    value: Mapped[float] = mapped_column(Float)
    entered_by: Mapped[str] = mapped_column(String(120))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
