"""Cash receipts by the collector, the bill's QR, receipts, and what a merchant may see."""
import io

import zxingcpp
from PIL import Image

import vietqr
from tests import factories
from tests.fees.builders import bills, confirmed_payee, fee, place, run


def _ready(client, db, stalls=1):
    where = place(db, stalls=stalls)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    return where, bills(client, where)[0]


def test_cash_with_a_receipt_number_pays_the_bill_once(client, db):
    where, bill = _ready(client, db)
    url = f"/api/v1/bills/{bill['id']}/cash-payments"
    first = client.post(url, json={"amount": 150_000, "receipt_number": "0001/26"}, headers=where.board)
    again = client.post(url, json={"amount": 150_000, "receipt_number": "0001/26"}, headers=where.board)
    assert (first.status_code, again.status_code) == (201, 200)
    assert (again.json["status"], again.json["paid_amount"], again.json["cash_amount"]) == ("paid_cash", 150_000, 150_000)
    more = client.post(url, json={"amount": 1_000, "receipt_number": "0002/26"}, headers=where.board)
    assert more.status_code == 409


def test_cash_over_what_is_owed_or_a_reused_receipt_number_is_refused(client, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    one, two = bills(client, where)
    over = client.post(f"/api/v1/bills/{one['id']}/cash-payments", json={"amount": 150_001, "receipt_number": "7"},
                       headers=where.board)
    assert over.status_code == 422 and "amount" in over.json["error"]["fields"]
    client.post(f"/api/v1/bills/{one['id']}/cash-payments", json={"amount": 50_000, "receipt_number": "7"},
                headers=where.board)
    reused = client.post(f"/api/v1/bills/{two['id']}/cash-payments", json={"amount": 50_000, "receipt_number": "7"},
                         headers=where.board)
    assert reused.status_code == 409 and "receipt_number" in reused.json["error"]["fields"]


def test_the_bill_qr_pays_the_board_the_amount_owed_with_the_code_first(client, db):
    where, bill = _ready(client, db)
    answer = client.get(f"/api/v1/bills/{bill['id']}/qr.png", headers=where.board)
    assert answer.status_code == 200 and answer.mimetype == "image/png"
    payload = zxingcpp.read_barcodes(Image.open(io.BytesIO(answer.data)))[0].text
    decoded = vietqr.decode(payload)
    assert (decoded.account, decoded.amount, decoded.initiation) == ("0123499999", 150_000, "dynamic")
    assert decoded.purpose.startswith(bill["payment_code"])


def test_a_receipt_exists_only_once_the_bill_is_paid(client, db):
    where, bill = _ready(client, db)
    url = f"/api/v1/bills/{bill['id']}/receipt.pdf"
    assert client.get(url, headers=where.board).status_code == 409
    client.post(f"/api/v1/bills/{bill['id']}/cash-payments", json={"amount": 150_000, "receipt_number": "A-9"},
                headers=where.board)
    answer = client.get(url, headers=where.board)
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")


def test_a_merchant_reads_its_own_bills_and_no_one_elses(client, db):
    where, bill = _ready(client, db, stalls=2)
    mine = factories.auth_headers("merchant", merchant=where.stalls[0])
    own = client.get(f"/api/v1/merchants/{where.stalls[0].id}/bills", headers=mine)
    assert own.status_code == 200 and [b["stall"] for b in own.json] == ["A1"]
    assert client.get(f"/api/v1/merchants/{where.stalls[1].id}/bills", headers=mine).status_code == 403
    other_bill = bills(client, where)[1]["id"]
    assert client.get(f"/api/v1/bills/{other_bill}/qr.png", headers=mine).status_code == 403
    assert client.post(f"/api/v1/bills/{bill['id']}/cash-payments", json={"amount": 1, "receipt_number": "1"},
                       headers=mine).status_code == 403
