"""Hostile uploads against a real server: gunicorn with 2 workers on SQLite, each file posted to the
statement import and the merchant import. Prints status, error code, seconds and every worker's peak
RSS (VmHWM) after each upload; the accepted big imports run last, with a sale posted in the middle.

Run: .venv/bin/python bench/hostile_files.py [--port 8110] [--hostile-only]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from market import create_app  # noqa: E402
from tests import hostile_files  # noqa: E402

SECRET = "hostile-files-bench"
LIMIT_MB = 300
REFUSAL_SECONDS = 5


def seed(db_path: str) -> dict[str, Any]:
    """Migrate; a village, an active merchant with an account; tokens for the merchant and the village head."""
    import flask_migrate

    from market.core.extensions import db
    from market.places.admin_units import import_admin_units
    from market.places.models import Village
    from market.users.tokens import issue_token
    from merchants.models import Merchant, PaymentAccount

    settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}", "SECRET_KEY": SECRET, "TESTING": True}
    app = create_app(settings)
    with app.app_context():
        flask_migrate.upgrade()
        import_admin_units()
        village = Village(name="Thôn Bến Đò", commune_code="11992")
        db.session.add(village)
        db.session.flush()
        merchant = Merchant(display_name="Quán Thử", owner_name="Nguyễn Văn Thử", status="active",
                            village_id=village.id)
        db.session.add(merchant)
        db.session.flush()
        account = PaymentAccount(merchant_id=merchant.id, bin="970436", account_number="1000000001",
                                 holder_name="NGUYEN VAN THU", status="active")
        db.session.add(account)
        db.session.flush()
        _, merchant_token = issue_token("merchant", "bench", merchant_id=merchant.id)
        _, head_token = issue_token("village_head", "bench", commune_code="11992", village_id=village.id)
        db.session.commit()
        ids = {"village": village.id, "merchant": merchant.id, "account": account.id,
               "merchant_token": merchant_token, "head_token": head_token}
        db.engine.dispose()
    return ids


def start_gunicorn(db_path: str, port: int) -> subprocess.Popen[bytes]:
    """Two sync workers, as `scripts/run.sh` starts them (gunicorn.conf.py sets the timeout)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "SECRET_KEY": SECRET,
           "RATELIMIT_ENABLED": "0"}
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level",
               "warning", "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    """One request on a fresh connection; the JSON body (or {} when it is not JSON)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, {"html": raw[:80].decode(errors="replace")}
    finally:
        connection.close()


def workers(master: int) -> list[int]:
    """The worker processes of the gunicorn master."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_mb(pid: int) -> float:
    """Peak resident memory of a process so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def upload(port: int, path: str, token: str, fields: dict[str, str], content: bytes,
           name: str) -> tuple[int, dict[str, Any], float]:
    """POST a multipart upload; status, JSON and seconds."""
    encoded = hostile_files.multipart(fields, content, name)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": encoded["content_type"]}
    start = time.perf_counter()
    status, body = request(port, "POST", path, encoded["data"], headers)
    return status, body, time.perf_counter() - start


def recent_day(days_ago: int) -> str:
    """A day a few days back, as Vietnamese statements write it."""
    from market.core.clock import LOCAL_TZ
    from market.core.dbtypes import utcnow

    return (utcnow() - timedelta(days=days_ago)).astimezone(LOCAL_TZ).strftime("%d/%m/%Y")


def statement_lines(count: int) -> bytes:
    """A compact statement: a date and an amount per line (200,000 lines in 3.6 MB)."""
    day = recent_day(2).encode()
    lines = b"".join(b"%s;%d\n" % (day, 1_000 + n) for n in range(count))
    return "Ngày giao dịch;Số tiền ghi có\n".encode() + lines


def statement_xlsx(count: int) -> bytes:
    """The same statement as an XLSX of inline strings."""
    day = recent_day(3)
    rows = (hostile_files.inline_row(n + 2, day, str(2_000 + n)) for n in range(count))
    return hostile_files.xlsx([hostile_files.inline_row(1, "Ngày giao dịch", "Số tiền ghi có"), *rows])


def merchants_csv(count: int) -> bytes:
    """A merchant list of `count` rows (names only)."""
    return "Tên cơ sở,Chủ hộ\n".encode() + b"".join(b"Sap %d,Chu %d\n" % (n, n) for n in range(count))


HOSTILE: list[tuple[str, Callable[[], bytes], str]] = [
    ("far cell under A1:XFD1048576", hostile_files.far_cell, "x.xlsx"),
    ("zip bomb, 20 MB member (ratio > 100)", lambda: hostile_files.zip_bomb(20), "x.xlsx"),
    ("zip bomb, 500 MB member", lambda: hostile_files.zip_bomb(500), "x.xlsx"),
    ("billion laughs in sharedStrings.xml", hostile_files.billion_laughs, "x.xlsx"),
    ("one 600 KB row", lambda: hostile_files.huge_row(600), "x.xlsx"),
    ("1,400,000 unknown elements between rows", lambda: hostile_files.junk_elements(1_400_000), "x.xlsx"),
    ("XLSX of 200,100 rows", lambda: hostile_files.many_rows_xlsx(200_100), "x.xlsx"),
    ("CSV of 1,000,000 lines (4 MB)", lambda: hostile_files.many_lines_csv(1_000_000, b"1,1\n"), "x.csv"),
]


def row(port: int, master: int, label: str, endpoint: str, outcome: tuple[int, dict[str, Any], float],
        limit: float | None) -> str:
    status, body, seconds = outcome
    counted = body.get("added") or body.get("to_add") or body.get("created") or body.get("rows")
    code = body.get("error", {}).get("code", "—") if status >= 400 else f"ok ({counted})"
    pids = workers(master)
    peaks = [peak_mb(pid) for pid in pids]
    healthy = len(pids) == 2 and request(port, "GET", "/healthz")[0] == 200
    fine = status < 500 and max(peaks) < LIMIT_MB and healthy and (limit is None or seconds <= limit)
    verdict = "✔" if fine else "✘"
    return (f"| {label} | {endpoint} | {status} | {code} | {seconds:.2f} | "
            f"{' / '.join(f'{peak:.0f}' for peak in peaks)} | {len(pids)} | {verdict} |")


def run(port: int, hostile_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = os.path.join(folder, "bench.sqlite")
        ids = seed(db_path)
        server = start_gunicorn(db_path, port)
        statement = ("/api/v1/statement-imports", ids["merchant_token"], {"account_id": str(ids["account"])})
        register = ("/api/v1/merchants/import", ids["head_token"], {"village_id": str(ids["village"])})
        try:
            print(f"Hostile uploads, gunicorn 2 sync workers, SQLite; limits {LIMIT_MB} MB per worker, "
                  f"refusal within {REFUSAL_SECONDS} s\n")
            print("| file | endpoint | status | code | seconds | peak RSS per worker, MB | workers | ok |")
            print("|---|---|---:|---|---:|---|---:|---|")
            for label, build, name in HOSTILE:
                content = build()
                for endpoint, (path, token, fields) in (("statement", statement), ("merchants", register)):
                    outcome = upload(port, path, token, fields, content, name)  # both default to a dry run
                    print(row(port, server.pid, label, endpoint, outcome, REFUSAL_SECONDS), flush=True)
            if hostile_only:
                return
            committed = {**register[2], "dry_run": "false"}
            print(row(port, server.pid, "20,000 merchants (CSV), committed", "merchants", upload(
                port, *register[:2], committed, merchants_csv(20_000), "ds.csv"), None))
            print(row(port, server.pid, "200,000-line XLSX, dry run", "statement", upload(
                port, *statement, statement_xlsx(200_000), "s.xlsx"), None), flush=True)
            memo = hostile_files.repeated_memo(200_000, recent_day(3))
            print(row(port, server.pid, "200,000 lines sharing one 500-character memo (XLSX), dry run",
                      "statement", upload(port, *statement, memo, "m.xlsx"), None), flush=True)
            big_import_with_a_sale(port, server.pid, ids, statement)
        finally:
            server.terminate()
            server.wait(timeout=30)


def big_import_with_a_sale(port: int, master: int, ids: dict[str, Any],
                           statement: tuple[str, str, dict[str, str]]) -> None:
    """Commit 200,000 statement lines; a sale is posted on the other worker while it runs."""
    outcome: dict[str, Any] = {}
    path, token, fields = statement
    thread = threading.Thread(target=lambda: outcome.update(result=upload(
        port, path, token, {**fields, "commit": "true"}, statement_lines(200_000), "s.csv")))
    thread.start()
    time.sleep(8)  # let the import get past reading the file and into its batches
    sale = json.dumps({"merchant_id": ids["merchant"], "amount": 25_000, "method": "vietqr"}).encode()
    start = time.perf_counter()
    status, body = request(port, "POST", "/api/v1/transactions", sale, {
        "Authorization": f"Bearer {ids['merchant_token']}", "Content-Type": "application/json"})
    waited = time.perf_counter() - start
    running = thread.is_alive()
    thread.join()
    print(row(port, master, "200,000-line CSV, committed", "statement", outcome["result"], None))
    print(f"\nSale posted during that import: {status} in {waited:.2f} s "
          f"(import still running: {'yes' if running else 'no'}).")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--hostile-only", action="store_true", help="skip the accepted 20,000/200,000-row imports")
    arguments = parser.parse_args()
    run(arguments.port, arguments.hostile_only)
