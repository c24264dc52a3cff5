def test_healthz_reports_the_database_it_answered_from(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": db.engine.dialect.name}


def test_home_page_speaks_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text
    assert "Thanh toán không dùng tiền mặt" in response.text


def test_openapi_document_is_served_and_lists_the_places_api(client):
    spec = client.get("/api/openapi.json").json
    assert spec["info"]["title"] == "Chợ 4.0 API"
    assert "/api/v1/villages" in spec["paths"]
    assert "/api/v1/communes" in spec["paths"]
