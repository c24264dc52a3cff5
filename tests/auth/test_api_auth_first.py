"""Authentication comes before validation: every API write answers an anonymous caller 401 before its
input (or the existence of what it names) is looked at; only the public writes are exempt."""
import re

import pytest

from tests.auth.test_role_matrix import WRITE_METHODS

# Writes anyone may call: they authenticate themselves (signature) or change nothing.
PUBLIC_WRITES = {("POST", "/api/v1/webhooks/bank"), ("POST", "/api/v1/vietqr/decode")}


def _api_writes(app) -> list[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            found.update((method, rule.rule) for method in rule.methods & WRITE_METHODS)
    return sorted(found)


def _url(rule: str, ident: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?[a-z_]+>", ident, rule)


def test_every_write_route_is_covered_here(app):
    assert len(_api_writes(app)) > 20 and PUBLIC_WRITES <= set(_api_writes(app))


@pytest.mark.parametrize("body", [{}, {"name": 1, "amount": "x"}, None])
def test_every_api_write_answers_an_anonymous_caller_401_before_anything_else(app, db, body):
    client = app.test_client()
    problems = []
    for method, rule in _api_writes(app):
        if (method, rule) in PUBLIC_WRITES:
            continue
        for ident in ("1", "999999"):  # a real-looking and an unknown id answer alike
            kwargs = {"json": body} if body is not None else {"data": b"not json", "content_type": "text/plain"}
            response = client.open(_url(rule, ident), method=method, **kwargs)
            error = (response.json or {}).get("error", {})
            if response.status_code != 401 or "fields" in error:
                problems.append(f"{method} {rule} ({ident}): {response.status_code} {error.get('code')}")
    assert not problems, "\n".join(problems)


def test_an_anonymous_read_of_a_transaction_does_not_tell_real_ids_from_unknown_ones(client, db):
    from tests import factories

    row = factories.transaction(factories.merchant())
    db.session.commit()
    real, unknown = client.get(f"/api/v1/transactions/{row.id}"), client.get("/api/v1/transactions/999999")
    assert real.status_code == unknown.status_code == 401 and real.json == unknown.json
