"""Statement import: 100,000 credit rows (CSV and XLSX) must parse, dry-run and commit in ≤ 20 s.

Peers in the same run: the XLSX reader against CSV, the dry run against the commit, a re-import (all
duplicates) and, as the naive peer, one ORM add per row. Data is fictitious.
Usage: .venv/bin/python bench/statement_import_bench.py [--rows N] [--database-url URL]
"""
import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import Workbook  # noqa: E402

from market import create_app  # noqa: E402
from market.auth.principal import SYSTEM  # noqa: E402
from market.core.clock import local_day  # noqa: E402
from market.core.extensions import db  # noqa: E402
from market.transactions.models import Transaction  # noqa: E402
from market.transactions.statement_files import parse_statement  # noqa: E402
from market.transactions.statements import import_statement  # noqa: E402
from merchants.models import Merchant, PaymentAccount  # noqa: E402

HEADER = ["Ngày giao dịch", "Ghi nợ", "Ghi có", "Nội dung", "Mã GD"]


def rows(count: int) -> list[list[Any]]:
    """Fictitious statement lines: 9 credits for every debit, spread over the last 300 days."""
    start = datetime.now() - timedelta(days=300)
    lines = []
    for n in range(count):
        when = start + timedelta(seconds=n * 250)
        credit = n % 10 != 0
        amount = 10_000 + (n * 7919) % 2_000_000
        # Kept short so 100,000 lines fit the 5 MB upload limit, as a real one-account export does.
        lines.append([when.strftime("%d/%m/%Y %H:%M"), "" if credit else amount, amount if credit else "",
                      f"CK {n}", f"FT{n:08d}"])
    return lines


def as_csv(lines: list[list[Any]]) -> bytes:
    body = "\n".join(";".join(str(cell) for cell in line) for line in [HEADER, *lines])
    return ("\ufeff" + body + "\n").encode()


def as_xlsx(lines: list[list[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label: str, action: Callable[[], Any], results: list[tuple[str, float, str]], note: str = "") -> Any:
    start = time.perf_counter()
    value = action()
    results.append((label, time.perf_counter() - start, note))
    return value


def fresh_account() -> PaymentAccount:
    from market.places.models import Village

    db.session.execute(Transaction.__table__.delete())
    village = db.session.query(Village).first() or Village(name="Thôn Thử", commune_code="11992")
    db.session.add(village)
    db.session.flush()
    merchant = Merchant(display_name="Quán Thử", owner_name="Nguyễn Văn Thử", status="active", village_id=village.id)
    db.session.add(merchant)
    db.session.flush()
    account = PaymentAccount(merchant_id=merchant.id, bin="970436", account_number="1000000001",
                             holder_name="NGUYEN VAN THU", status="active")
    db.session.add(account)
    db.session.commit()
    return account


def orm_per_row(account: PaymentAccount, content: bytes) -> int:
    """The naive peer: parse, then one ORM object per row and a flush each."""
    statement = parse_statement(content)
    for row in statement.rows:
        db.session.add(Transaction(merchant_id=account.merchant_id, account_id=account.id, amount=row["amount"],
                                   method="bank_transfer", occurred_at=row["occurred_at"],
                                   local_day=local_day(row["occurred_at"]), source="import",
                                   reference=row["reference"], note=row["content"]))
        db.session.flush()
    db.session.rollback()
    return len(statement.rows)


def run(count: int, url: str) -> list[tuple[str, float, str]]:
    lines = rows(count)
    csv_bytes, xlsx_bytes = as_csv(lines), as_xlsx(lines)
    results: list[tuple[str, float, str]] = []
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "bench"})
    with app.app_context():
        import flask_migrate

        from market.places.admin_units import import_admin_units

        flask_migrate.upgrade()
        import_admin_units()
        account = fresh_account()
        size = f"{len(csv_bytes) / 1e6:.1f} MB"
        timed("parse CSV", lambda: parse_statement(csv_bytes), results, size)
        timed("parse XLSX", lambda: parse_statement(xlsx_bytes), results, f"{len(xlsx_bytes) / 1e6:.1f} MB")
        timed("dry run CSV", lambda: import_statement(SYSTEM, account.id, csv_bytes, {}, False), results)
        report = timed("commit CSV (bulk insert)", lambda: import_statement(SYSTEM, account.id, csv_bytes, {}, True),
                       results)
        db.session.commit()
        results[-1] = (*results[-1][:2], f"{report['added']} rows added")
        again = timed("re-import CSV (all duplicates)",
                      lambda: import_statement(SYSTEM, account.id, csv_bytes, {}, True), results)
        results[-1] = (*results[-1][:2], f"{again['added']} added, {again['duplicates']} duplicates")
        db.session.commit()
        account = fresh_account()
        timed("commit XLSX (bulk insert)", lambda: import_statement(SYSTEM, account.id, xlsx_bytes, {}, True),
              results)
        db.session.rollback()
        sample = as_csv(lines[: count // 10])
        timed("peer: ORM add + flush per row", lambda: orm_per_row(account, sample), results)
        label, seconds, _ = results[-1]
        results[-1] = (label, seconds * 10, f"extrapolated ×10 from {count // 10:,} lines")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
        results = run(args.rows, url)
    print(f"Statement import, {args.rows:,} lines (90 % credits), {url.split(':')[0]}\n")
    print("| step | seconds | note |\n|---|---:|---|")
    for label, seconds, note in results:
        print(f"| {label} | {seconds:.2f} | {note} |")


if __name__ == "__main__":
    main()
