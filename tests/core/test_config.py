import pytest

from market import create_app
from market.core.config import ConfigError, load_config


def test_malformed_upload_limit_stops_the_start():
    with pytest.raises(ConfigError, match="MAX_UPLOAD_BYTES"):
        load_config({"MAX_UPLOAD_BYTES": "lots"}, "/tmp/instance")


def test_malformed_boolean_stops_the_start():
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        load_config({"FLASK_DEBUG": "maybe"}, "/tmp/instance")


def test_unsupported_database_url_is_refused():
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_config({"DATABASE_URL": "mysql://root@localhost/x"}, "/tmp/instance")


def test_without_database_url_sqlite_lives_under_instance():
    config = load_config({}, "/srv/app/instance")
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////srv/app/instance/cho40.sqlite"


def test_plain_postgresql_url_uses_psycopg():
    config = load_config({"DATABASE_URL": "postgresql://u@db:5432/cho"}, "/x")
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db:5432/cho"


def test_production_refuses_the_development_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_cookies_are_secure_httponly_and_samesite():
    config = load_config({"SECRET_KEY": "s"}, "/x")
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_loopback_addresses_are_recognised_so_cards_never_carry_one():
    from market.core.config import is_loopback_url

    for url in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "http://0.0.0.0:8000"):
        assert is_loopback_url(url), url
    for url in ("http://192.168.1.10:8000", "https://cho40.example.vn"):
        assert not is_loopback_url(url), url
