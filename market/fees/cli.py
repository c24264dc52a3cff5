"""Fee commands: run a month's bills from a schedule (cron) the way the board's button does."""
import click
from flask.cli import with_appcontext

from market.auth.principal import Principal
from market.core.clock import today
from market.core.errors import AppError
from market.core.extensions import db
from market.fees.billing import run_bills
from market.fees.periods import month_of

CRON = Principal(role="admin", label="cli:run-fee-bills")


@click.command("run-fee-bills")
@click.argument("market_id", type=int)
@click.option("--period", help="YYYY-MM (default: this month in Viet Nam)")
@with_appcontext
def run_fee_bills_command(market_id: int, period: str | None) -> None:
    """Make the month's missing bills of a market (a second run makes nothing)."""
    try:
        result, _status = run_bills(CRON, market_id, period or month_of(today()))
    except AppError as error:
        raise click.ClickException(error.description or "refused") from None
    db.session.commit()
    click.echo(f"created: {result['created']}, bills: {result['bills']}, missing_readings: {result['missing_readings']}")


COMMANDS = [run_fee_bills_command]
