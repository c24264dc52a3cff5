"""Benchmark the register import (10,000 rows) on SQLite; prints a Markdown table.

Run: .venv/bin/python bench/import_bench.py [ROWS]
Compares XLSX with CSV, dry run with commit, and the commit with a row-by-row ORM insert (the naive peer).
"""
from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import flask_migrate  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from market import create_app  # noqa: E402
from market.core.extensions import db  # noqa: E402
from market.places.admin_units import import_admin_units  # noqa: E402
from market.places.models import Market, Village  # noqa: E402
from market.users.tokens import issue_token  # noqa: E402
from merchants.models import Merchant, PaymentAccount  # noqa: E402
from merchants.text import search_text  # noqa: E402

HEADER = ["Tên cơ sở", "Chủ hộ", "Số điện thoại", "Ngành hàng", "Chợ", "Số sạp", "Ngân hàng", "Số tài khoản",
          "Chủ tài khoản"]
LIMIT_SECONDS = 15.0


def rows(count: int, offset: int = 0) -> list[list[str]]:
    """Fictitious merchants, each with a stall and a primary account."""
    return [[f"Sạp hàng Cô Hoà số {n}", "Nguyễn Thị Hoà", f"09{n % 10**8:08d}", "rau củ", "Chợ Bench",
             f"S{n}", "VCB", f"77{n:010d}", ""] for n in range(offset, offset + count)]


def as_csv(data: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(data)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(data: list[list[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI":
                          f"sqlite:///{os.path.join(tmp, 'bench.sqlite')}", "RATELIMIT_ENABLED": False})
        with app.app_context():
            flask_migrate.upgrade()
            import_admin_units()
            village = Village(name="Thôn Bench", commune_code="11992")
            db.session.add(village)
            db.session.flush()
            db.session.add(Market(name="Chợ Bench", commune_code="11992", village_id=village.id))
            _, token = issue_token("village_head", "bench", commune_code="11992", village_id=village.id)
            db.session.commit()
            results = run(app, village.id, {"Authorization": f"Bearer {token}"}, count)
    print(f"Import of {count:,} rows on SQLite (limit {LIMIT_SECONDS:.0f} s)\n")
    print("| case | seconds | rows/s |")
    print("|---|---:|---:|")
    for name, seconds in results:
        print(f"| {name} | {seconds:.2f} | {count / seconds:,.0f} |")


def run(app, village_id: int, headers: dict[str, str], count: int) -> list[tuple[str, float]]:
    client = app.test_client()

    def post(data: bytes, name: str, dry_run: bool) -> None:
        response = client.post("/api/v1/merchants/import", headers=headers, content_type="multipart/form-data",
                               data={"village_id": str(village_id), "dry_run": str(dry_run).lower(),
                                     "file": (io.BytesIO(data), name)})
        assert response.status_code == 200 and response.json["ok"], response.json

    csv_data, xlsx_data = as_csv(rows(count)), as_xlsx(rows(count, count))
    results = [("CSV dry run", timed(lambda: post(csv_data, "a.csv", True))),
               ("XLSX dry run", timed(lambda: post(xlsx_data, "a.xlsx", True))),
               ("CSV commit (bulk insert)", timed(lambda: post(csv_data, "a.csv", False))),
               ("XLSX commit (bulk insert)", timed(lambda: post(xlsx_data, "a.xlsx", False)))]
    with app.app_context():
        results.append(("peer: row-by-row ORM insert, no checks", timed(lambda: naive(village_id, count))))
    return results


def naive(village_id: int, count: int) -> None:
    """What a straightforward loop of session.add + flush per row costs, for comparison."""
    for n in range(2 * count, 3 * count):
        merchant = Merchant(display_name=f"Sạp {n}", owner_name="Nguyễn Thị Hoà", village_id=village_id,
                            status="active", search_text=search_text(f"Sạp {n}", "Nguyễn Thị Hoà"))
        db.session.add(merchant)
        db.session.flush()
        db.session.add(PaymentAccount(merchant_id=merchant.id, bin="970436", account_number=f"66{n:010d}",
                                      holder_name="NGUYEN THI HOA", is_primary=True))
        db.session.flush()
    db.session.commit()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
