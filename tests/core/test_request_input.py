"""One input check for every request: what no parser, schema or database should ever be handed."""
import pytest

from market.places.models import Village
from merchants.models import Merchant
from tests import factories

RLO = "\u202e"
# JSON writes of several features: the check sits before all of them.
JSON_WRITES = [("POST", "/api/v1/villages"), ("POST", "/api/v1/merchants"), ("POST", "/api/v1/transactions"),
               ("POST", "/api/v1/tallies"), ("PATCH", "/api/v1/markets/1"), ("POST", "/api/v1/users")]


@pytest.mark.parametrize(("method", "path"), JSON_WRITES)
def test_json_nested_ten_thousand_deep_is_a_clean_400(client, auth, db, method, path):
    body = '{"name": ' + "[" * 10_000 + "]" * 10_000 + "}"
    for headers in (auth("admin"), {}):
        response = client.open(path, method=method, data=body, headers={**headers, "Content-Type": "application/json"})
        assert response.status_code in (400, 401) and "error" in response.json


@pytest.mark.parametrize(("method", "path"), JSON_WRITES)
def test_a_five_thousand_digit_number_is_a_clean_400(client, auth, db, method, path):
    body = '{"merchant_id": ' + "9" * 5000 + ', "amount": 1}'
    response = client.open(path, method=method, data=body, headers={**auth("admin"),
                                                                     "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"]["fields"]["body"]


def test_json_nested_a_little_deeper_than_allowed_is_refused_too(client, auth, db):
    nested: list = [1]
    for _ in range(40):
        nested = [nested]
    body = {"name": "Thôn", "commune_code": factories.COMMUNE, "x": nested}
    assert client.post("/api/v1/villages", json=body, headers=auth("admin")).status_code == 400


@pytest.mark.parametrize("field", ["display_name", "owner_name", "category"])
def test_a_lone_surrogate_is_refused_naming_the_field(client, auth, db, field):
    village = factories.village()
    merchant = factories.merchant(village)
    db.session.commit()
    response = client.patch(f"/api/v1/merchants/{merchant.id}", json={field: "Quán \ud800"},
                            headers=auth("admin"))
    assert response.status_code == 422 and field in response.json["error"]["fields"]


def test_a_lone_surrogate_in_a_sale_note_or_reference_is_refused(client, auth, db):
    merchant = factories.merchant()
    db.session.commit()
    for field in ("note", "reference"):
        body = {"merchant_id": merchant.id, "amount": 10_000, "method": "cash", field: "x\udfff"}
        response = client.post("/api/v1/transactions", json=body, headers={**auth("admin"), "Idempotency-Key": field})
        assert response.status_code == 422 and field in response.json["error"]["fields"]


@pytest.mark.parametrize("username", ["demo\x00admin", "\x00"])
def test_a_nul_byte_in_a_page_form_is_a_4xx_on_every_database(client, db, username):
    response = client.post("/auth/login", data={"username": username, "password": "x" * 8})
    assert response.status_code == 422 and "username" in response.text


def test_a_nul_byte_in_a_page_form_is_never_stored(client, db):
    user = factories.user("admin")
    db.session.commit()
    factories.login(client, user)
    response = client.post("/places/villages", data={"name": "Thôn\x00A", "commune_code": factories.COMMUNE})
    assert response.status_code == 422
    assert db.session.query(Village).count() == 0


def test_a_right_to_left_override_in_a_name_is_refused(client, auth, db):
    village = factories.village()
    db.session.commit()
    body = {"display_name": f"Quán {RLO}gnp.exe", "owner_name": "Lan", "village_id": village.id, "category": "x"}
    response = client.post("/api/v1/merchants", json=body, headers=auth("admin"))
    assert response.status_code == 422 and "display_name" in response.json["error"]["fields"]
    assert db.session.query(Merchant).count() == 0


def test_a_right_to_left_override_stored_earlier_is_not_shown_on_the_public_page(client, db):
    merchant = factories.merchant(display_name=f"Quán {RLO}gnp.exe", consent_public=True)
    db.session.commit()
    page = client.get(f"/merchants/{merchant.id}/public")
    assert page.status_code == 200 and "Quán gnp.exe" in page.text and RLO not in page.text


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00",
                                    "2200-01-01T00:00:00+07:00"])
def test_extreme_times_are_a_422_naming_the_field(client, auth, db, moment):
    merchant = factories.merchant()
    db.session.commit()
    body = {"merchant_id": merchant.id, "amount": 10_000, "method": "cash", "occurred_at": moment}
    sale = client.post("/api/v1/transactions", json=body, headers={**auth("admin"), "Idempotency-Key": "t"})
    assert sale.status_code == 422 and "occurred_at" in sale.json["error"]["fields"]
    for name in ("since", "until"):
        audit = client.get("/api/v1/audit-events", query_string={name: moment}, headers=auth("admin"))
        assert audit.status_code == 422 and name in audit.json["error"]["fields"]


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_cursor_holding_an_extreme_time_is_a_422(client, auth, db, moment):
    import base64

    cursor = base64.urlsafe_b64encode(f"{moment}|1".encode()).decode().rstrip("=")
    response = client.get("/api/v1/transactions", query_string={"cursor": cursor}, headers=auth("admin"))
    assert response.status_code == 422 and "cursor" in response.json["error"]["fields"]


def test_huge_ids_and_days_in_filters_are_a_422(client, auth, db):
    audit = client.get("/api/v1/audit-events", query_string={"before_id": 10**30}, headers=auth("admin"))
    assert audit.status_code == 422 and "before_id" in audit.json["error"]["fields"]
    sales = client.get("/api/v1/transactions", query_string={"to": "9999-12-31"}, headers=auth("admin"))
    assert sales.status_code == 422 and "to" in sales.json["error"]["fields"]


@pytest.mark.parametrize("scope", ["village:1\n", "commune:12345\n", " village:1"])
def test_a_scope_with_a_trailing_newline_is_refused(client, db, scope):
    response = client.get("/api/v1/stats/adoption", query_string={"scope": scope})
    assert response.status_code == 422


def test_a_pattern_field_refuses_a_trailing_newline(client, db):
    response = client.get("/api/v1/villages", query_string={"commune": factories.COMMUNE + "\n"})
    assert response.status_code == 422


def test_an_ordinary_write_still_goes_through(client, auth, db):
    body = {"name": "Thôn Đông", "commune_code": factories.COMMUNE}
    assert client.post("/api/v1/villages", json=body, headers=auth("admin")).status_code == 201
