"""The market board's payee account, fee kinds, meter readings, bills, credits and payments.

Nothing here is deleted: a bill is paid by payment rows, a credit is resolved by filling in who and why.
"""
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db

FEE_PERIODS = ("month", "day", "one_off")
BILL_STATUSES = ("unpaid", "partly_paid", "paid", "paid_cash")
PAYMENT_METHODS = ("transfer", "cash", "credit")
CREDIT_STATUSES = ("applied", "open", "assigned", "dismissed")


class MarketPayee(db.Model):
    """The bank account of a market's managing body: pending until a second person confirms it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"), unique=True)
    bin: Mapped[str] = mapped_column(String(6))
    account_number: Mapped[str] = mapped_column(String(19), index=True)
    holder_name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    changed_by: Mapped[str | None] = mapped_column(String(120))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by: Mapped[str | None] = mapped_column(String(120))
    # The market's public page shows the paid/unpaid board only when the board turns this on.
    public_board: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    market = relationship("Market")


class FeeKind(db.Model):
    """A fee of one market (Phí chợ, Vệ sinh, Điện…): amount per stall per period, or per metered unit."""

    __table_args__ = (UniqueConstraint("market_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    # One or two letters, unique in the market: the last part of each bill's payment code.
    code: Mapped[str] = mapped_column(String(3))
    period: Mapped[str] = mapped_column(String(8), default="month")
    amount: Mapped[int] = mapped_column(BigInteger, default=0)
    # Metered fees (electricity, water): the bill is the month's reading times this price per unit.
    unit_price: Mapped[int | None] = mapped_column(BigInteger)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    overrides: Mapped[list["FeeOverride"]] = relationship(order_by="FeeOverride.id")

    @property
    def metered(self) -> bool:
        """Billed from meter readings rather than a fixed amount."""
        return self.unit_price is not None


class FeeOverride(db.Model):
    """A stall's own amount for a fee (a bigger stall pays more)."""

    __table_args__ = (UniqueConstraint("fee_id", "merchant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fee_id: Mapped[int] = mapped_column(ForeignKey("fee_kind.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    amount: Mapped[int] = mapped_column(BigInteger)


class MeterReading(db.Model):
    """A stall's meter at the start and end of a month, for a metered fee."""

    __table_args__ = (UniqueConstraint("fee_id", "merchant_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fee_id: Mapped[int] = mapped_column(ForeignKey("fee_kind.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    period: Mapped[str] = mapped_column(String(7))
    previous: Mapped[int] = mapped_column(BigInteger)
    current: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BillRun(db.Model):
    """That a market's bills of a month were made; later changes to that month's fees are refused."""

    __table_args__ = (UniqueConstraint("market_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"))
    period: Mapped[str] = mapped_column(String(7))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Bill(db.Model):
    """What one stall owes for one fee kind in one month, and how much of it is paid."""

    __table_args__ = (
        UniqueConstraint("fee_id", "merchant_id", "period"),
        UniqueConstraint("market_id", "payment_code"),
        Index("ix_bill_market_id_period_status", "market_id", "period", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    fee_id: Mapped[int] = mapped_column(ForeignKey("fee_kind.id"))
    period: Mapped[str] = mapped_column(String(7))
    stall: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    cash_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(12), default="unpaid")
    payment_code: Mapped[str] = mapped_column(String(24))
    # Random and unguessable: the share link (Zalo) opens the bill's QR page without signing in.
    share_token: Mapped[str] = mapped_column(String(32), unique=True)
    receipt_serial: Mapped[str | None] = mapped_column(String(24), unique=True)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    fee: Mapped[FeeKind] = relationship()
    merchant = relationship("Merchant")
    market = relationship("Market")

    @property
    def owed(self) -> int:
        """What is still to pay."""
        return max(self.amount - self.paid_amount, 0)


class FeeCredit(db.Model):
    """Money that reached a board's account (feed or statement): applied to bills, or queued for review."""

    __table_args__ = (UniqueConstraint("market_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"), index=True)
    source: Mapped[str] = mapped_column(String(10))
    account_number: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(120))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(String(255))
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class FeePayment(db.Model):
    """Money put towards a bill (transfer, cash with a receipt number, or the stall's earlier overpayment),
    or, with no bill, an overpayment kept as the stall's credit (negative when that credit is used)."""

    __table_args__ = (
        UniqueConstraint("market_id", "receipt_number"),
        Index("ix_fee_payment_market_id_merchant_id", "market_id", "merchant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("market.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    credit_id: Mapped[int | None] = mapped_column(ForeignKey("fee_credit.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(10))
    receipt_number: Mapped[str | None] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    credit: Mapped[FeeCredit | None] = relationship()
