"""Hostile statement files: each gets a clean 413/422 in the API's error shape naming the limit, nothing
is written, and the page shows the same refusal; a far cell under a huge dimension is simply read."""
import pytest

from market.transactions.models import Transaction
from tests import factories, hostile_files

URL = "/api/v1/statement-imports"
PAGE = "/ban-hang/sao-ke"


def _upload(client, headers, account, content, name="saoke.xlsx", commit="true"):
    fields = {"account_id": str(account.id), "commit": commit}
    return client.post(URL, headers=headers, **hostile_files.multipart(fields, content, name))


@pytest.mark.parametrize(("build", "status", "code", "named"), [
    (lambda: hostile_files.zip_bomb(20), 413, "unpacked_too_large", "100 lần"),
    (lambda: hostile_files.zip_bomb(70), 413, "unpacked_too_large", "64 MB"),
    (hostile_files.billion_laughs, 422, "xml_entities", "ENTITY"),
    (lambda: hostile_files.huge_row(600), 413, "record_too_large", "128 KB"),
    (lambda: hostile_files.many_rows_xlsx(200_100), 413, "too_many_rows", "200.000 dòng"),
    (lambda: hostile_files.many_lines_csv(200_100, b"1,1\n"), 413, "too_many_rows", "200.000 dòng"),
], ids=["zip-bomb-ratio", "zip-bomb-size", "billion-laughs", "huge-row", "xlsx-over-cap", "csv-over-cap"])
def test_a_hostile_statement_is_refused_naming_the_limit_and_nothing_is_written(client, auth, db, build,
                                                                                 status, code, named):
    merchant = factories.merchant()
    account = factories.account(merchant)
    response = _upload(client, auth("merchant", merchant=merchant), account, build())
    assert response.status_code == status, response.json
    error = response.json["error"]
    assert error["code"] == code and named in error["message"]
    assert error["fields"]["file"] == [error["message"]]
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0


def test_a_far_cell_under_a_huge_declared_dimension_is_refused_at_the_line_cap(client, auth, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    response = _upload(client, auth("merchant", merchant=merchant), account, hostile_files.far_cell(),
                       commit="false")
    assert response.status_code == 413 and response.json["error"]["code"] == "too_many_rows"


def test_the_page_states_the_line_cap_and_shows_a_refusal_next_to_the_file(app, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    client = app.test_client()
    factories.login_as(client, factories.user("merchant", merchant=merchant))
    assert "200.000 dòng" in client.get(PAGE).text
    fields = {"account_id": str(account.id), "action": "dry_run"}
    response = client.post(PAGE, **hostile_files.multipart(fields, hostile_files.zip_bomb(20), "saoke.xlsx"))
    assert response.status_code == 413 and "giải nén ra quá lớn" in response.text
