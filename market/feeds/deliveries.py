"""The delivery log: read it (filtered), replay a queued delivery once the register is fixed, forget old lines."""
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update

from market.auth.permissions import can_manage_commune, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.clock import local_midnight_utc
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import N_, gettext
from market.feeds.matching import match
from market.feeds.models import LOG_DAYS, FeedDelivery
from market.feeds.services import visible_feeds
from market.places.models import Village
from market.transactions.models import UnmatchedCredit
from market.transactions.webhooks import record_credit
from merchants.models import Merchant

LIST_LIMIT = 500


def list_deliveries(principal: Principal, filters: dict[str, Any]) -> list[FeedDelivery]:
    """Log lines of the feeds the caller may see, newest first, by feed, outcome and local days."""
    feed_ids = [feed.id for feed in visible_feeds(principal)]
    query = select(FeedDelivery).where(FeedDelivery.feed_id.in_(feed_ids))
    if filters.get("feed"):
        query = query.where(FeedDelivery.feed_id == filters["feed"])
    if filters.get("outcome"):
        query = query.where(FeedDelivery.outcome == filters["outcome"])
    if filters.get("date_from"):
        query = query.where(FeedDelivery.received_at >= local_midnight_utc(filters["date_from"]))
    if filters.get("date_to"):
        query = query.where(FeedDelivery.received_at < local_midnight_utc(filters["date_to"] + timedelta(days=1)))
    query = query.order_by(FeedDelivery.received_at.desc(), FeedDelivery.id.desc())
    return list(db.session.scalars(query.limit(filters.get("limit") or LIST_LIMIT)))


def _queued_delivery(principal: Principal, delivery_id: int) -> tuple[FeedDelivery, UnmatchedCredit]:
    delivery = db.session.get(FeedDelivery, delivery_id)
    if delivery is None or delivery.feed_id not in {feed.id for feed in visible_feeds(principal)}:
        raise AppError(404, "not_found", gettext("Không tìm thấy lần nhận %(id)s.", id=delivery_id))
    credit = db.session.get(UnmatchedCredit, delivery.unmatched_id) if delivery.unmatched_id else None
    if credit is None or credit.status != "open":
        raise invalid("outcome", N_("Chỉ phát lại được lần nhận đang chờ xem xét (chưa gán, chưa bỏ qua)."), 409,
                      "not_queued")
    return delivery, credit


def _commune_of(merchant_id: int) -> str:
    return db.session.scalar(select(Village.commune_code).join(Merchant, Merchant.village_id == Village.id)
                             .where(Merchant.id == merchant_id))  # type: ignore[return-value]


def replay(principal: Principal, delivery_id: int) -> FeedDelivery:
    """Match a queued delivery again (after the register was fixed): record it and close its review item."""
    delivery, credit = _queued_delivery(principal, delivery_id)
    target = match(credit.content, credit.account_number, None)
    if target is None:
        raise invalid("delivery", N_("Vẫn chưa khớp được mã thanh toán hay số tài khoản nào trong sổ."), 409, "no_match")
    commune = _commune_of(target[0])
    ensure(principal, can_manage_commune(principal, commune))
    claimed = db.session.execute(update(UnmatchedCredit).where(
        UnmatchedCredit.id == credit.id, UnmatchedCredit.status == "open").values(
        status="assigned", resolved_at=utcnow(), resolved_by=principal.label))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise invalid("outcome", N_("Khoản này vừa được người khác xử lý."), 409, "already_resolved")
    webhook_credit = {"account_number": credit.account_number, "amount": credit.amount, "content": credit.content,
                      "reference": credit.reference, "occurred_at": credit.occurred_at}
    result, _ = record_credit(delivery.feed.integration, target[0], target[1], webhook_credit)
    credit.transaction_id = delivery.transaction_id = result["transaction_id"]
    line = FeedDelivery(feed_id=delivery.feed_id, provider_id=delivery.provider_id, outcome="recorded",
                        status_code=200, reason=f"Phát lại lần nhận #{delivery.id} ({principal.label})"[:255],
                        account_number=credit.account_number, amount=credit.amount, content=credit.content,
                        reference=credit.reference, occurred_at=credit.occurred_at,
                        transaction_id=result["transaction_id"], unmatched_id=credit.id)
    db.session.add(line)
    db.session.flush()
    record(principal, "feed_delivery.replay", "feed_delivery", delivery.id, before={"status": "open"},
           after={"merchant_id": target[0], "account_id": target[1], "transaction_id": result["transaction_id"]},
           commune_code=commune)
    return line


def purge(days: int = LOG_DAYS) -> int:
    """Forget log lines older than `days`. Credits and transactions stay, and their own unique references
    still keep a very late retry from recording twice."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(delete(FeedDelivery).where(FeedDelivery.received_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
