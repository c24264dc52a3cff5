"""The live credit stream of one merchant, as Server-Sent Events.

An open stream holds a thread of its worker (gunicorn gthread) but no database connection: the catch-up is
read before the first byte, then the stream only waits on its queue. It ends after a while so that threads
are recycled; the browser's EventSource reconnects by itself with Last-Event-ID and misses nothing.
"""
import json
import queue
import time
from collections.abc import Iterator
from typing import Any

from flask import current_app

from market.auth.permissions import can_watch_credits, ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.transactions.live import events, listeners, publish
from market.transactions.live.hub import HUB, Screen
from market.transactions.live.words import clip_names, missed_sentence, received_sentence, shortfall_sentence
from merchants.models import Merchant

HEARTBEAT_SECONDS = 15
RETRY_MILLISECONDS = 2000


def spoken(event: dict[str, Any]) -> str:
    """What the screen says for one credit, the shortfall of an amount QR included."""
    sentence = received_sentence(event["amount"])
    if event.get("short_by"):
        sentence += ". " + shortfall_sentence(event["short_by"])
    return sentence


def frame(data: dict[str, Any], event_id: int | None = None, kind: str | None = None) -> str:
    """One SSE frame: optional id and event name, then the JSON data."""
    head = (f"id: {event_id}\n" if event_id is not None else "") + (f"event: {kind}\n" if kind else "")
    return f"{head}data: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


def credit_frame(event: dict[str, Any], replay: bool = False) -> str:
    """The frame of one credit, with the sentence to say."""
    say = spoken(event)
    return frame({**event, "say": say, "clips": clip_names(say), "replay": replay}, event["transaction_id"])


def _ready(replayed: int) -> str:
    """The frame that ends the catch-up; several missed credits are announced together first."""
    say = missed_sentence(replayed) if replayed > 1 else ""
    return frame({"replayed": replayed, "say": say, "clips": clip_names(say)}, kind="ready")


def _opening(merchant_id: int, after: int | None) -> tuple[list[str], int, set[int]]:
    """The frames sent before going live, the id the screen is known to have, and the ids replayed."""
    connection = db.session.connection()
    today = events.today_so_far(connection, merchant_id)
    if after is None:
        return [frame(today, today["last_id"], "today"), _ready(0)], today["last_id"], set()
    missed = events.events_after(connection, merchant_id, after)
    frames = [frame(today, kind="today")] + [credit_frame(event, replay=True) for event in missed]
    frames.append(_ready(len(missed)))
    return frames, after, {event["transaction_id"] for event in missed}


def _live(merchant_id: int, screen: Screen, opening: list[str], known: int, sent: set[int],
          lifetime: float) -> Iterator[str]:
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        yield from opening
        deadline = time.monotonic() + lifetime
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = screen.get(timeout=min(HEARTBEAT_SECONDS, left))
            except queue.Empty:
                yield ": ping\n\n"
                continue
            # A NOTIFY of a credit the screen already has may still reach this process after the catch-up.
            if event["transaction_id"] > known and event["transaction_id"] not in sent:
                sent.add(event["transaction_id"])
                yield credit_frame(event)
    finally:
        HUB.unsubscribe(merchant_id, screen)


def open_stream(principal: Principal, merchant_id: int, after: int | None) -> Iterator[str]:
    """The merchant's credits from `after` on (or today's summary first), then live, for a while."""
    ensure(principal, can_watch_credits(principal, merchant_id))
    # Listen before reading the catch-up, so nothing committed in between is lost (duplicates are dropped).
    screen = HUB.subscribe(merchant_id, listeners.starter(db.engine, publish.channel()))
    try:
        if db.session.get(Merchant, merchant_id) is None:
            raise AppError(404, "not_found", gettext("Không tìm thấy hộ kinh doanh %(id)s.", id=merchant_id))
        opening, known, sent = _opening(merchant_id, after)
    except Exception:
        HUB.unsubscribe(merchant_id, screen)
        raise
    return _live(merchant_id, screen, opening, known, sent, current_app.config["LIVE_STREAM_SECONDS"])
