from sqlalchemy import func, select

from market.places.models import Commune, Province


def test_import_admin_units_loads_34_provinces_and_3321_communes_idempotently(runner, db):
    result = runner.invoke(args=["import-admin-units"])
    assert result.exit_code == 0, result.output
    # The session fixture loaded them already: a second run adds and changes nothing.
    assert "provinces: 0 added, 0 updated" in result.output
    assert "communes: 0 added, 0 updated" in result.output
    assert db.session.scalar(select(func.count()).select_from(Province)) == 34
    assert db.session.scalar(select(func.count()).select_from(Commune)) == 3321


def test_commune_kinds_match_the_official_counts(db):
    counts = dict(db.session.execute(select(Commune.type, func.count()).group_by(Commune.type)).all())
    assert counts == {"xã": 2611, "phường": 697, "đặc khu": 13}


def test_communes_can_be_filtered_by_province_and_found_without_accents(client):
    response = client.get("/api/v1/communes", query_string={"province": "33", "q": "lac dao"})
    assert response.status_code == 200
    assert [c["full_name"] for c in response.json] == ["Xã Lạc Đạo"]
    assert response.json[0]["code"] == "11992"


def test_a_malformed_province_filter_is_refused_naming_the_field(client):
    response = client.get("/api/v1/communes", query_string={"province": "3x"})
    assert response.status_code == 422
    assert "province" in response.json["error"]["fields"]
