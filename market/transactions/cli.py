"""Transaction commands: webhook integrations and the idempotency-key purge."""
from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import update

from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.extensions import db
from market.transactions.models import Transaction
from market.transactions.webhooks import create_integration

MIN_KEEP_DAYS = 30


@click.command("create-webhook-integration")
@click.argument("name")
@click.option("--commune", "commune_code", help="Mã xã the feed serves (its unmatched credits stay in that commune)")
@with_appcontext
def create_webhook_integration_command(name: str, commune_code: str | None) -> None:
    """Create a bank-webhook integration and print its secret once."""
    if not 1 <= len(name) <= 80:
        raise click.BadParameter("1–80 characters", param_hint="NAME")
    try:
        _, secret = create_integration(name, commune_code)
    except AppError as error:
        raise click.ClickException(error.description or "duplicate") from None
    db.session.commit()
    click.echo(secret)


def purge_keys(days: int) -> int:
    """Forget idempotency keys older than `days`; the transactions themselves stay."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(
        update(Transaction)
        .where(Transaction.idempotency_key.is_not(None), Transaction.created_at < cutoff)
        .values(idempotency_key=None, client_key=None, request_hash=None))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@click.command("purge-idempotency-keys")
@click.option("--days", type=click.IntRange(min=MIN_KEEP_DAYS), default=90, show_default=True)
@with_appcontext
def purge_idempotency_keys_command(days: int) -> None:
    """Clear idempotency keys older than DAYS (at least 30); never deletes a transaction."""
    count = purge_keys(days)
    db.session.commit()
    click.echo(f"cleared {count} keys older than {days} days")


COMMANDS = [create_webhook_integration_command, purge_idempotency_keys_command]
