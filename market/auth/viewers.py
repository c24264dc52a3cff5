"""Read-only "xem tiền về" logins: a helper the merchant names watches the money screen, nothing else.

The merchant makes a one-time sign-in link (valid a day) and opens it on the helper's phone; the link
binds that browser's session to the helper, and the merchant can revoke the helper at any time.
"""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import session
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import N_

SESSION_KEY = "cho40_money_viewer"
ROLE = "money_viewer"
LINK_LIFETIME = timedelta(hours=24)


class MoneyViewer(db.Model):
    """A helper allowed to watch one merchant's incoming money."""

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    # SHA-256 of the one-time link's secret; cleared once a phone has used it.
    link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(merchant_id: int, name: str, created_by: str) -> tuple[MoneyViewer, str]:
    """A new helper and the secret of its one-time sign-in link (shown once)."""
    secret = secrets.token_urlsafe(24)
    viewer = MoneyViewer(merchant_id=merchant_id, name=name, link_hash=_digest(secret),
                         link_expires_at=utcnow() + LINK_LIFETIME, created_by=created_by)
    db.session.add(viewer)
    db.session.flush()
    return viewer, secret


def by_link(secret: str) -> MoneyViewer:
    """The active helper whose unused, unexpired link this is; 404 otherwise."""
    viewer = db.session.scalar(select(MoneyViewer).where(MoneyViewer.link_hash == _digest(secret[:64])))
    if viewer is None or viewer.revoked_at is not None or viewer.link_expires_at < utcnow():  # type: ignore[operator]
        raise AppError(404, "not_found", N_("Liên kết không còn hiệu lực. Nhờ chủ sạp tạo liên kết mới."))
    return viewer


def sign_in(secret: str) -> MoneyViewer:
    """Use the link once: this browser's session becomes the helper's."""
    viewer = by_link(secret)
    viewer.link_hash, viewer.link_expires_at, viewer.signed_in_at = None, None, utcnow()
    session.clear()
    session[SESSION_KEY] = viewer.id
    session.permanent = True
    return viewer


def revoke(merchant_id: int, viewer_id: int) -> MoneyViewer:
    """The merchant takes the helper's access back; its phone is signed out at its next request."""
    viewer = db.session.get(MoneyViewer, viewer_id)
    if viewer is None or viewer.merchant_id != merchant_id:
        raise AppError(404, "not_found", N_("Không tìm thấy người xem này."))
    if viewer.revoked_at is None:
        viewer.revoked_at, viewer.link_hash = utcnow(), None
    return viewer


def of_merchant(merchant_id: int) -> list[MoneyViewer]:
    """The merchant's helpers, newest first, revoked ones included."""
    return list(db.session.scalars(select(MoneyViewer).where(MoneyViewer.merchant_id == merchant_id)
                                   .order_by(MoneyViewer.id.desc())))


def current() -> MoneyViewer | None:
    """The active helper signed in on this browser, if any."""
    viewer_id = session.get(SESSION_KEY)
    if not isinstance(viewer_id, int):
        return None
    viewer = db.session.get(MoneyViewer, viewer_id)
    return viewer if viewer is not None and viewer.revoked_at is None else None
