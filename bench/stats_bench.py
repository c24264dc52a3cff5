"""Village adoption latency on generated data: 10,000 merchants, 100,000 then 1,000,000 transactions.

Runs against a temp SQLite file and a throw-away PostgreSQL database (BENCH_PG_URL, default
postgresql://postgres@127.0.0.1:5432/postgres; skipped with a notice when unreachable) and prints a
Markdown table. Run: .venv/bin/python bench/stats_bench.py
"""
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402

from market import create_app  # noqa: E402
from market.core.extensions import db  # noqa: E402
from market.places.admin_units import import_admin_units  # noqa: E402
from market.stats.indicators import seed_indicators  # noqa: E402
from market.transactions.models import Transaction  # noqa: E402

COMMUNE, VILLAGES, MERCHANTS = "11992", 50, 10_000
DAY = date(2026, 6, 30)
METHODS = ("vietqr", "bank_transfer", "ewallet", "card", "cash")
RUNS = 25


def _app(url: str) -> Any:
    return create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                       "RATELIMIT_ENABLED": False})


def _places_and_merchants(rng: random.Random) -> None:
    """Villages, one market and street each, 10,000 merchants, accounts for ~70 % of them."""
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    conn = db.session.connection()
    conn.execute(text("INSERT INTO village (id, name, kind, commune_code, created_at) VALUES (:i, :n, 'thôn', :c, :t)"),
                 [{"i": v, "n": f"Thôn {v}", "c": COMMUNE, "t": now} for v in range(1, VILLAGES + 1)])
    for table in ("market", "street"):
        conn.execute(text(f"INSERT INTO {table} (id, name, commune_code, village_id, created_at) "
                          "VALUES (:i, :n, :c, :i, :t)"),
                     [{"i": v, "n": f"{table} {v}", "c": COMMUNE, "t": now} for v in range(1, VILLAGES + 1)])
    merchants, accounts = [], []
    for m in range(1, MERCHANTS + 1):
        village = (m - 1) % VILLAGES + 1
        place = rng.choice(["market", "street", None])
        merchants.append({"i": m, "n": f"Hộ {m}", "v": village, "mk": village if place == "market" else None,
                          "st": village if place == "street" else None, "s": rng.choice(["active"] * 9 + ["suspended"]),
                          "o": rng.random() < 0.05, "t": now})
        if rng.random() < 0.7:
            accounts.append({"m": m, "a": f"10{m:08d}", "t": now})
    conn.execute(text("INSERT INTO merchant (id, display_name, owner_name, category, search_text, village_id, "
                      "market_id, street_id, status, is_ocop, consent_public, created_at, updated_at) VALUES "
                      "(:i, :n, 'Chủ hộ', 'khác', '', :v, :mk, :st, :s, :o, false, :t, :t)"), merchants)
    conn.execute(text("INSERT INTO merchant_status_change (merchant_id, status, changed_at) VALUES (:i, :s, :t)"),
                 merchants)
    conn.execute(text("INSERT INTO payment_account (merchant_id, bin, account_number, holder_name, kind, status, "
                      "is_primary, created_at, updated_at) VALUES (:m, '970436', :a, 'NGUYEN VAN A', "
                      "'bank_account', 'active', true, :t, :t)"), accounts)
    conn.execute(text("INSERT INTO account_status_change (account_id, status, changed_at) "
                      "SELECT id, status, created_at FROM payment_account"))


def _transactions(rng: random.Random, first_id: int, count: int) -> list[tuple[Any, ...]]:
    """Rows (id, merchant, amount, method, occurred_at, local_day, reverses_id); every 50th reverses the one before.

    Sorted by merchant and day with ids in that order, as a bulk import would be: the table and its
    indexes then grow at the end instead of by random page splits.
    """
    sales = []
    for _ in range(count - count // 50):
        day = DAY - timedelta(days=rng.randrange(365))
        moment = f"{day.isoformat()} {rng.randrange(0, 17):02d}:{rng.randrange(60):02d}:00.000000"
        sales.append((rng.randrange(1, MERCHANTS + 1), day.isoformat(), moment, rng.randrange(1, 500) * 1000,
                      rng.choice(METHODS)))
    sales.sort()
    rows: list[tuple[Any, ...]] = []
    for index, (merchant, day_text, moment, amount, method) in enumerate(sales):
        rows.append((first_id + len(rows), merchant, amount, method, moment, day_text, None))
        if index % 49 == 48:
            rows.append((first_id + len(rows), merchant, -amount, method, moment, day_text, rows[-1][0]))
    return rows


def _without_indexes(load: Any) -> Any:
    """Drop the secondary indexes of the transaction table, load, and build them again (sorted, fast)."""
    def wrapped(rows: list[tuple[Any, ...]]) -> None:
        indexes = list(Transaction.__table__.indexes)
        connection = db.session.connection()
        for index in indexes:
            index.drop(connection)
        load(rows)
        for index in indexes:
            index.create(connection)
    return wrapped


@_without_indexes
def _insert_sqlite(rows: list[tuple[Any, ...]]) -> None:
    raw = db.session.connection().connection.driver_connection
    raw.execute("PRAGMA cache_size=-200000")
    raw.executemany('INSERT INTO "transaction" (id, merchant_id, amount, method, occurred_at, local_day, reverses_id, '
                    "source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'import', 'bench', ?)",
                    [(*r, r[4]) for r in rows])


@_without_indexes
def _insert_pg(rows: list[tuple[Any, ...]]) -> None:
    raw = db.session.connection().connection.driver_connection
    with raw.cursor().copy('COPY "transaction" (id, merchant_id, amount, method, occurred_at, local_day, '
                           "reverses_id, source, created_by, created_at) FROM STDIN") as copy:
        for r in rows:
            copy.write_row((*r[:4], r[4] + "+00", r[5], r[6], "import", "bench", r[4] + "+00"))


def _tallies(rng: random.Random) -> None:
    rows = [{"m": m, "d": DAY - timedelta(days=d), "cc": rng.randrange(20), "cv": rng.randrange(5000) * 1000,
             "lc": rng.randrange(5), "lv": rng.randrange(2000) * 1000}
            for m in range(1, MERCHANTS + 1, 20) for d in range(0, 60, 2)]
    db.session.connection().execute(text(
        "INSERT INTO daily_tally (merchant_id, day, cash_count, cash_value, cashless_count, cashless_value, "
        "created_at, updated_at) VALUES (:m, :d, :cc, :cv, :lc, :lv, '2026-01-01', '2026-01-01')"), rows)


def _median_ms(client: Any, rng: random.Random) -> float:
    timings = []
    for _ in range(RUNS):
        village = rng.randrange(1, VILLAGES + 1)
        started = time.perf_counter()
        response = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village}",
                                                                        "date": DAY.isoformat()})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.json
    return statistics.median(timings)


def run(url: str, insert: Any) -> list[tuple[int, float, float]]:
    """Build the dataset in `url`, then time village adoption at 100k and 1M transactions."""
    rng, results = random.Random(6), []
    app = _app(url)
    with app.app_context():
        db.create_all()
        import_admin_units()
        seed_indicators()
        _places_and_merchants(rng)
        _tallies(rng)
        db.session.commit()
        loaded = 0
        for total in (100_000, 1_000_000):
            started = time.perf_counter()
            insert(_transactions(rng, loaded + 1, total - loaded))
            db.session.commit()
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            loaded = total
            load_s = time.perf_counter() - started
            client = app.test_client()
            _median_ms(client, rng)  # warm the caches
            results.append((total, load_s, _median_ms(client, rng)))
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    """Run both databases and print the Markdown table."""
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        table.append(("SQLite", run(f"sqlite:///{tmp}/bench.sqlite", _insert_sqlite)))
    admin = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"cho40_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL unreachable, skipped: {error}", file=sys.stderr)
    else:
        base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            table.append(("PostgreSQL", run(f"{base}/{name}", _insert_pg)))
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"Village adoption (GET /api/v1/stats/adoption?scope=village:N, window 30), {MERCHANTS:,} merchants, "
          f"{VILLAGES} villages, median of {RUNS}\n")
    print("| database | transactions | load (s) | median (ms) | × 100k |")
    print("|---|---:|---:|---:|---:|")
    for database, rows in table:
        base_ms = rows[0][2]
        for total, load_s, median in rows:
            print(f"| {database} | {total:,} | {load_s:.1f} | {median:.1f} | {median / base_ms:.2f} |")


if __name__ == "__main__":
    main()
