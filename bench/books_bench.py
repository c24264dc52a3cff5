"""The merchant's books at 10,000 and 100,000 transactions over 3 years: history page, month view, and the
full-year S1a-HKD book (XLSX, PDF). Goal: ≤ 300 ms a page, ≤ 2 s a year's book, < 2× growth 10k → 100k.

Peer in the same run: GET /healthz. Medians of --repeat requests through the Flask test client with a
merchant's bearer token, the two sizes timed in alternation so that both see the same load on the machine. Data is fictitious. SQLite in a temp file, and PostgreSQL in a throw-away database
when --pg-url answers.
Usage: .venv/bin/python bench/books_bench.py [--sizes 10000,100000] [--repeat 7] [--pg-url URL]
"""
import argparse
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
from sqlalchemy import insert  # noqa: E402

from market import create_app  # noqa: E402
from market.core.clock import local_day, today  # noqa: E402
from market.core.extensions import db  # noqa: E402
from market.transactions.models import DailyTally, Transaction  # noqa: E402
from market.users.tokens import issue_token  # noqa: E402
from merchants.models import Merchant  # noqa: E402

METHODS = ("cash", "cash", "vietqr", "vietqr", "bank_transfer", "ewallet", "card")
CHUNK = 5_000


def _rows(merchant_id: int, count: int, seed: int = 16) -> list[dict[str, Any]]:
    """`count` sales spread evenly over the last 3 years, a few of them bank credits with a memo."""
    rng = random.Random(seed)
    end = datetime.now(timezone.utc) - timedelta(hours=1)
    step = timedelta(days=3 * 365) / count
    rows = []
    for n in range(count):
        moment = end - step * n
        method = rng.choice(METHODS)
        webhook = method == "bank_transfer"
        rows.append({"merchant_id": merchant_id, "amount": rng.randrange(1, 500) * 1_000, "method": method,
                     "occurred_at": moment, "local_day": local_day(moment),
                     "source": "webhook" if webhook else "self_report",
                     "reference": f"FT{n:09d}" if webhook else None,
                     "note": f"NGUYEN VAN {n % 97} chuyen tien" if webhook else None,
                     "not_revenue_reason": "Tiền người nhà" if webhook and n % 50 == 0 else None,
                     "created_by": "bench"})
    return rows


def _seed(count: int) -> dict[str, str]:
    """A merchant registered 3 years ago with `count` transactions and a tally a week; its token headers."""
    from market.places.models import Village

    village = Village(name="Thôn Thử", commune_code="11992")
    db.session.add(village)
    db.session.flush()
    merchant = Merchant(display_name="Quán Thử", owner_name="Nguyễn Văn Thử", status="active",
                        village_id=village.id, created_at=datetime.now(timezone.utc) - timedelta(days=3 * 366))
    db.session.add(merchant)
    db.session.flush()
    rows = _rows(merchant.id, count)
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(Transaction), rows[start:start + CHUNK])
    days = [today() - timedelta(days=7 * n) for n in range(156)]
    db.session.execute(insert(DailyTally), [{"merchant_id": merchant.id, "day": day, "cash_count": 5,
                                             "cash_value": 250_000, "cashless_count": 0, "cashless_value": 0}
                                            for day in days])
    _, token = issue_token("merchant", "bench", commune_code="11992", village_id=village.id,
                           merchant_id=merchant.id)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "X-Merchant": str(merchant.id)}


def _timed_ms(client: Any, url: str, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    response = client.get(url, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code, response.data[:200])
    return elapsed


def prepare(url: str, count: int) -> tuple[Any, dict[str, str], dict[str, str]]:
    """A fresh database holding `count` transactions: (test client, token headers, request per label)."""
    import flask_migrate

    from market.places.admin_units import import_admin_units

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        flask_migrate.upgrade()
        import_admin_units()
        headers = _seed(count)
        if db.engine.dialect.name == "postgresql":
            # As autovacuum leaves a table that has settled: statistics and the visibility map for index-only scans.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
    merchant, year, monday = headers.pop("X-Merchant"), today().year - 1, today() - timedelta(days=today().weekday())
    urls = {"healthz (peer)": "/healthz", "history page (today, default)": "/so-sach/",
            "history page: week, first 50 rows": f"/so-sach/?view=week&day={monday - timedelta(days=7)}",
            "history: month view": f"/so-sach/?view=month&day={today().replace(day=1).isoformat()}",
            "history: year view + search": f"/so-sach/?view=year&day={year}-06-01&q=chuyen",
            f"book {year} XLSX": f"/api/v1/merchants/{merchant}/revenue-book.xlsx?year={year}",
            f"book {year} PDF": f"/api/v1/merchants/{merchant}/revenue-book.pdf?year={year}"}
    client = app.test_client()
    for path in urls.values():
        _timed_ms(client, path, headers)  # warm-up: template compile, caches
    return client, headers, urls


def measure(urls_by_size: dict[int, Any], repeat: int) -> dict[str, dict[int, float]]:
    """Medians (ms) per request and size, the sizes timed in alternation so both see the same machine load."""
    times: dict[str, dict[int, list[float]]] = {}
    for _ in range(repeat):
        for size, (client, headers, urls) in urls_by_size.items():
            for label, path in urls.items():
                times.setdefault(label, {}).setdefault(size, []).append(_timed_ms(client, path, headers))
    return {label: {size: statistics.median(values) for size, values in sizes.items()}
            for label, sizes in times.items()}


def _databases(pg_url: str, tmp: str) -> list[tuple[str, Any]]:
    """(name, function size → fresh database URL) for SQLite and, when it answers, PostgreSQL."""
    def sqlite(size: int) -> str:
        return f"sqlite:///{tmp}/books-{size}.sqlite"

    def postgresql(size: int) -> str:
        name = f"cho40_books_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return pg_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"

    created: list[str] = []
    found = [("SQLite", sqlite)]
    try:
        psycopg.connect(pg_url).close()
        found.append(("PostgreSQL", postgresql))
    except psycopg.OperationalError:
        print("PostgreSQL did not answer: SQLite only.")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    table: dict[tuple[str, str], dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, fresh in _databases(args.pg_url, tmp):
            prepared = {size: prepare(fresh(size), size) for size in sizes}
            for label, values in measure(prepared, args.repeat).items():
                table[(name, label)] = values
    _drop_bench_databases(args.pg_url)
    head = " | ".join(f"{size:,} rows (ms)" for size in sizes)
    print(f"Merchant books, medians of {args.repeat} (sizes in alternation), {date.today().isoformat()}\n")
    print(f"| database | request | {head} | growth |\n|---|---|" + "---:|" * (len(sizes) + 1))
    for (name, label), values in table.items():
        growth = values[sizes[-1]] / values[sizes[0]] if values[sizes[0]] else 0
        cells = " | ".join(f"{values[size]:.0f}" for size in sizes)
        print(f"| {name} | {label} | {cells} | {growth:.2f}× |")


def _drop_bench_databases(pg_url: str) -> None:
    try:
        with psycopg.connect(pg_url, autocommit=True) as connection:
            names = [row[0] for row in connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'cho40_books_bench_%'")]
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.OperationalError:
        pass


if __name__ == "__main__":
    main()
