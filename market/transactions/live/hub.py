"""Each worker process's open money screens, by merchant, fed by one listener thread per process."""
import os
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Screen = queue.SimpleQueue
# A listener with no screen to feed for this long stops (and frees its connection) until the next screen.
IDLE_SECONDS = 60.0


class Hub:
    """Screens subscribe to a merchant; the listener delivers each credit event to that merchant's screens."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._screens: dict[int, set[Screen]] = defaultdict(set)
        self._pid = os.getpid()
        self._listener: threading.Thread | None = None
        self._idle_since = time.monotonic()
        self.ready = threading.Event()
        # Set by a commit in this process so a polling listener looks at once instead of at its next tick.
        self.wakeup = threading.Event()

    def _after_fork(self) -> None:
        # Threads do not survive fork: a worker forked from a process that had listened starts afresh.
        if self._pid != os.getpid():
            self._pid, self._listener, self._screens = os.getpid(), None, defaultdict(set)
            self.ready, self.wakeup = threading.Event(), threading.Event()

    def subscribe(self, merchant_id: int, start_listener: Callable[["Hub"], threading.Thread],
                  wait: float = 10.0) -> Screen:
        """A queue receiving the merchant's credit events; the process's listener runs (and listens) first."""
        screen: Screen = queue.SimpleQueue()
        with self._lock:
            self._after_fork()
            self._screens[merchant_id].add(screen)
            if self._listener is None or not self._listener.is_alive():
                self._listener = start_listener(self)
        self.ready.wait(wait)
        return screen

    def unsubscribe(self, merchant_id: int, screen: Screen) -> None:
        """Forget a closed screen."""
        with self._lock:
            screens = self._screens.get(merchant_id)
            if screens is not None:
                screens.discard(screen)
                if not screens:
                    del self._screens[merchant_id]
            if not self._screens:
                self._idle_since = time.monotonic()

    def retire(self, idle_seconds: float = IDLE_SECONDS) -> bool:
        """True (and the listener is forgotten) when no screen has been open for `idle_seconds`."""
        with self._lock:
            if self._screens or time.monotonic() - self._idle_since < idle_seconds:
                return False
            self._listener = None
            self.ready.clear()
            return True

    def watched(self) -> set[int]:
        """The merchants with at least one open screen in this process."""
        with self._lock:
            return set(self._screens)

    def screens(self) -> int:
        """How many screens are open in this process."""
        with self._lock:
            return sum(len(screens) for screens in self._screens.values())

    def deliver(self, events: list[dict[str, Any]]) -> None:
        """Put each event on the queues of its merchant's screens."""
        with self._lock:
            targets = [(event, list(self._screens.get(event["merchant_id"], ()))) for event in events]
        for event, screens in targets:
            for screen in screens:
                screen.put(event)


HUB = Hub()
