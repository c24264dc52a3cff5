"""Account commands: `flask --app wsgi create-user …`, `setup-link USERNAME`."""
import click
import marshmallow as ma
from flask.cli import with_appcontext
from sqlalchemy import select

from market.auth import users
from market.auth.models import ROLES, User
from market.auth.principal import SYSTEM
from market.auth.schemas import UserCreateSchema
from market.errors import AppError
from market.extensions import db


def _echo_link(user: User, link: str, expires) -> None:
    click.echo(f"{user.username} ({user.role}): đặt mật khẩu tại / set the password at")
    click.echo(link)
    click.echo(f"Dùng một lần, hết hạn / single use, expires {expires:%Y-%m-%d %H:%M} UTC")


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
        user, link, expires = users.create_user(SYSTEM, data)
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
    user, link, expires = users.reissue_setup_link(SYSTEM, user_id)
    db.session.commit()
    _echo_link(user, link, expires)


COMMANDS = [create_user_command, setup_link_command]
