"""The round: a fee, a month's bills, a SePay credit with a bill's code, the who-paid list."""
from market.fees.models import Bill, FeeCredit, FeePayment
from market.transactions.models import Transaction, UnmatchedCredit
from tests.fees.builders import bills, confirmed_payee, fee, place, run, sepay_credit, sepay_feed, this_month


def test_a_month_of_bills_gives_each_stall_one_bill_per_fee_with_its_code(client, db):
    where = place(db)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    answer = run(client, where)
    assert answer.status_code == 201 and answer.json["created"] == 3
    listed = bills(client, where)
    month = this_month()
    assert [b["stall"] for b in listed] == ["A1", "A2", "A3"]
    assert listed[0]["payment_code"] == f"PHIA1{month[5:]}{month[2:4]}A"
    assert {(b["amount"], b["paid_amount"], b["status"], b["fee"]) for b in listed} == {
        (150_000, 0, "unpaid", "Phí chợ")}


def test_running_the_same_month_again_creates_nothing(client, db):
    where = place(db)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    again = run(client, where)
    assert again.status_code == 200 and again.json["created"] == 0 and again.json["bills"] == 3
    db.session.expire_all()
    assert db.session.query(Bill).count() == 3


def test_a_market_without_a_confirmed_board_account_cannot_run_bills(client, db):
    where = place(db)
    fee(db, where.market)
    answer = run(client, where)
    assert answer.status_code == 409 and "payee" in answer.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.query(Bill).count() == 0


def test_a_sepay_credit_with_a_bill_code_marks_the_bill_paid_and_the_board_sees_it(client, db):
    where = place(db)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    key = sepay_feed(db)
    code = bills(client, where)[1]["payment_code"]
    answer = sepay_credit(client, key, 150_000, f"{code} NGUYEN THI HOA chuyen khoan", 1)
    assert answer.status_code == 201
    listed = {b["stall"]: b for b in bills(client, where)}
    assert (listed["A2"]["status"], listed["A2"]["paid_amount"]) == ("paid", 150_000)
    assert listed["A2"]["receipt_serial"]
    board = client.get(f"/api/v1/markets/{where.market.id}/who-paid?period={this_month()}",
                       headers=where.board).json
    assert [s["status"] for s in board["stalls"]] == ["unpaid", "paid", "unpaid"]
    assert board["totals"]["paid"] == 150_000 and board["totals"]["cashless_share"] == 1.0
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 0 and db.session.query(UnmatchedCredit).count() == 0


def test_a_part_payment_leaves_the_rest_owed(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    key = sepay_feed(db)
    code = bills(client, where)[0]["payment_code"]
    sepay_credit(client, key, 100_000, code.lower(), 1)
    bill = bills(client, where)[0]
    assert (bill["status"], bill["paid_amount"], bill["owed"], bill["receipt_serial"]) == (
        "partly_paid", 100_000, 50_000, None)


def test_an_overpayment_is_kept_and_pays_the_next_months_bill(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    key = sepay_feed(db)
    code = bills(client, where)[0]["payment_code"]
    sepay_credit(client, key, 200_000, code, 1)
    assert bills(client, where)[0]["status"] == "paid"
    month = this_month()
    following = f"{int(month[:4]) + int(month[5:]) // 12}-{int(month[5:]) % 12 + 1:02d}"
    assert run(client, where, following).status_code == 201
    nxt = bills(client, where, following)[0]
    assert (nxt["status"], nxt["paid_amount"]) == ("partly_paid", 50_000)
    db.session.expire_all()
    assert sum(p.amount for p in db.session.query(FeePayment).filter(FeePayment.bill_id.is_(None))) == 0


def test_a_credit_without_a_code_waits_for_an_officer_who_assigns_it_to_a_bill(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    key = sepay_feed(db)
    assert sepay_credit(client, key, 150_000, "chuyen tien phi cho", 1).status_code == 200
    queue = client.get(f"/api/v1/markets/{where.market.id}/fee-credits?status=open", headers=where.board).json
    assert len(queue) == 1 and queue[0]["amount"] == 150_000
    bill_id = bills(client, where)[0]["id"]
    assigned = client.post(f"/api/v1/fee-credits/{queue[0]['id']}/assign", json={"bill_id": bill_id},
                           headers=where.board)
    assert assigned.status_code == 200 and assigned.json["status"] == "paid"
    again = client.post(f"/api/v1/fee-credits/{queue[0]['id']}/assign", json={"bill_id": bill_id},
                        headers=where.board)
    assert again.status_code == 409
    db.session.expire_all()
    assert db.session.query(FeeCredit).one().status == "assigned"


def test_the_same_code_twice_and_the_same_delivery_twice_pay_once(client, db):
    where = place(db, stalls=1)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    key = sepay_feed(db)
    code = bills(client, where)[0]["payment_code"]
    first = sepay_credit(client, key, 60_000, f"{code} {code}", 7)
    retry = sepay_credit(client, key, 60_000, f"{code} {code}", 7)
    assert (first.status_code, retry.status_code) == (201, 200)
    bill = bills(client, where)[0]
    assert (bill["paid_amount"], bill["status"]) == (60_000, "partly_paid")


def test_the_bill_run_command_makes_the_months_bills_once(runner, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    first = runner.invoke(args=["run-fee-bills", str(where.market.id)])
    again = runner.invoke(args=["run-fee-bills", str(where.market.id), "--period", this_month()])
    assert first.exit_code == 0 and "created: 2" in first.output
    assert again.exit_code == 0 and "created: 0, bills: 2" in again.output
