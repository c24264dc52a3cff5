"""People who log in to the pages, and API clients with bearer tokens."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db
from market.core.i18n import lazy_gettext

ROLES = ("admin", "commune", "village_head", "merchant")
ROLE_NAMES = {"admin": lazy_gettext("Quản trị"), "commune": lazy_gettext("Cán bộ xã"),
              "village_head": lazy_gettext("Trưởng thôn / BQL chợ"), "merchant": lazy_gettext("Tiểu thương")}


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id"))
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchant.id"), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on password change/logout-everywhere so old sessions stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    setup_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    setup_token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # For pages: the scope by name, never by internal id.
    commune = relationship("Commune", viewonly=True)
    village = relationship("Village", viewonly=True)
    merchant = relationship("Merchant", viewonly=True)

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_locked(self) -> bool:
        """True while a lock-out after failed logins lasts."""
        return self.locked_until is not None and self.locked_until > utcnow()

    @property
    def has_password(self) -> bool:
        """False until the person has used their set-password link."""
        return self.password_hash is not None


class ApiToken(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id"))
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchant.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
