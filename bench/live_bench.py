"""Open money screens under load: SSE clients, bank credits arriving, sales beside /healthz; prints Markdown.

Run: python bench/live_bench.py [--db postgresql|sqlite|both] [--screens N] [--seconds S] [--control]
PostgreSQL: 1,000 screens on gunicorn with 4 gthread workers, in a throw-away database on 127.0.0.1:5432.
SQLite (the embedded default): 200 screens on one gthread process. Credits go through the signed webhook at a
steady rate to random screens' merchants; delivery latency is from just before the credit's POST to the frame
on the screen (an upper bound of commit-to-screen). Sales (POST /transactions) and /healthz are loaded in turn
while the screens stay open and the credits keep coming.
"""
from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from market import create_app  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SETUPS = {"postgresql": {"screens": 1000, "workers": 4, "threads": 400, "port": 8175},
          "sqlite": {"screens": 200, "workers": 1, "threads": 256, "port": 8176}}
CREDITS_PER_SECOND = 10
LOAD_CONNECTIONS = 8
SECRET = "bench-only-secret-key-0123456789"


def make_database(kind: str, scratch: str) -> tuple[str, Any]:
    """(SQLAlchemy URL, cleanup) of an empty database of `kind`."""
    if kind == "sqlite":
        return f"sqlite:///{scratch}/live.sqlite", lambda: None
    import psycopg

    name = f"h15_live_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}", drop


def seed(url: str, screens: int) -> dict[str, Any]:
    """Migrate; one village of `screens` merchants, each with an account and a merchant token; one bank feed."""
    import flask_migrate

    from market.core.extensions import db
    from market.places.admin_units import import_admin_units
    from market.places.models import Village
    from market.transactions.webhooks import create_integration
    from market.users.tokens import issue_token
    from merchants.models import Merchant, PaymentAccount

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True})
    with app.app_context():
        flask_migrate.upgrade()
        import_admin_units()
        village = Village(name="Thôn Bến Đò", commune_code="11992")
        db.session.add(village)
        db.session.flush()
        stalls = []
        for index in range(screens):
            merchant = Merchant(display_name=f"Sạp {index}", owner_name="Nguyễn Thị Ánh", status="active",
                                village_id=village.id)
            db.session.add(merchant)
            db.session.flush()
            account = f"10{index:08d}"
            db.session.add(PaymentAccount(merchant_id=merchant.id, bin="970436", account_number=account,
                                          holder_name="NGUYEN THI ANH", status="active", is_primary=True))
            _, token = issue_token("merchant", f"screen-{index}", merchant_id=merchant.id)
            stalls.append({"merchant_id": merchant.id, "account": account, "token": token})
        _, seller = issue_token("merchant", "seller", merchant_id=stalls[0]["merchant_id"])
        _, secret = create_integration("bench-feed")
        db.session.commit()
        db.engine.dispose()
    return {"stalls": stalls, "seller": seller, "secret": secret}


def serve(url: str, setup: dict[str, Any]) -> subprocess.Popen[bytes]:
    """gunicorn with gthread workers sized so every open screen has a thread and sales still find one."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, "RATELIMIT_ENABLED": "0",
           "LIVE_CHANNEL": f"h15_live_bench_{uuid.uuid4().hex[:6]}", "LIVE_STREAM_SECONDS": "3600"}
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{setup['port']}", "-w", str(setup["workers"]),
               "-k", "gthread", "--threads", str(setup["threads"]), "--backlog", "2048", "--graceful-timeout", "2", "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=open(os.environ.get("BENCH_LOG", os.devnull), "ab"))
    for _ in range(300):
        try:
            if request(setup["port"], "GET", "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, connection: http.client.HTTPConnection | None = None) -> Any:
    """(status, parsed JSON or None) of one request."""
    own = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    own.request(method, path, body=body, headers=headers or {})
    response = own.getresponse()
    data = response.read()
    if connection is None:
        own.close()
    return response.status, (json.loads(data) if data[:1] == b"{" else None)


def server_rss_mb(master: int) -> float:
    """Resident memory of the gunicorn master and its workers (Linux /proc), in MB."""
    pids = [master] + [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent(int(p)) == master]
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


async def screen(port: int, stall: dict[str, Any], opened: list[int], failed: list[str],
                 received: dict[int, float]) -> None:
    """One money screen: an SSE client that notes when each credit frame arrives."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    writer.write((f"GET /api/v1/merchants/{stall['merchant_id']}/credits/stream HTTP/1.1\r\nHost: bench\r\n"
                  f"Authorization: Bearer {stall['token']}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        failed.append(status.decode().strip())
        return
    while line := await reader.readline():
        if line.startswith(b"event: ready"):
            opened.append(1)
        elif line.startswith(b"data: {\"transaction_id\""):
            received[json.loads(line[6:])["transaction_id"]] = time.monotonic()


def feed(port: int, data: dict[str, Any], sent: dict[int, float], stop: threading.Event) -> None:
    """Credits through the signed webhook at a steady rate, each to a random screen's merchant."""
    from market.transactions.webhooks import sign

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        started = time.monotonic()
        stall = random.choice(data["stalls"])
        body = json.dumps({"account_number": stall["account"], "amount": random.randrange(1000, 2_000_000, 1000),
                           "content": "KHACH CHUYEN TIEN", "reference": uuid.uuid4().hex[:20],
                           "occurred_at": datetime.now(timezone.utc).isoformat()}).encode()
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Cho40-Integration": "bench-feed",
                   "X-Cho40-Timestamp": stamp, "X-Cho40-Signature": sign(data["secret"], stamp, body)}
        status, answer = request(port, "POST", "/api/v1/webhooks/bank", body, headers, connection)
        if status == 201:
            sent[answer["transaction_id"]] = started
        stop.wait(max(0.0, 1 / CREDITS_PER_SECOND - (time.monotonic() - started)))


def load(port: int, path: str, seconds: float, token: str | None = None) -> float:
    """Requests per second of LOAD_CONNECTIONS closed-loop clients on `path` (POST /transactions: sales)."""
    deadline, counts = time.monotonic() + seconds, []

    def client() -> None:
        connection, done = http.client.HTTPConnection("127.0.0.1", port, timeout=60), 0
        while time.monotonic() < deadline:
            if token:
                body = json.dumps({"merchant_id": 1, "amount": 25_000, "method": "cash"}).encode()
                status, _ = request(port, "POST", path, body, {"Content-Type": "application/json",
                                    "Authorization": f"Bearer {token}"}, connection)
            else:
                status, _ = request(port, "GET", path, connection=connection)
            done += status < 400
        counts.append(done)
    threads = [threading.Thread(target=client) for _ in range(LOAD_CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def run(kind: str, screens: int, seconds: float) -> dict[str, Any]:
    """One database: open the screens, feed credits, load sales and /healthz, measure."""
    setup = {**SETUPS[kind], "screens": screens}
    with tempfile.TemporaryDirectory() as scratch:
        url, cleanup = make_database(kind, scratch)
        try:
            data = seed(url, screens)
            server = serve(url, setup)
            try:
                return asyncio.run(_measure(setup, data, server.pid, seconds))
            finally:
                server.send_signal(signal.SIGINT)  # quick shutdown: open streams are not waited for
                server.wait(timeout=30)
        finally:
            cleanup()


async def _measure(setup: dict[str, Any], data: dict[str, Any], master: int, seconds: float) -> dict[str, Any]:
    port, loop = setup["port"], asyncio.get_running_loop()
    baseline_rss = server_rss_mb(master)
    opened: list[int] = []
    failed: list[str] = []
    received: dict[int, float] = {}
    tasks = []
    for stall in data["stalls"]:
        tasks.append(asyncio.create_task(screen(port, stall, opened, failed, received)))
        if len(tasks) % 50 == 0:
            await asyncio.sleep(0.05)
    while len(opened) + len(failed) < len(tasks):
        await asyncio.sleep(0.1)
    if failed:
        raise RuntimeError(f"{len(failed)} screens refused, e.g. {failed[0]}")
    sent: dict[int, float] = {}
    stop = threading.Event()
    feeder = threading.Thread(target=feed, args=(port, data, sent, stop))
    feeder.start()
    sales = await loop.run_in_executor(None, load, port, "/api/v1/transactions", seconds, data["seller"])
    healthz = await loop.run_in_executor(None, load, port, "/healthz", seconds)
    stop.set()
    await loop.run_in_executor(None, feeder.join)
    await asyncio.sleep(2)
    rss = server_rss_mb(master)
    for task in tasks:
        task.cancel()
    latencies = sorted(received[key] - started for key, started in sent.items() if key in received)
    return {"screens": len(tasks), "workers": setup["workers"], "threads": setup["threads"], "credits": len(sent),
            "delivered": len(latencies),
            "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan"),
            "sales": sales, "healthz": healthz, "rss_before": baseline_rss, "rss_after": rss}


def main() -> None:
    """Parse the arguments, run, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--screens", type=int, help="override the number of open screens")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of sales load, then of /healthz")
    parser.add_argument("--control", action="store_true", help="also run each database with one screen first")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_NOFILE, (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)
    print("| database | screens | workers × threads | credits sent / on screen | delivery p50 / p99 (ms) "
          "| POST /transactions (req/s) | /healthz (req/s) | sales ÷ healthz | server RSS before → after (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind in (("postgresql", "sqlite") if args.db == "both" else (args.db,)):
        for screens in ([1] if args.control else []) + [args.screens or SETUPS[kind]["screens"]]:
            _row(kind, run(kind, screens, args.seconds))


def _row(kind: str, r: dict[str, Any]) -> None:
    """Print one result as a table row."""
    print(f"| {kind} | {r['screens']} | {r['workers']} × {r['threads']} | {r['credits']} / {r['delivered']} "
          f"| {r['p50']:.0f} / {r['p99']:.0f} | {r['sales']:.0f} | {r['healthz']:.0f} "
          f"| {r['sales'] / r['healthz']:.2f} | {r['rss_before']:.0f} → {r['rss_after']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
