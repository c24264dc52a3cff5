"""The amount QRs a merchant showed: each code, first in the memo, ties a credit back to the amount asked."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db


class AmountQr(db.Model):
    """A QR with an amount the merchant showed, and the code its memo starts with."""

    __table_args__ = (UniqueConstraint("merchant_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    code: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
