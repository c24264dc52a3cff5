"""`flask --app wsgi seed-demo`: the demo village."""
import click
from flask.cli import with_appcontext

from market.core.extensions import db
from market.demo import data, seed


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Build the demo village in Xã Lạc Đạo (Hưng Yên); running it again changes nothing."""
    counts = seed.seed_demo()
    db.session.commit()
    if not counts:
        click.echo("Dữ liệu demo đã có sẵn; không thay đổi gì.")
    for table, added in sorted(counts.items()):
        click.echo(f"{table}: {added} added")
    usernames = ", ".join(username for username, *_ in data.USERS)
    click.echo(f"Tài khoản demo: {usernames} — mật khẩu demo: {data.PASSWORD}")


COMMANDS = [seed_demo_command]
