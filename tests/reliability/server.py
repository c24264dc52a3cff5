"""Run the real service under gunicorn on loopback and put write load on it (shared by bench/ and tests).

Only 127.0.0.1 is ever targeted. Servers run in their own process group so a crash test can SIGKILL
the master and every worker, exactly as a power cut would.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SECRET = "reliability-only-secret-key"
PG_ADMIN_URL = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(database_url: str) -> dict[str, str]:
    """Environment of the CLI and the server: the database, a real secret, no rate limits."""
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET, "RATELIMIT_ENABLED": "0",
            "PUBLIC_BASE_URL": "https://cho40.example", "FLASK_DEBUG": "0"}


def flask_cli(database_url: str, *args: str) -> str:
    """Run `flask --app wsgi ARGS` against the database; its standard output."""
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                          env=server_env(database_url), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def prepare(database_url: str, migrate: bool = True) -> str:
    """Migrate, load the admin units and the demo village; return a new admin bearer token."""
    if migrate:
        flask_cli(database_url, "db", "upgrade")
        flask_cli(database_url, "import-admin-units")
    flask_cli(database_url, "seed-demo")
    return flask_cli(database_url, "create-api-token", "--role", "admin", "--name", "reliability").split()[-1]


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throw-away PostgreSQL database on 127.0.0.1, dropped afterwards."""
    import psycopg

    name = f"cho40_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(kind: str) -> Iterator[str]:
    """A fresh empty database of `kind` (sqlite: a file in a temp dir; postgresql), removed afterwards."""
    if kind == "postgresql":
        with postgres_database() as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="cho40-reliability-") as workdir:
        yield f"sqlite:///{workdir}/cho40.sqlite"


def call(port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
         timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request to the loopback server: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body)
        all_headers = {**({"Content-Type": "application/json"} if data else {}), **(headers or {})}
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class Gunicorn:
    """`gunicorn wsgi:app` with N sync workers on a free loopback port, in its own process group."""

    def __init__(self, database_url: str, workers: int = 4) -> None:
        self.database_url, self.workers = database_url, workers
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_within: float = 30) -> Gunicorn:
        """Start and wait until /healthz answers 200 and every worker is up."""
        # --preload: the app is imported once and forked, so (re)starts take one import, not one per worker.
        command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"{HOST}:{self.port}",
                   "--preload", "--log-level", "warning", "--graceful-timeout", "5", "wsgi:app"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=server_env(self.database_url),
                                        start_new_session=True)
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if len(self.worker_pids()) == self.workers and self._healthy():
                return self
            time.sleep(0.05)
        self.kill_all()
        raise RuntimeError("gunicorn did not become ready")

    def _healthy(self) -> bool:
        try:
            return call(self.port, "GET", "/healthz", timeout=2)[0] == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        """Pids of the master's worker processes (Linux /proc)."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def kill_worker(self) -> int:
        """SIGKILL one worker (the master will fork a replacement); its pid."""
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill_all(self) -> None:
        """SIGKILL the master and every worker at once: nothing gets to clean up."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Graceful stop (SIGTERM), SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill_all()

    def cpu_seconds(self) -> float:
        """CPU seconds used so far by the current workers (to compare cost per request)."""
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")


@dataclass
class WriteLoad:
    """Threads posting sales with unique Idempotency-Keys; remembers which ones were acknowledged."""

    port: int
    token: str
    merchant_ids: list[int]
    threads: int = 4
    limit: int = 100_000
    acked: dict[str, int] = field(default_factory=dict)  # key -> transaction id, for each 2xx
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> body, every attempt
    failures: int = 0
    unexpected: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _workers: list[threading.Thread] = field(default_factory=list)

    def body(self, n: int) -> dict[str, Any]:
        """A sale of merchant n mod len(merchant_ids) with an amount that names it."""
        return {"merchant_id": self.merchant_ids[n % len(self.merchant_ids)], "amount": 1000 + n,
                "method": "vietqr", "note": f"reliability {n}"}

    def _next(self) -> tuple[str, dict[str, Any]] | None:
        with self._lock:
            n = len(self.sent)
            if n >= self.limit or self._stop.is_set():
                return None
            key = f"rel-{uuid.uuid4().hex}"
            self.sent[key] = self.body(n)
            return key, self.sent[key]

    def post(self, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        """POST one sale; (status, JSON body) — status 0 when the connection broke, -1 when refused."""
        headers = {"Authorization": f"Bearer {self.token}", "Idempotency-Key": key}
        try:
            status, _, raw = call(self.port, "POST", "/api/v1/transactions", body, headers)
        except ConnectionRefusedError:
            return -1, None
        except (OSError, http.client.HTTPException):
            return 0, None
        return status, json.loads(raw) if raw else None

    def _run(self) -> None:
        while (item := self._next()) is not None:
            key, body = item
            status, reply = self.post(key, body)
            if status == -1:  # the whole server is down: nothing more to send until it restarts
                return
            with self._lock:
                if status in (200, 201) and reply is not None:
                    self.acked[key] = reply["id"]
                elif status in (0, 502, 503):  # the server died under the request: not acknowledged
                    self.failures += 1
                else:
                    self.unexpected.append(f"{status} {reply}")

    def start(self) -> WriteLoad:
        """Start posting in background threads."""
        self._workers = [threading.Thread(target=self._run, daemon=True) for _ in range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def wait_for(self, acked: int, within: float = 30) -> None:
        """Block until at least `acked` writes were acknowledged."""
        deadline = time.monotonic() + within
        while len(self.acked) < acked and time.monotonic() < deadline and self.running():
            time.sleep(0.01)

    def running(self) -> bool:
        """True while a posting thread is still alive."""
        return any(worker.is_alive() for worker in self._workers)

    def stop(self) -> None:
        """Stop posting and wait for the threads."""
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=15)
