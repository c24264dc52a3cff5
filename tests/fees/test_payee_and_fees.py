"""The board's account (two people, never a person's) and fee kinds with their bad-input refusals."""
from market.core.audit import AuditEvent
from market.fees.models import FeeKind, MarketPayee
from tests import factories
from tests.fees.builders import confirmed_payee, fee, place, run

BOARD_ACCOUNT = {"bin": "970436", "account_number": "0123499999", "holder_name": "Ban quản lý chợ Lạc Đạo"}


def test_the_board_account_waits_for_a_second_person_and_the_enterer_cannot_confirm_it(client, db):
    where = place(db)
    answer = client.put(f"/api/v1/markets/{where.market.id}/payee", json=BOARD_ACCOUNT, headers=where.board)
    assert answer.status_code == 200
    assert (answer.json["status"], answer.json["holder_name"]) == ("pending", "BAN QUAN LY CHO LAC DAO")
    same = client.post(f"/api/v1/markets/{where.market.id}/payee/confirm", headers=where.board)
    assert same.status_code == 403
    officer = factories.auth_headers("commune", commune_code=where.market.commune_code)
    confirmed = client.post(f"/api/v1/markets/{where.market.id}/payee/confirm", headers=officer)
    assert confirmed.status_code == 200 and confirmed.json["status"] == "active"
    db.session.expire_all()
    actions = [event.action for event in db.session.query(AuditEvent).order_by(AuditEvent.id)
               if event.entity == "market"]
    assert actions == ["market_payee.set", "market_payee.confirm"]


def test_a_persons_name_or_a_merchants_registered_account_is_refused_as_the_board_account(client, db):
    where = place(db)
    person = client.put(f"/api/v1/markets/{where.market.id}/payee",
                        json={**BOARD_ACCOUNT, "holder_name": "Nguyễn Văn An"}, headers=where.board)
    assert person.status_code == 422 and "holder_name" in person.json["error"]["fields"]
    merchant_account = factories.account(where.stalls[0], account_number="0123499999")
    db.session.commit()
    taken = client.put(f"/api/v1/markets/{where.market.id}/payee",
                       json={**BOARD_ACCOUNT, "account_number": merchant_account.account_number}, headers=where.board)
    assert taken.status_code == 409 and "account_number" in taken.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.query(MarketPayee).count() == 0


def test_anonymous_writes_get_401_and_other_villages_403(client, db):
    where = place(db)
    assert client.put(f"/api/v1/markets/{where.market.id}/payee", json=BOARD_ACCOUNT).status_code == 401
    assert client.post(f"/api/v1/markets/{where.market.id}/fees", json={"name": "x"}).status_code == 401
    other = factories.auth_headers("village_head", village=factories.village())
    assert client.post(f"/api/v1/markets/{where.market.id}/fees", json={
        "name": "Phí chợ", "amount": 1000, "starts_on": "2026-01-01"}, headers=other).status_code == 403


def test_a_negative_or_fractional_amount_is_refused_naming_the_field(client, db):
    where = place(db)
    for amount in (-5000, 12.5, "12500.5"):
        answer = client.post(f"/api/v1/markets/{where.market.id}/fees", json={
            "name": "Phí chợ", "amount": amount, "starts_on": "2026-12-01"}, headers=where.board)
        assert answer.status_code == 422 and "amount" in answer.json["error"]["fields"], amount
    bad_override = client.post(f"/api/v1/markets/{where.market.id}/fees", json={
        "name": "Phí chợ", "amount": 1000, "starts_on": "2026-12-01",
        "overrides": [{"merchant_id": 999999, "amount": 2000}]}, headers=where.board)
    assert "overrides.0.merchant_id" in bad_override.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.query(FeeKind).count() == 0


def test_a_fee_reaching_into_a_billed_month_is_refused(client, db):
    where = place(db)
    confirmed_payee(db, where.market)
    first = fee(db, where.market)
    run(client, where)
    answer = client.post(f"/api/v1/markets/{where.market.id}/fees", json={
        "name": "Vệ sinh", "amount": 20_000, "starts_on": str(first.starts_on)}, headers=where.board)
    assert answer.status_code == 409 and "starts_on" in answer.json["error"]["fields"]


def test_per_stall_amounts_and_daily_fees_make_the_bills(client, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    created = client.post(f"/api/v1/markets/{where.market.id}/fees", json={
        "name": "Phí chợ", "amount": 100_000, "starts_on": "2026-01-01",
        "overrides": [{"merchant_id": where.stalls[1].id, "amount": 250_000}]}, headers=where.board)
    assert created.status_code == 201 and created.json["code"] == "A"
    client.post(f"/api/v1/markets/{where.market.id}/fees", json={
        "name": "Vệ sinh", "period": "day", "amount": 1_000, "starts_on": "2026-01-01"}, headers=where.board)
    run(client, where, "2026-02")
    listed = client.get(f"/api/v1/markets/{where.market.id}/bills?period=2026-02", headers=where.board).json
    assert sorted((b["stall"], b["fee"], b["amount"]) for b in listed) == [
        ("A1", "Phí chợ", 100_000), ("A1", "Vệ sinh", 28_000), ("A2", "Phí chợ", 250_000), ("A2", "Vệ sinh", 28_000)]
