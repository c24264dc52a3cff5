"""kill -9 under write load: every acknowledged sale survives exactly once and the database stays sound."""
from typing import Any

from market.core.extensions import db
from tests.reliability.crash import run_crash
from tests.reliability.server import Gunicorn

WRITES = 300


def _seed(make_app: Any) -> str:
    """The demo village and an admin token, through the real CLI commands; the token."""
    app = make_app()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    token = runner.invoke(args=["create-api-token", "--role", "admin", "--name", "crash"]).output.split()[-1]
    with app.app_context():
        db.engine.dispose()  # the server gets the database to itself
    return token


def test_acknowledged_sales_survive_killing_a_worker_and_then_the_whole_server(database_url, make_app):
    token = _seed(make_app)
    server = Gunicorn(database_url).start()
    try:
        result = run_crash(server, token, WRITES)
    finally:
        server.stop()
    assert result.problems == []
    assert result.acked_before_crash >= 2 * WRITES // 3
    assert result.rows == result.sent
    assert result.replayed_as_existing >= result.acked_before_crash
