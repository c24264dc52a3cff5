"""Market fees at scale: bill runs, credits through a SePay feed against /healthz, who-paid, the slip sheet.

Run: python bench/fees_bench.py   (SQLite in a temp dir, then a throw-away PostgreSQL database at TEST_PG_URL
or postgresql://postgres@127.0.0.1:5432/postgres; gunicorn with 4 workers on BENCH_PORT, default 8180)

A market of 2,000 stalls with one monthly fee: 12 bill runs make 24,000 bills; then 24,000 SePay-format
credits, each naming one bill's code, arrive over 8 connections. Goals: credits/s ≥ 0.25 × /healthz req/s in
the same run, who-paid of a month ≤ 300 ms, the 2,000-slip A4 sheet ≤ 30 s and ≤ 300 MB (its own process).
"""
from __future__ import annotations

import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_PORT", "8180")

from bench.feed_bench import SECRET, postgres, request, run_health, start_gunicorn
from market import create_app

STALLS = int(os.environ.get("BENCH_STALLS", "2000"))
MONTHS = int(os.environ.get("BENCH_MONTHS", "12"))
# Credits sent (a random sample of the bills, one each); default every bill. On a loaded shared machine a
# sample keeps the run short; the rate is per credit either way.
CREDITS = int(os.environ.get("BENCH_CREDITS", "0"))
CONNECTIONS = 8
AMOUNT = 150_000
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def months() -> list[str]:
    """The last MONTHS months, oldest first, ending with this one."""
    today = datetime.now(UTC).astimezone(LOCAL).date()
    index = today.year * 12 + today.month - 1
    return [f"{(index - n) // 12}-{(index - n) % 12 + 1:02d}" for n in range(MONTHS - 1, -1, -1)]


def app_for(url: str) -> Any:
    """An app on the bench database."""
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True})


def seed(url: str) -> dict[str, Any]:
    """Migrate; a market of STALLS stalls, its confirmed board account, a monthly fee, a SePay feed, a token;
    then time the bill runs of every month."""
    import flask_migrate

    from market.auth.principal import SYSTEM
    from market.core.extensions import db
    from market.feeds.services import create_feed_from_cli
    from market.fees.billing import run_bills
    from market.fees.models import FeeKind, MarketPayee
    from market.places.admin_units import import_admin_units
    from market.places.models import Market, Village
    from market.users.tokens import issue_token
    from merchants.models import Merchant

    app = app_for(url)
    with app.app_context(), app.test_request_context(method="POST"):
        flask_migrate.upgrade()
        import_admin_units()
        village = Village(name="Thôn Bến Đò", commune_code="11992")
        db.session.add(village)
        db.session.flush()
        market = Market(name="Chợ Bến Đò", commune_code="11992", village_id=village.id)
        db.session.add(market)
        db.session.flush()
        db.session.add_all([Merchant(display_name=f"Sạp {n}", owner_name="Nguyễn Thị Ánh", status="active",
                                     village_id=village.id, market_id=market.id, stall_number=f"K{n}")
                            for n in range(1, STALLS + 1)])
        db.session.add(MarketPayee(market_id=market.id, bin="970436", account_number="0123400001",
                                   holder_name="BAN QUAN LY CHO BEN DO", status="active", changed_by="bench"))
        db.session.add(FeeKind(market_id=market.id, name="Phí chợ", code="A", period="month", amount=AMOUNT,
                               starts_on=date.fromisoformat(months()[0] + "-01"), created_by="bench"))
        _, key = create_feed_from_cli("sepay-fees", "sepay", "11992", None)
        _, token = issue_token("village_head", "bench", commune_code="11992", village_id=village.id)
        db.session.commit()
        timings = []
        for month in months():
            started = time.perf_counter()
            run_bills(SYSTEM, market.id, month)
            db.session.commit()
            timings.append(time.perf_counter() - started)
        market_id = market.id
        db.engine.dispose()
    return {"key": key, "token": token, "market_id": market_id, "run_first": timings[0],
            "run_total": sum(timings)}


def credits(url: str, key: str) -> list[bytes]:
    """One SePay delivery per bill, its code first in the memo (payment codes read from the database)."""
    from sqlalchemy import select

    from market.core.extensions import db
    from market.fees.models import Bill

    now = datetime.now(UTC).astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
    app = app_for(url)
    with app.app_context():
        codes = list(db.session.scalars(select(Bill.payment_code).order_by(Bill.id)))
        db.engine.dispose()
    if CREDITS:
        codes = random.Random(17).sample(codes, min(CREDITS, len(codes)))
    return [json.dumps({"id": 700_000 + n, "gateway": "Vietcombank", "transactionDate": now,
                        "accountNumber": "0123400001", "code": None, "content": f"{code} NOP PHI CHO",
                        "transferType": "in", "transferAmount": AMOUNT, "accumulated": 0, "subAccount": None,
                        "referenceCode": f"FT{800_000 + n}", "description": ""}).encode()
            for n, code in enumerate(codes)]


def run_credits(bodies: list[bytes], key: str) -> dict[str, Any]:
    """Post every credit over keep-alive connections; credits per second and non-2xx answers."""
    import http.client

    headers = {"Authorization": f"Apikey {key}", "Content-Type": "application/json"}
    chunks = [bodies[i::CONNECTIONS] for i in range(CONNECTIONS)]

    def worker(chunk: list[bytes]) -> list[tuple[int, float]]:
        conn = http.client.HTTPConnection("127.0.0.1", int(os.environ["BENCH_PORT"]), timeout=60)
        return [request("POST", "/api/v1/feeds/sepay-fees", body, headers, conn) for body in chunk]

    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = [result for chunk in pool.map(worker, chunks) for result in chunk]
    elapsed = time.perf_counter() - started
    return {"credits": len(results), "rate": len(results) / elapsed,
            "bad": sum(1 for status, _ in results if status not in (200, 201))}


def who_paid_ms(token: str, market_id: int) -> float:
    """Median of 20 who-paid look-ups of the last month (2,000 stalls)."""
    path = f"/api/v1/markets/{market_id}/who-paid?period={months()[-1]}"
    headers = {"Authorization": f"Bearer {token}"}
    times = []
    for _ in range(20):
        status, seconds = request("GET", path, headers=headers)
        assert status == 200, status
        times.append(seconds * 1000)
    return statistics.median(times)


def sheet(url: str, market_id: int) -> tuple[float, float, int]:
    """(seconds, peak MB, slips) of the whole-market slip sheet, drawn in its own process."""
    out = subprocess.run([sys.executable, __file__, "--sheet", url, str(market_id)], capture_output=True,
                         text=True, check=True, cwd=ROOT, env={**os.environ})
    seconds, megabytes, count = out.stdout.split()
    return float(seconds), float(megabytes), int(count)


def draw_sheet(url: str, market_id: int) -> None:
    """The child process: render every slip of the last month, print time, peak RSS and count."""
    from market.auth.principal import SYSTEM
    from market.fees.slips import sheet_chunks, sheet_slips

    app = app_for(url)
    with app.app_context(), app.test_request_context():
        started = time.perf_counter()
        infos = sheet_slips(SYSTEM, market_id, months()[-1])
        size = sum(len(chunk) for chunk in sheet_chunks(infos))
        elapsed = time.perf_counter() - started
    assert size > 0
    print(f"{elapsed:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {len(infos)}")


def paid_bills(url: str) -> tuple[int, int]:
    """(bills paid, total paid amount over all bills): every credit must pay exactly its bill."""
    from sqlalchemy import func, select

    from market.core.extensions import db
    from market.fees.models import Bill

    app = app_for(url)
    with app.app_context():
        paid = db.session.scalar(select(func.count()).where(Bill.status == "paid"))
        total = db.session.scalar(select(func.sum(Bill.paid_amount)))
        db.engine.dispose()
    return int(paid or 0), int(total or 0)


def bench(label: str, url: str) -> dict[str, Any]:
    """Seed and bill, serve, send the credits and /healthz, look up who paid, draw the sheet."""
    seeded = seed(url)
    bodies = credits(url, seeded["key"])
    server = start_gunicorn(url)
    try:
        list(ThreadPoolExecutor(CONNECTIONS).map(lambda _: request("GET", "/healthz"), range(40)))
        fed = run_credits(bodies, seeded["key"])
        health = run_health()
        who = who_paid_ms(seeded["token"], seeded["market_id"])
    finally:
        server.terminate()
        server.wait()
    seconds, megabytes, slips = sheet(url, seeded["market_id"])
    paid, total = paid_bills(url)
    return {"db": label, **seeded, **fed, "health": health, "who": who, "sheet_s": seconds, "sheet_mb": megabytes,
            "slips": slips, "paid": paid, "total_ok": total == paid * AMOUNT}


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
    print(f"{STALLS} stalls × {MONTHS} months = {STALLS * MONTHS} bills; {rows[0]['credits']} credits over "
          f"{CONNECTIONS} connections, "
          f"gunicorn 4 workers; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs\n")
    print("| database | first bill run s | 12 runs s | credits/s | /healthz req/s | ratio | non-2xx | bills paid "
          "| who-paid ms | sheet s | sheet MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['db']} | {row['run_first']:.2f} | {row['run_total']:.1f} | {row['rate']:.0f} | "
              f"{row['health']:.0f} | {row['rate'] / row['health']:.2f} | {row['bad']} | "
              f"{row['paid']}{'' if row['total_ok'] else ' (sum off!)'} | {row['who']:.0f} | {row['sheet_s']:.1f} | "
              f"{row['sheet_mb']:.0f} ({row['slips']} slips) |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sheet"]:
        draw_sheet(sys.argv[2], int(sys.argv[3]))
    else:
        main()
