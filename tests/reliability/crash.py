"""The crash scenario: kill -9 a worker, then the whole server, under write load; restart; verify."""
from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from tests.reliability.checks import check_database
from tests.reliability.server import Gunicorn, WriteLoad, call


@dataclass
class CrashResult:
    """Counts of the run and every broken promise found (empty `problems` = passed)."""

    sent: int = 0
    acked_before_crash: int = 0
    lost_connections: int = 0
    replayed_as_existing: int = 0
    replayed_as_new: int = 0
    rows: int = 0
    restart_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def active_merchants(port: int) -> list[int]:
    """Ids of the active merchants the public list shows."""
    status, _, raw = call(port, "GET", "/api/v1/merchants?status=active&per_page=100")
    assert status == 200, raw
    return [item["id"] for item in json.loads(raw)["items"]]


def _replay(load: WriteLoad, result: CrashResult) -> None:
    """Send every key again: acknowledged ones must come back as the same row, the others once at most."""
    def one(key: str) -> None:
        status, reply = load.post(key, load.sent[key])
        if key in load.acked:
            if status != 200 or reply is None or reply["id"] != load.acked[key]:
                result.problems.append(f"acknowledged {key} replayed as {status} {reply}")
            else:
                result.replayed_as_existing += 1
        elif status == 200:
            result.replayed_as_existing += 1  # committed, but the answer died with the worker
        elif status == 201:
            result.replayed_as_new += 1
        else:
            result.problems.append(f"unacknowledged {key} replayed as {status} {reply}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, list(load.sent)))


def run_crash(server: Gunicorn, token: str, writes: int, threads: int = 4) -> CrashResult:
    """Post up to `writes` sales; SIGKILL a worker at 1/3, the master and all workers at 2/3; restart, check."""
    load = WriteLoad(server.port, token, active_merchants(server.port), threads=threads, limit=writes).start()
    load.wait_for(writes // 3)
    server.kill_worker()
    load.wait_for(2 * writes // 3)
    server.kill_all()
    load.stop()
    result = CrashResult(acked_before_crash=len(load.acked), lost_connections=load.failures)
    result.problems += [f"unexpected answer {answer}" for answer in load.unexpected]
    started = time.monotonic()
    server.start()
    result.restart_seconds = time.monotonic() - started
    _replay(load, result)
    report = check_database(server.database_url)
    result.sent, result.rows = len(load.sent), sum(report.copies.values())
    result.problems += report.problems
    result.problems += [f"{key} stored {report.copies.get(key, 0)} times" for key in load.sent
                        if report.copies.get(key, 0) != 1]
    return result
