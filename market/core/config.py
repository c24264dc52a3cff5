"""Configuration read from the environment; malformed values stop the start loudly."""
import ipaddress
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many

DEV_SECRET_KEY = "dev-only-not-secret"


class ConfigError(RuntimeError):
    """A configuration value from the environment is missing or malformed."""


def _int(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _rate(environ: Mapping[str, str], name: str, default: str) -> str:
    raw = environ.get(name, "").strip() or default
    try:
        parse_many(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a rate limit such as '10/minute', got {raw!r}") from None
    return raw


def database_url(environ: Mapping[str, str], instance_path: str) -> str:
    """The SQLAlchemy URL: `DATABASE_URL`, or a SQLite file under instance/."""
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + os.path.join(instance_path, "cho40.sqlite")
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith(("sqlite:", "postgresql+psycopg://")):
        raise ConfigError("DATABASE_URL must be a sqlite: or postgresql:// URL")
    return url


def engine_options(url: str) -> dict[str, Any]:
    """Pool and driver options suited to the database behind `url`."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5}


def load_config(environ: Mapping[str, str], instance_path: str) -> dict[str, Any]:
    """Build the Flask config mapping from environment variables."""
    debug = _bool(environ, "FLASK_DEBUG", False)
    url = database_url(environ, instance_path)
    return {
        "SECRET_KEY": environ.get("SECRET_KEY") or DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": url,
        "DEBUG": debug,
        "MAX_CONTENT_LENGTH": _int(environ, "MAX_UPLOAD_BYTES", 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
        "MAX_JSON_BYTES": 256 * 1024,
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool(environ, "RATELIMIT_ENABLED", True),
        "RATELIMIT_LOGIN": _rate(environ, "RATELIMIT_LOGIN", "10/minute;100/hour"),
        "RATELIMIT_LOGIN_FAILURES": _rate(environ, "RATELIMIT_LOGIN_FAILURES", "5 per 15 minutes"),
        "RATELIMIT_LOOKUP": _rate(environ, "RATELIMIT_LOOKUP", "20/minute;200/day"),
        "RATELIMIT_WRITE": _rate(environ, "RATELIMIT_WRITE", "600/minute"),
        "RATELIMIT_VERIFY": _rate(environ, "RATELIMIT_VERIFY", "120/minute"),
        "RATELIMIT_WEBHOOK": _rate(environ, "RATELIMIT_WEBHOOK", "600/minute"),
        "PROXY_FIX": _bool(environ, "PROXY_FIX", False),
        "SESSION_COOKIE_SECURE": _bool(environ, "SESSION_COOKIE_SECURE", not debug),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PUBLIC_BASE_URL": environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        "LIVE_CHANNEL": environ.get("LIVE_CHANNEL", "").strip() or "cho40_credits",
        "LIVE_STREAM_SECONDS": _int(environ, "LIVE_STREAM_SECONDS", 600, 1, 3600),
        # Flask-Compress: on unless the deployment's proxy compresses; streamed bodies (card sheets) stay as is.
        "COMPRESS_REGISTER": _bool(environ, "COMPRESS_RESPONSES", True),
        "COMPRESS_STREAMS": False,
        "API_TITLE": "Chợ 4.0 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
    }


MIN_SECRET_LENGTH = 16


def check_secret(config: Mapping[str, Any]) -> None:
    """Refuse to run outside debug/testing with the development key or a short, guessable one."""
    if config.get("DEBUG") or config.get("TESTING"):
        return
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET_KEY:
        raise ConfigError("SECRET_KEY must be set (the development key is refused outside debug)")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters (use secrets.token_hex(32))")


def is_loopback_url(url: str) -> bool:
    """True when `url` points at this machine only (127.x, ::1, localhost): no phone could open it."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False
