"""Command-line tools: `flask --app wsgi <command>`."""
import subprocess

import click
from flask.cli import with_appcontext

from market.auth import cli as auth_cli
from market.auth import tokens
from market.backup import backup
from market.auth.models import ROLES
from market.auth.principal import SYSTEM
from market.errors import AppError
from market.extensions import db
from market.places.admin_units import import_admin_units


@click.command("import-admin-units")
@with_appcontext
def import_admin_units_command() -> None:
    """Load the 34 provinces and 3,321 communes (safe to run again)."""
    counts = import_admin_units()
    db.session.commit()
    for table, (added, changed) in counts.items():
        click.echo(f"{table}: {added} added, {changed} updated")


@click.command("create-api-token")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default="cli")
@click.option("--village", "village_id", type=int)
@click.option("--commune", "commune_code")
@click.option("--merchant", "merchant_id", type=int)
@with_appcontext
def create_api_token_command(role: str, name: str, village_id: int | None, commune_code: str | None,
                             merchant_id: int | None) -> None:
    """Print a new bearer token once; only its hash is kept."""
    data = {"role": role, "name": name, "village_id": village_id, "commune_code": commune_code,
            "merchant_id": merchant_id}
    try:
        _, plain = tokens.create_token(SYSTEM, data)
    except AppError as refusal:
        raise click.UsageError(f"{refusal.description} {refusal.fields or ''}".strip()) from None
    db.session.commit()
    click.echo(plain)


@click.command("list-api-tokens")
@with_appcontext
def list_api_tokens_command() -> None:
    """List tokens (prefix, role, scope, state)."""
    for token in tokens.list_tokens():
        state = "revoked" if token.revoked_at else "active"
        click.echo(f"{token.id}\t{token.prefix}…\t{token.role}\t{token.name}\t{token.village_id or ''}\t{state}")


@click.command("revoke-api-token")
@click.argument("token_id", type=int)
@with_appcontext
def revoke_api_token_command(token_id: int) -> None:
    """Revoke a token by id; it stops working at once."""
    tokens.revoke_token(token_id)
    db.session.commit()
    click.echo(f"revoked {token_id}")


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


COMMANDS = [backup_command, import_admin_units_command, create_api_token_command, list_api_tokens_command,
            revoke_api_token_command, *auth_cli.COMMANDS]
