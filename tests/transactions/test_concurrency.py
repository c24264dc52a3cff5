"""Exactly once under load: the app served by gunicorn (4 workers), 8 threads posting with repeated keys."""
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict

from market import ROOT
from market.transactions.models import Transaction
from tests import factories

THREADS, POSTS, REPEAT_SHARE = 8, 200, 0.30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_gunicorn(database_url, port, log):
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "concurrency-test-secret",
           "RATELIMIT_ENABLED": "0", "FLASK_DEBUG": "0"}
    command = [sys.executable, "-m", "gunicorn", "--workers", "4", "--worker-class", "gthread", "--threads", "2", "--graceful-timeout", "5",
               "--bind", f"127.0.0.1:{port}", "--chdir", ROOT, "wsgi:app"]
    return subprocess.Popen(command, env=env, stdout=log, stderr=log)


def _wait_until_serving(port, process, deadline=30.0):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        assert process.poll() is None, "gunicorn exited during start-up"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)  # polling the socket while workers boot, not pacing the test
        finally:
            connection.close()
    raise AssertionError("gunicorn did not start serving")


class Poster:
    """One client thread with its own keep-alive connection; a dropped connection is retried (same key)."""

    def __init__(self, port, token, merchant_id):
        self.port, self.token, self.merchant_id = port, token, merchant_id
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post(self, key):
        body = json.dumps({"merchant_id": self.merchant_id, "amount": 1000 + int(key.split("-")[1]),
                           "method": "vietqr"})
        headers = {"Authorization": f"Bearer {self.token}", "Idempotency-Key": key,
                   "Content-Type": "application/json"}
        for _ in range(3):
            try:
                self.connection.request("POST", "/api/v1/transactions", body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, json.loads(response.read())
            except (http.client.RemoteDisconnected, ConnectionError, http.client.CannotSendRequest):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        raise AssertionError("connection kept failing")


def _hammer(port, token, merchant_id):
    issued, lock, results = [], threading.Lock(), defaultdict(list)
    counter = iter(range(10**6))

    def worker(seed):
        rng, poster = random.Random(seed), Poster(port, token, merchant_id)
        for _ in range(POSTS):
            with lock:
                if issued and rng.random() < REPEAT_SHARE:
                    key = rng.choice(issued[-20:])  # recent keys: likely still in flight elsewhere
                else:
                    key = f"k-{next(counter)}"
                    issued.append(key)
            status, body = poster.post(key)
            with lock:
                results[key].append((status, body.get("id")))
        poster.connection.close()

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_posts_with_repeated_keys_store_exactly_one_row_per_key(db, database_url, tmp_path):
    merchant = factories.merchant()
    merchant_id = merchant.id
    token = factories.auth_headers("merchant", merchant=merchant)["Authorization"].split()[1]
    db.session.close()  # hold no lock or snapshot while the server writes
    port = _free_port()
    with open(tmp_path / "gunicorn.log", "wb") as log:
        process = _start_gunicorn(database_url, port, log)
        try:
            _wait_until_serving(port, process)
            started = time.monotonic()
            results = _hammer(port, token, merchant_id)
            elapsed = time.monotonic() - started
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    statuses = {status for answers in results.values() for status, _ in answers}
    assert statuses <= {200, 201}, (statuses, (tmp_path / "gunicorn.log").read_text()[-2000:])
    assert sum(len(answers) for answers in results.values()) == THREADS * POSTS
    assert sum(len(a) > 1 for a in results.values()) > 100, "too few repeated keys to prove anything"
    for key, answers in results.items():
        assert len({ident for _, ident in answers}) == 1, key
        assert [status for status, _ in answers].count(201) == 1, key
    db.session.expire_all()
    assert db.session.query(Transaction).count() == len(results)
    print(f"{THREADS * POSTS} posts in {elapsed:.1f} s")
    # ~10 s on an idle 2-core machine; the bound catches lock waits (30 s timeouts), not slow CI.
    assert elapsed < 60
