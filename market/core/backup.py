"""Consistent online backups: SQLite's backup API, or pg_dump for PostgreSQL."""
import os
import sqlite3
import subprocess

from sqlalchemy.engine import Engine, make_url


def backup_sqlite(engine: Engine, path: str) -> None:
    """Copy the live SQLite database page by page while writers carry on."""
    source = engine.raw_connection()
    try:
        target = sqlite3.connect(path)
        try:
            # Small steps let writers in between; the API restarts a step if a page changed.
            source.driver_connection.backup(target, pages=256)
        finally:
            target.close()
    finally:
        source.close()


def backup_postgresql(engine: Engine, path: str) -> None:
    """Dump the database in pg_dump's custom format (one snapshot; restore with pg_restore)."""
    url = make_url(engine.url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    dsn = url.set(password=None).render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", dsn],
                   check=True, env=env, capture_output=True, text=True)


def backup(engine: Engine, path: str) -> str:
    """Back up the app's database to `path`; returns the method used."""
    if os.path.exists(path):
        raise FileExistsError(f"{path} exists; choose a new file")
    if engine.dialect.name == "sqlite":
        backup_sqlite(engine, path)
        return "sqlite-backup-api"
    backup_postgresql(engine, path)
    return "pg_dump"
