"""The statement page: a dry run keeps the file an hour; "Ghi vào sổ" writes it without a second upload."""
import io
import re
from datetime import timedelta

from market.core.dbtypes import utcnow
from market.transactions.models import PendingStatement, Transaction
from tests import factories
from tests.transactions.test_statement_import import CSV

PAGE = "/ban-hang/sao-ke"
PENDING = re.compile(r'name="pending_id" value="([^"]+)"')


def _merchant_client(app):
    merchant = factories.merchant()
    account = factories.account(merchant)
    client = app.test_client()
    factories.login_as(client, factories.user("merchant", merchant=merchant))
    return client, account


def _dry_run(client, account, content=CSV):
    response = client.post(PAGE, data={"account_id": str(account.id), "action": "dry_run",
                                       "file": (io.BytesIO(content.encode()), "saoke.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "Báo cáo chạy thử" in response.text
    found = PENDING.search(response.text)
    return found.group(1) if found else None


def _commit(client, pending_id, **extra):
    return client.post(PAGE, data={"pending_id": pending_id, **extra})


def _stored(db):
    db.session.expire_all()
    return db.session.query(Transaction).count()


def test_a_dry_run_then_ghi_vao_so_stores_the_rows_once_without_a_second_upload(app, db):
    client, account = _merchant_client(app)
    pending_id = _dry_run(client, account)
    assert pending_id and len(pending_id) >= 40 and _stored(db) == 0
    done = _commit(client, pending_id)
    assert done.status_code == 200 and "Đã nhập 3 giao dịch" in done.text
    assert _stored(db) == 3
    assert db.session.query(PendingStatement).count() == 0


def test_committing_twice_adds_nothing_more_and_says_why(app, db):
    client, account = _merchant_client(app)
    pending_id = _dry_run(client, account)
    assert _commit(client, pending_id).status_code == 200
    again = _commit(client, pending_id)
    assert again.status_code == 404 and "đã được ghi vào sổ" in again.text
    assert _stored(db) == 3


def test_the_commit_writes_what_was_previewed_even_if_another_file_is_sent(app, db):
    client, account = _merchant_client(app)
    pending_id = _dry_run(client, account)
    other = "Ngày giao dịch,Ghi có,Số tham chiếu\n01/01/2026,999000,KHAC-1\n"
    done = client.post(PAGE, data={"pending_id": pending_id, "account_id": str(account.id),
                                   "file": (io.BytesIO(other.encode()), "khac.csv")},
                       content_type="multipart/form-data")
    assert done.status_code == 200 and "Đã nhập 3 giao dịch" in done.text
    db.session.expire_all()
    assert sorted(r.reference[:5] for r in db.session.query(Transaction)) == ["FT001", "FT003", "auto-"]


def test_another_user_cannot_commit_someone_elses_pending_import(app, db):
    owner, account = _merchant_client(app)
    pending_id = _dry_run(owner, account)
    stranger, _ = _merchant_client(app)
    refused = _commit(stranger, pending_id)
    assert refused.status_code == 404 and "Không tìm thấy bản chạy thử" in refused.text
    assert _stored(db) == 0
    assert _commit(owner, pending_id).status_code == 200 and _stored(db) == 3


def test_an_expired_dry_run_is_refused_with_a_clear_message_and_cleaned_up_later(app, db):
    client, account = _merchant_client(app)
    pending_id = _dry_run(client, account)
    db.session.query(PendingStatement).update({"created_at": utcnow() - timedelta(minutes=61)})
    db.session.commit()
    refused = _commit(client, pending_id)
    assert refused.status_code == 410 and "quá 1 giờ" in refused.text and "chọn lại tệp" in refused.text
    assert _stored(db) == 0
    someone_else, their_account = _merchant_client(app)
    assert _dry_run(someone_else, their_account)
    db.session.expire_all()
    assert [row.id for row in db.session.query(PendingStatement)] != [pending_id]
    assert db.session.query(PendingStatement).count() == 1


def test_a_new_dry_run_replaces_the_persons_earlier_one(app, db):
    client, account = _merchant_client(app)
    first = _dry_run(client, account)
    second = _dry_run(client, account)
    assert first != second
    assert _commit(client, first).status_code == 404
    assert _commit(client, second).status_code == 200 and _stored(db) == 3


def test_a_dry_run_with_a_bad_row_or_nothing_new_offers_no_commit(app, db):
    client, account = _merchant_client(app)
    broken = CSV.replace("1.500.000", "1.500.000,5")
    assert _dry_run(client, account, broken) is None
    assert _commit(client, _dry_run(client, account)).status_code == 200
    page = client.post(PAGE, data={"account_id": str(account.id), "action": "dry_run",
                                   "file": (io.BytesIO(CSV.encode()), "saoke.csv")},
                       content_type="multipart/form-data")
    assert "Không có giao dịch mới để ghi" in page.text and not PENDING.search(page.text)
    assert db.session.query(PendingStatement).count() == 0


def test_a_malformed_pending_id_is_refused_like_an_unknown_one(app, db):
    client, _ = _merchant_client(app)
    for value in ("x", "../../etc", "a" * 100):
        response = _commit(client, value)
        assert response.status_code == 404 and "Không tìm thấy bản chạy thử" in response.text
