"""User and token commands: `create-user`, `setup-link`, `create-api-token`, `list-api-tokens`, `revoke-api-token`."""
import click
import marshmallow as ma
from flask.cli import with_appcontext
from sqlalchemy import select

from market.auth.models import ROLES, User
from market.auth.principal import SYSTEM
from market.core.clock import local_text
from market.core.errors import AppError
from market.core.extensions import db
from market.users import services, tokens
from market.users.schemas import UserCreateSchema


def _echo_link(user: User, link: str, expires) -> None:
    click.echo(f"{user.username} ({user.role}): đặt mật khẩu tại / set the password at")
    click.echo(link)
    click.echo(f"Dùng một lần, hết hạn / single use, expires {local_text(expires)} (giờ Việt Nam / Viet Nam time)")


def _fail(refusal: AppError) -> None:
    details = "; ".join(f"{k}: {v}" for k, v in (refusal.fields or {}).items())
    raise click.ClickException(f"{refusal.description} {details}".strip())


@click.command("create-user")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--username", required=True)
@click.option("--name", "display_name", help="Họ tên hiển thị (mặc định: tên đăng nhập)")
@click.option("--village", "village_id", type=int, help="Thôn của trưởng thôn")
@click.option("--commune", "commune_code", help="Mã xã của cán bộ xã")
@click.option("--merchant", "merchant_id", type=int, help="Hộ kinh doanh của tiểu thương")
@with_appcontext
def create_user_command(role: str, username: str, display_name: str | None, village_id: int | None,
                        commune_code: str | None, merchant_id: int | None) -> None:
    """Create an account and print its one-time set-password link (72 h)."""
    raw = {"role": role, "username": username, "display_name": display_name or username,
           "village_id": village_id, "commune_code": commune_code, "merchant_id": merchant_id}
    try:
        data = UserCreateSchema().load({k: v for k, v in raw.items() if v is not None})
        user, link, expires = services.create_user(SYSTEM, data)
    except ma.ValidationError as invalid:
        raise click.ClickException(str(invalid.normalized_messages())) from None
    except AppError as refusal:
        _fail(refusal)
    db.session.commit()
    _echo_link(user, link, expires)


@click.command("setup-link")
@click.argument("username")
@with_appcontext
def setup_link_command(username: str) -> None:
    """Print a new one-time set-password link for USERNAME (older links stop working)."""
    user_id = db.session.scalar(select(User.id).where(User.username == username.lower()))
    if user_id is None:
        raise click.ClickException(f"Không có tài khoản {username}")
    user, link, expires = services.reissue_setup_link(SYSTEM, user_id)
    db.session.commit()
    _echo_link(user, link, expires)


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


COMMANDS = [create_user_command, setup_link_command, create_api_token_command, list_api_tokens_command,
            revoke_api_token_command]
