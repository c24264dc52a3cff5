"""Bank-feed deliveries under gunicorn: SePay-format POSTs against /healthz in the same run; prints a table.

Run: python bench/feed_bench.py   (SQLite in a temp dir, then a throw-away PostgreSQL database at
TEST_PG_URL or postgresql://postgres@127.0.0.1:5432/postgres; gunicorn with 4 workers on BENCH_PORT, 8140)

Every delivery has its own SePay id; 30 % are sent a second time (a retry, in random order, possibly while
the first is still running). Afterwards the database must hold exactly one transaction per id: 0 lost,
0 duplicated.
"""
from __future__ import annotations

import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from market import create_app  # noqa: E402

DELIVERIES = int(os.environ.get("BENCH_DELIVERIES", "2000"))
RETRY_SHARE = 0.3
CONNECTIONS = 8
HEALTH_SECONDS = 5
MERCHANTS = 50
PORT = int(os.environ.get("BENCH_PORT", "8140"))
SECRET = "bench-only-secret-key"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def seed(url: str) -> str:
    """Migrate, add a village of merchants with accounts and a SePay feed; return its API key."""
    import flask_migrate

    from market.core.extensions import db
    from market.feeds.services import create_feed_from_cli
    from market.places.admin_units import import_admin_units
    from market.places.models import Village
    from merchants.models import Merchant, PaymentAccount

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True})
    with app.app_context():
        flask_migrate.upgrade()
        import_admin_units()
        village = Village(name="Thôn Bến Đò", commune_code="11992")
        db.session.add(village)
        db.session.flush()
        for index in range(MERCHANTS):
            merchant = Merchant(display_name=f"Sạp {index}", owner_name="Nguyễn Thị Ánh", status="active",
                                village_id=village.id)
            db.session.add(merchant)
            db.session.flush()
            db.session.add(PaymentAccount(merchant_id=merchant.id, bin="970436", account_number=f"10{index:08d}",
                                          holder_name="NGUYEN THI ANH", status="active", is_primary=True))
        _, key = create_feed_from_cli("sepay-bench", "sepay", "11992", None)
        db.session.commit()
        db.engine.dispose()
    return key


def start_gunicorn(url: str) -> subprocess.Popen[bytes]:
    """Four workers serving the seeded database on loopback."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, "RATELIMIT_ENABLED": "0"}
    command = [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning",
               "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 120  # four workers importing the app on a busy 2-core machine
    while time.monotonic() < deadline:
        try:
            if request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def request(method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, float]:
    """(status, seconds) of one request (a fresh connection unless one is given)."""
    conn = conn or http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    started = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def deliveries(key: str) -> list[tuple[bytes, dict[str, str]]]:
    """Each delivery once, 30 % of them twice, shuffled."""
    now = datetime.now(timezone.utc).astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
    headers = {"Authorization": f"Apikey {key}", "Content-Type": "application/json"}
    bodies = [json.dumps({"id": 500_000 + n, "gateway": "Vietcombank", "transactionDate": now,
                          "accountNumber": f"10{n % MERCHANTS:08d}", "code": None, "content": f"chuyen tien {n}",
                          "transferType": "in", "transferAmount": 10_000 + n, "accumulated": 0,
                          "subAccount": None, "referenceCode": f"MBVCB.{900_000 + n}", "description": ""}).encode()
              for n in range(DELIVERIES)]
    sent = bodies + random.sample(bodies, int(DELIVERIES * RETRY_SHARE))
    random.shuffle(sent)
    return [(body, headers) for body in sent]


def run_feed(key: str) -> dict[str, Any]:
    """Post every delivery over keep-alive connections; rate and latency percentiles."""
    work = deliveries(key)
    chunks = [work[i::CONNECTIONS] for i in range(CONNECTIONS)]

    def worker(chunk: list[tuple[bytes, dict[str, str]]]) -> list[tuple[int, float]]:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        return [request("POST", "/api/v1/feeds/sepay-bench", body, headers, conn) for body, headers in chunk]

    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = [result for chunk in pool.map(worker, chunks) for result in chunk]
    elapsed = time.perf_counter() - started
    latencies = sorted(seconds for _, seconds in results)
    return {"rate": len(results) / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
            "bad": sum(1 for status, _ in results if status not in (200, 201))}


def warm_up() -> None:
    """Let every worker import and connect first: refused deliveries (wrong key) write only a log line."""
    body = json.dumps({"id": 1}).encode()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(lambda _: request("POST", "/api/v1/feeds/sepay-bench", body,
                                        {"Authorization": "Apikey warm-up", "Content-Type": "application/json"}),
                      range(40)))
        list(pool.map(lambda _: request("GET", "/healthz"), range(40)))


def run_health() -> float:
    """/healthz requests per second over the same connections, for HEALTH_SECONDS."""
    def worker(_: int) -> int:
        conn, count, deadline = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30), 0, \
            time.monotonic() + HEALTH_SECONDS
        while time.monotonic() < deadline:
            request("GET", "/healthz", conn=conn)
            count += 1
        return count

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        return sum(pool.map(worker, range(CONNECTIONS))) / HEALTH_SECONDS


def audit(url: str) -> tuple[int, int]:
    """(lost, duplicated): ids without a transaction, and transactions beyond one per id."""
    from sqlalchemy import func, select

    from market.core.extensions import db
    from market.transactions.models import Transaction

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True})
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Transaction))
        distinct = db.session.scalar(select(func.count(func.distinct(Transaction.reference))))
        db.engine.dispose()
    return DELIVERIES - distinct, total - distinct


def bench(label: str, url: str) -> dict[str, Any]:
    """Seed, serve, load the feed and /healthz, then count what was stored."""
    key = seed(url)
    server = start_gunicorn(url)
    try:
        warm_up()
        feed = run_feed(key)
        health = run_health()
    finally:
        server.terminate()
        server.wait()
    lost, duplicated = audit(url)
    return {"db": label, **feed, "health": health, "lost": lost, "duplicated": duplicated}


def postgres() -> tuple[str, str, str]:
    """A fresh database: (SQLAlchemy URL, admin URL, name)."""
    admin = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"cho40_feed_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}", admin, name


def main() -> None:
    """Both databases, one table."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(bench("SQLite", f"sqlite:///{folder}/bench.sqlite"))
    url, admin, name = postgres()
    try:
        rows.append(bench("PostgreSQL", url))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"{DELIVERIES} SePay deliveries + {int(RETRY_SHARE * 100)} % retries, {CONNECTIONS} connections, "
          f"gunicorn 4 workers; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs\n")
    print("| database | deliveries/s | p50 ms | p99 ms | /healthz req/s | ratio | non-2xx | lost | duplicated |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['db']} | {row['rate']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['health']:.0f} | "
              f"{row['rate'] / row['health']:.2f} | {row['bad']} | {row['lost']} | {row['duplicated']} |")


if __name__ == "__main__":
    main()
