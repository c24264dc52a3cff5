"""`flask --app wsgi import-admin-units`: the official provinces and communes."""
import click
from flask.cli import with_appcontext

from market.core.extensions import db
from market.places.admin_units import import_admin_units


@click.command("import-admin-units")
@with_appcontext
def import_admin_units_command() -> None:
    """Load the 34 provinces and 3,321 communes (safe to run again)."""
    counts = import_admin_units()
    db.session.commit()
    for table, (added, changed) in counts.items():
        click.echo(f"{table}: {added} added, {changed} updated")


COMMANDS = [import_admin_units_command]
