"""Fixtures: a real database (SQLite file, or a throw-away PostgreSQL database), the app, clients.

TEST_DATABASE=postgresql runs the suite against PostgreSQL (TEST_PG_URL, default
postgresql://postgres@127.0.0.1:5432/postgres), in a database created for this run and dropped after.
The schema is built by the real migrations, so every test also proves they work.
"""
import os
import uuid
from collections.abc import Iterator
from typing import Any

import flask_migrate
import psycopg
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_sqlalchemy import SQLAlchemy

from market import create_app
from market.core.extensions import db as _db
from market.core.extensions import limiter
from market.places.admin_units import import_admin_units
from tests import factories

KEEP_TABLES = {"province", "commune", "alembic_version"}
TRANSLATIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile each stale .po to its .mo (as scripts/setup.sh does), so a fresh clone's tests read English."""
    for language in os.listdir(TRANSLATIONS):
        po_path = os.path.join(TRANSLATIONS, language, "LC_MESSAGES", "messages.po")
        mo_path = po_path[:-2] + "mo"
        if not os.path.isfile(po_path) or (
                os.path.isfile(mo_path) and os.path.getmtime(mo_path) >= os.path.getmtime(po_path)):
            continue
        with open(po_path, "rb") as po_file:
            catalogue = read_po(po_file)
        temporary = f"{mo_path}.{os.getpid()}"
        with open(temporary, "wb") as mo_file:
            write_mo(mo_file, catalogue)
        os.replace(temporary, mo_path)  # atomic: the SQLite and PostgreSQL runs start side by side


def _pg_admin_url() -> str:
    return os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite file in a temp dir, or a fresh PostgreSQL database dropped at the end."""
    if os.environ.get("TEST_DATABASE", "sqlite") != "postgresql":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")
        return
    name = f"cho40_test_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_config(database_url: str, **overrides: Any) -> dict[str, Any]:
    """Settings for a test app; tests that need CSRF or rate limits switch them back on."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
        "PUBLIC_BASE_URL": "https://cho40.test",
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def _schema(database_url: str) -> None:
    """Migrate the test database once and load the official admin units."""
    app = create_app(app_config(database_url))
    with app.app_context():
        flask_migrate.upgrade()
        import_admin_units()
        _db.session.commit()
        _db.engine.dispose()


def _wipe(app: Flask) -> None:
    """Empty every table the tests write to (admin units stay loaded)."""
    with app.app_context():
        _db.session.rollback()
        # DELETE, not TRUNCATE: on PostgreSQL TRUNCATE of every table costs about a second per test.
        for table in reversed(_db.metadata.sorted_tables):
            if table.name not in KEEP_TABLES:
                _db.session.execute(table.delete())
        _db.session.commit()
        for engine in _db.engines.values():
            engine.dispose()


@pytest.fixture
def make_app(database_url: str, _schema: None) -> Iterator[Any]:
    """Build an app with extra settings; all apps built are wiped after the test."""
    built: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        app = create_app(app_config(database_url, **overrides))
        built.append(app)
        return app

    yield build
    for app in built:
        if app.config["RATELIMIT_ENABLED"]:
            with app.app_context():
                limiter.reset()
    # The limiter is one object: the last init_app decides whether it is on, for every app, including
    # the shared default app of the next tests. Put it back to the test default (off).
    limiter.enabled = app_config(database_url)["RATELIMIT_ENABLED"]
    if built:
        _wipe(built[0])


@pytest.fixture(scope="session")
def _default_app(database_url: str, _schema: None) -> Flask:
    """One app with the default test settings, built once: building an app costs ~0.3 s."""
    return create_app(app_config(database_url))


@pytest.fixture
def app(_default_app: Flask) -> Iterator[Flask]:
    """The application with test settings (shared; every table is emptied after each test)."""
    yield _default_app
    _wipe(_default_app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner of `app`."""
    return app.test_cli_runner()


@pytest.fixture
def db(app: Flask) -> Iterator[SQLAlchemy]:
    """The database extension inside an app context; call db.session.expire_all() after requests."""
    with app.app_context():
        yield _db
        _db.session.rollback()


@pytest.fixture
def auth(db: SQLAlchemy) -> Any:
    """Headers with a bearer token for a role: auth("village_head", village=v)."""
    return factories.auth_headers
