"""How each feed is doing: last delivery, last credit, the last day's deliveries and refusals, silence."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from market.auth.principal import Principal
from market.core.dbtypes import utcnow
from market.core.extensions import db
from market.feeds.models import BankFeed, FeedDelivery
from market.feeds.services import visible_feeds

CREDIT_OUTCOMES = ("recorded", "queued", "duplicate")
REFUSALS = ("refused", "invalid")


@dataclass(frozen=True)
class FeedHealth:
    """One feed's figures; `silent` when nothing arrived for longer than its usual gap."""

    feed: BankFeed
    last_delivery: datetime | None
    last_credit: datetime | None
    deliveries_24h: int
    refusals_24h: int
    silent: bool


def _figures(feed_ids: list[int]) -> dict[int, tuple]:
    since = utcnow() - timedelta(hours=24)
    recent = FeedDelivery.received_at >= since
    query = (select(FeedDelivery.feed_id, func.max(FeedDelivery.received_at),
                    func.max(case((FeedDelivery.outcome.in_(CREDIT_OUTCOMES), FeedDelivery.received_at))),
                    func.count(case((recent, 1))),
                    func.count(case((recent & FeedDelivery.outcome.in_(REFUSALS), 1))))
             .where(FeedDelivery.feed_id.in_(feed_ids)).group_by(FeedDelivery.feed_id))
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def is_silent(feed: BankFeed, last_delivery: datetime | None) -> bool:
    """An active feed quiet for longer than its gap (counted from its creation when it never spoke)."""
    since = last_delivery or feed.created_at
    return feed.active and utcnow() - since > timedelta(hours=feed.silence_hours)


def feed_health(principal: Principal) -> list[FeedHealth]:
    """The health of every feed the caller may see (one grouped query over the log)."""
    feeds = visible_feeds(principal)
    figures = _figures([feed.id for feed in feeds])
    rows = []
    for feed in feeds:
        last, credit, deliveries, refusals = figures.get(feed.id, (None, None, 0, 0))
        rows.append(FeedHealth(feed, last, credit, deliveries, refusals, is_silent(feed, last)))
    return rows
