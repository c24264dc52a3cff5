"""Each process's hub: a credit reaches the open screens of its merchant only; an idle listener stops."""
import threading

from market.transactions.live.hub import Hub
from market.transactions.live.listeners import parse_payload


def _no_listener(hub):
    hub.ready.set()
    return threading.Thread(target=lambda: None)


def test_a_credit_reaches_every_screen_of_its_merchant_and_no_other():
    hub = Hub()
    first, second, other = (hub.subscribe(merchant, _no_listener) for merchant in (7, 7, 8))
    hub.deliver([{"merchant_id": 7, "transaction_id": 1}])
    assert first.get_nowait()["transaction_id"] == 1 and second.get_nowait()["transaction_id"] == 1
    assert other.empty()


def test_the_listener_stops_only_when_no_screen_has_been_open_for_a_while():
    hub = Hub()
    screen = hub.subscribe(7, _no_listener)
    assert not hub.retire(idle_seconds=0)
    hub.unsubscribe(7, screen)
    assert hub.watched() == set() and not hub.retire(idle_seconds=60)
    assert hub.retire(idle_seconds=0) and not hub.ready.is_set()


def test_only_well_formed_notifications_are_read():
    assert parse_payload("41:7") == (41, 7)
    assert parse_payload("41") is None and parse_payload("x:7") is None
