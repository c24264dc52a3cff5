"""The app served by real gunicorn (threaded workers, as deployed) on one of this suite's loopback ports."""
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def gunicorn(database_url: str, port: int, workers: int = 2, **settings: str) -> Iterator[str]:
    """Serve wsgi:app with `workers` gthread workers; yields the base URL, stops the server after."""
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "browser-test-secret-key-0123456789",
           "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0", **settings}
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--worker-class", "gthread", "--threads", "16", "--graceful-timeout", "1", "wsgi:app"]
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _wait_healthy(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before answering /healthz")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not become healthy in 30 s")
