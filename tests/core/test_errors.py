import pytest
from flask import Flask


def test_unknown_api_route_is_a_json_404_in_the_error_shape(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert response.json["error"]["message"]


def test_wrong_method_is_a_json_405(client):
    response = client.delete("/api/v1/provinces")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"


def test_unknown_page_is_an_html_404_for_a_browser(client):
    response = client.get("/khong-co", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "text/html" in response.content_type
    assert "Lỗi 404" in response.text


def test_validation_error_names_the_field(client, auth, db):
    response = client.post("/api/v1/villages", json={"name": "", "commune_code": "abc"},
                           headers=auth("admin"))
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert set(fields) == {"name", "commune_code"}


def test_unknown_fields_are_refused(client, auth, db):
    response = client.post("/api/v1/villages", json={"name": "Thôn Một", "commune_code": "11992", "x": 1},
                           headers=auth("admin"))
    assert response.status_code == 422
    assert "x" in response.json["error"]["fields"]


def test_malformed_json_body_is_a_400_not_a_500(client, auth, db):
    response = client.post("/api/v1/villages", data="{not json", content_type="application/json",
                           headers=auth("admin"))
    assert 400 <= response.status_code < 500
    assert "error" in response.json


@pytest.fixture
def crashing_app(make_app) -> Flask:
    app = make_app()

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")
    return app


def test_a_crash_is_a_500_without_traceback(crashing_app):
    response = crashing_app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json["error"]["code"] == "internal_server_error"
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text


def test_a_nul_character_is_refused_naming_the_field(client, auth, db):
    response = client.post("/api/v1/villages", json={"name": "Thôn\x00A", "commune_code": "11992"},
                           headers=auth("admin"))
    assert response.status_code == 422
    assert "name" in response.json["error"]["fields"]


def test_an_id_beyond_the_integer_column_is_a_404(client):
    assert client.get("/api/v1/villages/99999999999999999999").status_code == 404
