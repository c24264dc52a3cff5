"""Crash test: kill -9 a gunicorn worker, then the whole server, in the middle of a write load; restart;
check every acknowledged sale is stored exactly once and the database passes its integrity checks.

Run: .venv/bin/python bench/crash_test.py [--db sqlite|postgresql|both] [--writes N] [--threads N]
(PostgreSQL: a throw-away database on 127.0.0.1:5432, user postgres, dropped after.)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability.crash import CrashResult, run_crash  # noqa: E402
from tests.reliability.server import Gunicorn, prepare, scratch_database  # noqa: E402

HEADER = ("| database | writes sent | acknowledged before the crash | connections cut | replayed → same row "
          "| replayed → new row | rows stored | restart (s) | problems | result |")


def run_one(kind: str, writes: int, threads: int) -> CrashResult:
    """Fresh database, demo data, server, crash, restart, verify."""
    with scratch_database(kind) as url:
        token = prepare(url)
        server = Gunicorn(url).start()
        try:
            return run_crash(server, token, writes, threads)
        finally:
            server.stop()


def row(kind: str, r: CrashResult) -> str:
    """One Markdown table row."""
    verdict = "passed" if not r.problems else "FAILED"
    return (f"| {kind} | {r.sent} | {r.acked_before_crash} | {r.lost_connections} | {r.replayed_as_existing} "
            f"| {r.replayed_as_new} | {r.rows} | {r.restart_seconds:.1f} | {len(r.problems)} | {verdict} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--writes", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    results = {kind: run_one(kind, args.writes, args.threads) for kind in kinds}
    print(f"\nCrash test: gunicorn 4 sync workers, {args.threads} posting threads, kill -9 of one worker at "
          f"1/3 of {args.writes} writes, of the master and all workers at 2/3; restart; every key replayed.\n")
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1))
    for kind, result in results.items():
        print(row(kind, result))
    for kind, result in results.items():
        for problem in result.problems[:20]:
            print(f"- {kind}: {problem}")
    return 1 if any(result.problems for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
