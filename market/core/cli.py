"""Platform commands: `flask --app wsgi backup PATH`."""
import subprocess

import click
from flask.cli import with_appcontext

from market.core.backup import backup
from market.core.extensions import db


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Write a consistent copy of the database to PATH while the service keeps running."""
    try:
        method = backup(db.engine, path)
    except FileExistsError as error:
        raise click.ClickException(str(error)) from None
    except subprocess.CalledProcessError as error:
        raise click.ClickException(f"pg_dump failed: {error.stderr.strip()}") from None
    click.echo(f"backup written to {path} ({method})")


COMMANDS = [backup_command]
