import re
from pathlib import Path

import pytest

from market import create_app
from market.core.config import ConfigError, load_config
from market.core.exports import safe_cell

FORBIDDEN = re.compile(r"otp|cccd|cmnd|id_?card|bank_?pass|pin_?code|biometric|fingerprint|face_?id", re.I)


def test_a_short_secret_key_is_refused_outside_debug():
    with pytest.raises(ConfigError, match="at least 16"):
        create_app({"SECRET_KEY": "short", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_debug_may_run_with_the_development_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"DEBUG": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == "dev-only-not-secret"


def test_a_malformed_rate_limit_stops_the_start():
    with pytest.raises(ConfigError, match="RATELIMIT_WRITE"):
        load_config({"RATELIMIT_WRITE": "lots"}, "/x")
    assert load_config({"RATELIMIT_WRITE": "5000/minute"}, "/x")["RATELIMIT_WRITE"] == "5000/minute"


@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"), ("+84912345678", "'+84912345678"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"), ("Quán Bà Hoà", "Quán Bà Hoà"), ("", ""), (-5, -5), (None, None), (12.5, 12.5),
])
def test_export_cells_that_a_spreadsheet_would_run_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_no_api_field_or_form_input_asks_for_otp_bank_passwords_id_numbers_or_biometrics(client):
    spec = client.get("/api/openapi.json").json
    names = {prop for schema in spec["components"]["schemas"].values() for prop in schema.get("properties", {})}
    names |= {p["name"] for path in spec["paths"].values() for op in path.values() if isinstance(op, dict)
              for p in op.get("parameters", [])}
    root = Path(__file__).resolve().parents[2]
    for template in (root / "templates").rglob("*.html"):
        names |= set(re.findall(r'name="([^"{]+)"', template.read_text()))
        names |= set(re.findall(r'\b(?:field|select|checkbox)\("([^"]+)"', template.read_text()))
    from market.auth import schemas as page_schemas
    names |= {name for schema in vars(page_schemas).values() if isinstance(schema, type)
              for name in getattr(schema, "_declared_fields", {})}
    assert names and not [name for name in names if FORBIDDEN.search(name)]
