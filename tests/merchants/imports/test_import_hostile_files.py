"""Hostile merchant lists: refused with a 413/422 naming the limit (20,000 rows at most), nothing written."""
import pytest

from merchants.models import Merchant
from tests import factories, hostile_files

URL = "/api/v1/merchants/import"
HEADER = ("Tên cơ sở", "Chủ hộ")


def _post(client, headers, village, data, name="ds.xlsx", dry_run="true"):
    fields = {"village_id": str(village.id), "dry_run": dry_run}
    return client.post(URL, headers=headers, **hostile_files.multipart(fields, data, name))


def _many_merchants_csv(count: int) -> bytes:
    return "Tên cơ sở,Chủ hộ\n".encode() + b"".join(b"Sap %d,Chu %d\n" % (n, n) for n in range(count))


@pytest.mark.parametrize(("build", "status", "code", "named"), [
    (lambda: hostile_files.zip_bomb(20), 413, "unpacked_too_large", "100 lần"),
    (hostile_files.billion_laughs, 422, "xml_entities", "ENTITY"),
    (lambda: hostile_files.huge_row(600), 413, "record_too_large", "128 KB"),
    (lambda: hostile_files.many_rows_xlsx(20_100), 413, "too_many_rows", "20.000 dòng"),
], ids=["zip-bomb", "billion-laughs", "huge-row", "xlsx-over-cap"])
def test_a_hostile_list_is_refused_naming_the_limit(client, auth, db, build, status, code, named):
    village = factories.village()
    response = _post(client, auth("village_head", village=village), village, build(), dry_run="false")
    assert response.status_code == status, response.json
    error = response.json["error"]
    assert error["code"] == code and named in error["message"]
    assert error["fields"]["file"] == [error["message"]]
    db.session.expire_all()
    assert db.session.query(Merchant).count() == 0


def test_a_million_line_dry_run_is_refused_at_the_row_cap(client, auth, db):
    village = factories.village()
    data = hostile_files.many_lines_csv(1_000_000, b"a,b\n")  # 4 MB: under the 5 MB upload limit
    response = _post(client, auth("village_head", village=village), village, data, name="ds.csv")
    assert response.status_code == 413 and response.json["error"]["code"] == "too_many_rows"
    assert "20.000 dòng" in response.json["error"]["message"]


def test_a_far_cell_under_a_huge_declared_dimension_is_refused_at_the_row_cap(client, auth, db):
    village = factories.village()
    response = _post(client, auth("village_head", village=village), village, hostile_files.far_cell(HEADER))
    assert response.status_code == 413 and response.json["error"]["code"] == "too_many_rows"


def test_twenty_thousand_rows_are_accepted_and_written_in_batches(client, auth, db):
    village = factories.village()
    response = _post(client, auth("village_head", village=village), village, _many_merchants_csv(20_000),
                     name="ds.csv", dry_run="false")
    assert response.status_code == 200, response.json
    assert response.json["created"] == 20_000
    db.session.expire_all()
    assert db.session.query(Merchant).count() == 20_000


def test_the_page_states_the_row_cap(app, db):
    village = factories.village()
    client = app.test_client()
    factories.login_as(client, factories.user("village_head", village=village))
    assert "20.000 dòng" in client.get("/merchants/import").text
