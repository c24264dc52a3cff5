import subprocess
import threading
import uuid

import psycopg
from sqlalchemy import func, select, text

from market import create_app
from market.core.extensions import db as _db
from market.places.models import Village
from tests.conftest import _pg_admin_url, app_config

WRITES = 150


def _keep_writing(app, stop: threading.Event, written: list[int]) -> None:
    with app.app_context():
        for n in range(WRITES):
            if stop.is_set():
                break
            _db.session.add(Village(name=f"Thôn ghi {n}", commune_code="11992"))
            _db.session.commit()
            written.append(n)


def _restore_target(database_url: str, path: str) -> str:
    """Where a restored copy of the backup lives: the file itself, or a new PostgreSQL database."""
    if database_url.startswith("sqlite"):
        return "sqlite:///" + path
    name = f"cho40_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_pg_admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = _pg_admin_url().rsplit("/", 1)[0] + f"/{name}"
    subprocess.run(["pg_restore", "--no-owner", "--dbname", dsn, path], check=True)
    return dsn.replace("postgresql://", "postgresql+psycopg://", 1)


def _drop_restored(url: str) -> None:
    if url.startswith("postgresql"):
        with psycopg.connect(_pg_admin_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def test_backup_during_writes_restores_to_a_working_consistent_service(app, runner, db, database_url, tmp_path):
    path = str(tmp_path / "backup.bin")
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_keep_writing, args=(app, stop, written))
    writer.start()
    while len(written) < 20:
        threading.Event().wait(0.005)
    result = runner.invoke(args=["backup", path])
    stop.set()
    writer.join()
    assert result.exit_code == 0, result.output

    restored = create_app(app_config(_restore_target(database_url, path)))
    with restored.app_context():
        copied = _db.session.scalar(select(func.count()).select_from(Village))
        assert 20 <= copied <= len(written)
        if database_url.startswith("sqlite"):
            assert _db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        client = restored.test_client()
        assert client.get("/api/v1/villages").status_code == 200
        assert client.get("/healthz").status_code == 200
        _db.session.remove()
        _db.engine.dispose()
    _drop_restored(restored.config["SQLALCHEMY_DATABASE_URI"])


def test_backup_refuses_to_overwrite_a_file(runner, tmp_path):
    path = tmp_path / "exists.bin"
    path.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code != 0
    assert path.read_bytes() == b"keep me"
