"""Browser fixtures: the app served for real on loopback, Debian's Chromium driven by Playwright.

No browser is ever downloaded: Chromium comes from the system (/usr/bin/chromium, installed by
scripts/test.sh when missing). Each page fails the test on a JavaScript error, a console error
(CSP violations are reported there) or a failed request to our own server.
"""
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


@dataclass
class LiveServer:
    """The app on a loopback port, and the URL to reach it."""

    app: Flask
    url: str


@pytest.fixture
def live_server(make_app: Any) -> Iterator[LiveServer]:
    """The real app with CSRF and production rate limits, served by werkzeug in a background thread."""
    app = make_app(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True, TESTING=False, DEBUG=False,
                   SECRET_KEY="browser-test-secret-key-0123456789")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = url  # set-password links and card verify addresses point here
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless system Chromium (never a downloaded one)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh (installs Debian's chromium) "
                    "or set CHROMIUM_PATH; browsers are never downloaded.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Problems:
    """What went wrong in the pages: JS exceptions, console errors, failed requests."""

    base_url: str
    seen: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> Any:
        """Record every problem `page` reports from now on."""
        page.on("pageerror", lambda error: self.seen.append(f"pageerror {page.url}: {error}"))
        page.on("console", lambda message: message.type == "error" and self.seen.append(
            f"console error {page.url}: {message.text}"))
        page.on("requestfailed", self._failed)
        return page

    def _failed(self, request: Any) -> None:
        # ERR_ABORTED is the browser cancelling a request because the page moved on (e.g. the favicon).
        if request.url.startswith(self.base_url) and request.failure != "net::ERR_ABORTED":
            self.seen.append(f"request failed {request.url}: {request.failure}")


@pytest.fixture
def problems(live_server: LiveServer) -> Iterator[Problems]:
    """Collects page problems; the test fails at the end if there was any."""
    found = Problems(live_server.url)
    yield found
    assert found.seen == [], "\n".join(found.seen)


class Shots:
    """Numbered screenshots of each step under artifacts/browser/."""

    def __init__(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page: Any, name: str) -> Path:
        """Save a full-page screenshot as NN-name.png."""
        self.count += 1
        path = ARTIFACTS / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shot() -> Shots:
    """Take the numbered screenshot of a step."""
    return Shots()
