from market.auth.models import ApiToken
from market.auth.principal import hash_token
from tests import factories


def test_create_api_token_prints_a_token_once_and_stores_only_its_hash(runner, db):
    result = runner.invoke(args=["create-api-token", "--role", "admin", "--name", "ops"])
    assert result.exit_code == 0, result.output
    plain = result.output.strip()
    row = db.session.query(ApiToken).one()
    assert row.token_hash == hash_token(plain)
    assert plain not in (row.token_hash, row.prefix)


def test_token_scoped_to_a_village_takes_the_village_commune(runner, db):
    village = factories.village()
    db.session.commit()
    result = runner.invoke(args=["create-api-token", "--role", "village_head", "--village", str(village.id)])
    assert result.exit_code == 0, result.output
    row = db.session.query(ApiToken).one()
    assert (row.village_id, row.commune_code) == (village.id, village.commune_code)


def test_unknown_role_is_refused(runner):
    result = runner.invoke(args=["create-api-token", "--role", "king"])
    assert result.exit_code != 0


def test_revoking_a_token_takes_effect_on_the_next_request(runner, client, db):
    plain = runner.invoke(args=["create-api-token", "--role", "admin"]).output.strip()
    headers = {"Authorization": f"Bearer {plain}"}
    create = {"name": "Thôn A", "commune_code": factories.COMMUNE}
    assert client.post("/api/v1/villages", json=create, headers=headers).status_code == 201
    token_id = db.session.query(ApiToken).one().id
    assert runner.invoke(args=["revoke-api-token", str(token_id)]).exit_code == 0
    create["name"] = "Thôn B"
    assert client.post("/api/v1/villages", json=create, headers=headers).status_code == 401
    listing = runner.invoke(args=["list-api-tokens"]).output
    assert "revoked" in listing and plain not in listing
