"""`flask send-test-credit` posts a correctly signed delivery to a running server, for every provider."""
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction
from tests import factories

PORT = 8141


@pytest.fixture
def server(app) -> Iterator[str]:
    """The test app served over HTTP on this helper's port, as a village's server would be."""
    httpd = make_server("127.0.0.1", PORT, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    httpd.shutdown()
    thread.join()


@pytest.mark.parametrize("provider", ["sepay", "payos", "casso", "vietqr_vn", "cho40"])
def test_a_test_credit_in_each_providers_format_is_accepted_and_recorded(provider, server, runner, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    create_feed_from_cli(f"test-{provider}", provider, None, "issued-key-123456" if provider in ("payos", "casso")
                         else None)
    db.session.commit()
    result = runner.invoke(args=["send-test-credit", f"test-{provider}", "--account", account.account_number,
                                 "--amount", "12000", "--url", server])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.merchant_id, row.amount, row.source) == (merchant.id, 12_000, "webhook")
