"""Feed commands: create a feed, send a test credit to a running server, forget old log lines."""
import base64
import json
import time
import urllib.error
import urllib.request

import click
from flask.cli import with_appcontext

from market.core.clock import LOCAL_TZ
from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.feeds import deliveries
from market.feeds.models import LOG_DAYS, PROVIDERS
from market.feeds.providers import BY_NAME
from market.feeds.receiving import feed_named
from market.feeds.services import create_feed_from_cli
from market.transactions.models import LARGEST_CASHLESS

TIMEOUT_SECONDS = 10


@click.command("create-bank-feed")
@click.argument("name")
@click.option("--provider", type=click.Choice(PROVIDERS), required=True)
@click.option("--commune", "commune_code", help="Mã xã the feed serves (its unmatched credits stay there)")
@click.option("--secret", help="The key the provider issued (payOS checksum key, Casso key); else we make one")
@with_appcontext
def create_bank_feed_command(name: str, provider: str, commune_code: str | None, secret: str | None) -> None:
    """Create a bank feed; prints its address path and, once, the secret to give the provider."""
    try:
        feed, shown = create_feed_from_cli(name, provider, commune_code, secret)
    except AppError as error:
        raise click.ClickException(error.description or "refused") from None
    db.session.commit()
    click.echo(f"/api/v1/feeds/{feed.name}")
    click.echo(shown)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - the admin's URL
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _vietqr_token(base: str, name: str, secret: str) -> str:
    login = base64.b64encode(f"{name}:{secret}".encode()).decode()
    status, text = _post(f"{base}/api/token_generate", b"", {"Authorization": f"Basic {login}"})
    if status != 200:
        raise click.ClickException(f"token_generate answered {status}: {text[:300]}")
    return json.loads(text)["access_token"]


@click.command("send-test-credit")
@click.argument("feed_name")
@click.option("--account", required=True, help="The receiving account number")
@click.option("--amount", type=click.IntRange(min=1, max=LARGEST_CASHLESS), required=True)
@click.option("--content", default="Chuyen tien thu Cho 4.0", show_default=True)
@click.option("--url", "server", default="http://127.0.0.1:8000", show_default=True, help="The running server")
@with_appcontext
def send_test_credit_command(feed_name: str, account: str, amount: int, content: str, server: str) -> None:
    """Post a correctly signed delivery in the feed's provider format to a running server; print the answer."""
    feed = feed_named(feed_name)
    name, provider, secret = feed.name, feed.provider, feed.integration.secret
    # Nothing is written here: end the read so a server on the same SQLite file can take the write lock.
    db.session.rollback()
    base = f"{server.rstrip('/')}/api/v1/feeds/{name}"
    moment = utcnow().astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S")
    body, headers = BY_NAME[provider].delivery(secret, account, amount, content, moment, int(time.time() * 1000))
    url = base
    if provider == "vietqr_vn":
        headers = {"Authorization": f"Bearer {_vietqr_token(base, name, secret)}"}
        url = f"{base}/bank/api/transaction-sync"
    status, text = _post(url, json.dumps(body).encode(), headers)
    click.echo(f"{status} {text}")
    if status >= 300:
        raise click.ClickException("the server did not accept the test credit")


@click.command("purge-feed-log")
@click.option("--days", type=click.IntRange(min=LOG_DAYS), default=LOG_DAYS, show_default=True)
@with_appcontext
def purge_feed_log_command(days: int) -> None:
    """Forget delivery-log lines older than DAYS (at least 90); credits and transactions stay."""
    count = deliveries.purge(days)
    db.session.commit()
    click.echo(f"forgot {count} log lines older than {days} days")


COMMANDS = [create_bank_feed_command, send_test_credit_command, purge_feed_log_command]
