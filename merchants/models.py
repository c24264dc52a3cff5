"""Merchants, their payment accounts, OCOP products and printed stall cards."""
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    and_,
    exists,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db
from market.core.i18n import lazy_gettext
from merchants.payment_codes import CODE_LENGTH, new_payment_code

MERCHANT_STATUSES = ("pending", "active", "suspended", "closed")
ACCOUNT_KINDS = ("bank_account", "card", "ewallet")
ACCOUNT_STATUSES = ("pending", "active", "disabled", "removed")
OCOP_GROUPS = {
    1: lazy_gettext("Thực phẩm"),
    2: lazy_gettext("Đồ uống"),
    3: lazy_gettext("Thảo dược"),
    4: lazy_gettext("Vải và may mặc"),
    5: lazy_gettext("Lưu niệm - nội thất - trang trí"),
    6: lazy_gettext("Dịch vụ du lịch cộng đồng và điểm du lịch"),
}


class Merchant(db.Model):
    __table_args__ = (
        UniqueConstraint("market_id", "stall_number"),
        Index("ix_merchant_village_id_status", "village_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(160))
    owner_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(60), default="khác")
    # Lower-case, diacritics-free copy of the names for accent-insensitive search.
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"))
    market_id: Mapped[int | None] = mapped_column(ForeignKey("market.id"), index=True)
    stall_number: Mapped[str | None] = mapped_column(String(20))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("street.id"), index=True)
    house_number: Mapped[str | None] = mapped_column(String(20))
    legacy_address: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_by: Mapped[str | None] = mapped_column(String(120))
    is_ocop: Mapped[bool] = mapped_column(default=False)
    # The short code payers put in the memo (merchants.payment_codes): it routes a credit to this stall.
    payment_code: Mapped[str | None] = mapped_column(String(CODE_LENGTH), unique=True, default=new_payment_code)
    consent_public: Mapped[bool] = mapped_column(default=False)
    # Printed on the revenue book (S1a-HKD) when the merchant enters it; 10 digits or 10-3 for a branch.
    tax_code: Mapped[str | None] = mapped_column(String(14))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    village = relationship("Village")
    market = relationship("Market")
    street = relationship("Street")
    accounts: Mapped[list["PaymentAccount"]] = relationship(
        back_populates="merchant", order_by="PaymentAccount.id")
    products: Mapped[list["OcopProduct"]] = relationship(
        back_populates="merchant", order_by="OcopProduct.id")

    @hybrid_property
    def is_active(self) -> bool:
        """Approved and trading (in SQL: a condition on the status)."""
        return self.status == "active"

    @hybrid_property
    def has_active_account(self) -> bool:
        """Can be paid by QR: at least one confirmed (active) payment account."""
        return any(account.is_active for account in self.accounts)

    @has_active_account.inplace.expression
    @classmethod
    def _has_active_account_expression(cls) -> ColumnElement[bool]:
        return exists().where(PaymentAccount.merchant_id == cls.id, PaymentAccount.is_active)


class PaymentAccount(db.Model):
    __table_args__ = (Index("ix_payment_account_bin_account_number", "bin", "account_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    bin: Mapped[str] = mapped_column(String(6))
    account_number: Mapped[str] = mapped_column(String(19), index=True)
    holder_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12), default="bank_account")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    is_primary: Mapped[bool] = mapped_column(default=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by: Mapped[str | None] = mapped_column(String(120))
    # Who last added or changed the account: the confirmer must be someone else (two-person rule).
    changed_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    merchant: Mapped[Merchant] = relationship(back_populates="accounts")

    @hybrid_property
    def is_active(self) -> bool:
        """Confirmed by a second person and not disabled or removed: money can be sent to it."""
        return self.status == "active"

    @hybrid_property
    def is_payee(self) -> bool:
        """The confirmed primary account: the one the merchant's QR codes and cards pay into."""
        return self.is_primary and self.is_active

    @is_payee.inplace.expression
    @classmethod
    def _is_payee_expression(cls) -> ColumnElement[bool]:
        return and_(cls.is_primary.is_(True), cls.status == "active")


class OcopProduct(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    group: Mapped[int] = mapped_column(Integer)
    stars: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    certificate_number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    channels: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    merchant: Mapped[Merchant] = relationship(back_populates="products")


class Card(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(16), unique=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("payment_account.id"), index=True)
    payload: Mapped[str] = mapped_column(String(512))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by: Mapped[str | None] = mapped_column(String(120))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(120))

    merchant: Mapped[Merchant] = relationship()
    account: Mapped[PaymentAccount] = relationship()

    @hybrid_property
    def is_live(self) -> bool:
        """Not revoked, and its merchant and account are both still active: the card is genuine."""
        return self.revoked_at is None and self.merchant.is_active and self.account.is_active

    @is_live.inplace.expression
    @classmethod
    def _is_live_expression(cls) -> ColumnElement[bool]:
        # In SQL the card's merchant and account must be joined to the query.
        return and_(cls.revoked_at.is_(None), Merchant.is_active, PaymentAccount.is_active)


class MerchantStatusChange(db.Model):
    """Every status a merchant has had and since when, so statistics can ask "active on day D?"."""

    __table_args__ = (Index("ix_merchant_status_change_merchant_id_changed_at", "merchant_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    status: Mapped[str] = mapped_column(String(12))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str | None] = mapped_column(String(120))

    merchant = relationship("Merchant")


class AccountStatusChange(db.Model):
    """Every status a payment account has had and since when (pending, active after the second person's
    confirmation, pending again after a change, disabled, removed)."""

    __table_args__ = (Index("ix_account_status_change_account_id_changed_at", "account_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("payment_account.id"))
    status: Mapped[str] = mapped_column(String(10))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str | None] = mapped_column(String(120))

    account = relationship("PaymentAccount")
