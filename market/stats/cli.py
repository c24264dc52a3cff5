"""`flask --app wsgi seed-indicators`: load the indicator catalogue and default targets."""
import click
from flask.cli import with_appcontext

from market.core.extensions import db
from market.stats.indicators import seed_indicators


@click.command("seed-indicators")
@with_appcontext
def seed_indicators_command() -> None:
    """Insert or update the indicator catalogue and add missing default targets (safe to run again)."""
    counts = seed_indicators()
    db.session.commit()
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))


COMMANDS = [seed_indicators_command]
