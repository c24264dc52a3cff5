"""One delivery from a feed: authenticate it the provider's way, read it, record it once or queue it.

Every delivery leaves a line in the log. A refusal's line keeps no body (the request was not proven to
come from the provider); a delivery we could not read keeps what it said, so nothing accepted is lost.
"""
import json
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from sqlalchemy import select

from market.core.database import keep_writes_on_error
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import N_
from market.feeds.matching import bank_bin, match
from market.feeds.models import BankFeed, FeedDelivery
from market.feeds.providers import BY_NAME, vietqr_vn
from market.feeds.providers.base import Credit, Result, refused
from market.fees.credits import IncomingCredit, take_credit
from market.transactions.models import UnmatchedCredit, WebhookIntegration
from market.transactions.recording import insert_new
from market.transactions.webhooks import queue_credit, record_credit

Answer = tuple[dict[str, Any], int]


def feed_named(name: str) -> BankFeed:
    """The feed at this address; none answers 401 like a wrong key, so feed names cannot be probed."""
    feed = db.session.scalar(select(BankFeed).join(WebhookIntegration).where(WebhookIntegration.name == name[:80]))
    if feed is None:
        raise AppError(401, "unauthorized", N_("Không nhận ra nguồn tiền vào hoặc khoá xác thực."))
    return feed


def provider_of(feed: BankFeed) -> ModuleType:
    """The module speaking this feed's provider's format."""
    return BY_NAME[feed.provider]


def receive(name: str, headers: Mapping[str, str], raw: bytes) -> Answer:
    """Handle one delivery and answer it as its provider expects."""
    feed = feed_named(name)
    provider = provider_of(feed)
    try:
        if not feed.active:
            raise refused("feed", N_("Nguồn tiền vào này đã bị tắt."))
        provider.authenticate(feed.integration.secret, headers, raw)
    except AppError as error:
        return refuse(feed, provider, error, "refused", None)
    try:
        credit = provider.parse(raw)
    except AppError as error:
        return refuse(feed, provider, error, "invalid", _readable(raw))
    return provider.answer(accept(feed, credit))


def refuse(feed: BankFeed, provider: ModuleType, error: AppError, outcome: str, body: Any) -> Answer:
    """Log a refused or unreadable delivery (kept although the answer is an error) and answer it."""
    db.session.add(FeedDelivery(feed_id=feed.id, outcome=outcome, reason=(error.description or "")[:255],
                                status_code=error.code or 400, raw=body))
    keep_writes_on_error()
    return provider.refusal(error)


def _readable(raw: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _line(feed: BankFeed, credit: Credit, outcome: str, **values: Any) -> dict[str, Any]:
    return {"feed_id": feed.id, "provider_id": credit.provider_id, "outcome": outcome, "status_code": 200,
            "account_number": credit.account_number, "amount": credit.amount, "content": credit.content,
            "reference": credit.reference, "occurred_at": credit.occurred_at, "raw": credit.raw, **values}


def accept(feed: BankFeed, credit: Credit) -> Result:
    """Record or queue a readable delivery once per provider id; a retry answers like the first."""
    if not credit.incoming:
        line = FeedDelivery(**_line(feed, credit, "ignored", reason="Giao dịch tiền ra."))
        db.session.add(line)
        db.session.flush()
        return Result("ignored", line.id)
    claim = insert_new(FeedDelivery, **_line(feed, credit, "queued", first_of=credit.provider_id))
    if claim is None:
        return _retry(feed, credit)
    outcome, transaction_id, unmatched_id = store(feed, credit)
    claim.outcome, claim.transaction_id, claim.unmatched_id = outcome, transaction_id, unmatched_id
    db.session.flush()
    return Result(outcome, claim.id, transaction_id, unmatched_id)


def _retry(feed: BankFeed, credit: Credit) -> Result:
    first = db.session.scalar(select(FeedDelivery).where(
        FeedDelivery.feed_id == feed.id, FeedDelivery.first_of == credit.provider_id))
    assert first is not None  # the conflict that brought us here is that very row
    transaction_id = first.transaction_id
    if transaction_id is None and first.unmatched_id is not None:
        # Queued first, assigned by an officer since: the provider learns where it was recorded.
        transaction_id = db.session.get(UnmatchedCredit, first.unmatched_id).transaction_id  # type: ignore[union-attr]
    db.session.add(FeedDelivery(**_line(feed, credit, "duplicate", transaction_id=transaction_id,
                                        unmatched_id=first.unmatched_id, reason=f"Lặp lại lần nhận #{first.id}.")))
    return Result("duplicate", first.id, transaction_id, first.unmatched_id)


def _queued_by_another_feed(credit: Credit) -> UnmatchedCredit | None:
    """The same bank reference for the same account, already queued by another feed."""
    return db.session.scalar(select(UnmatchedCredit).where(
        UnmatchedCredit.reference == credit.reference, UnmatchedCredit.account_number == credit.account_number
    ).limit(1))


def store(feed: BankFeed, credit: Credit) -> tuple[str, int | None, int | None]:
    """(outcome, transaction id, queued credit id): a market fee (a board's account: its bill codes come
    first), the merchant's transaction, or the review queue."""
    fee = take_credit(IncomingCredit(credit.account_number, credit.amount, credit.content, credit.reference,
                                     credit.occurred_at, "feed", credit.raw), f"feed:{feed.name}")
    if fee is not None:
        return fee, None, None
    bin = bank_bin(credit.bank)
    webhook_credit = credit.as_webhook_credit(bin)
    target = match(credit.content, credit.account_number, bin)
    if target is not None:
        result, status = record_credit(feed.integration, target[0], target[1], webhook_credit)
        return ("recorded" if status == 201 else "duplicate"), result["transaction_id"], None
    earlier = _queued_by_another_feed(credit)
    if earlier is not None:
        return "duplicate", earlier.transaction_id, earlier.id
    result, status = queue_credit(feed.integration, webhook_credit, credit.raw)
    return ("queued" if status == 202 else "duplicate"), result["transaction_id"], result["unmatched_id"]


def vietqr_token(name: str, headers: Mapping[str, str]) -> Answer:
    """VietQR.vn's token step: refused (and logged) unless the feed speaks VietQR.vn and the Basic login fits."""
    feed = feed_named(name)
    provider = provider_of(feed)
    try:
        if feed.provider != "vietqr_vn" or not feed.active:
            raise refused("feed", N_("Nguồn này không nhận VietQR.vn hoặc đã bị tắt."))
        return vietqr_vn.issue_token(feed.name, feed.integration.secret, headers), 200
    except AppError as error:
        return refuse(feed, provider, error, "refused", None)
