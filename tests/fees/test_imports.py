"""Meter reading sheets and board statements: dry run first, a bad row names itself and writes nothing."""
import io
from datetime import date

from openpyxl import Workbook

from market.fees.models import FeeCredit, MeterReading
from tests.fees.builders import bills, confirmed_payee, fee, place, run, this_month


def _electricity(db, where):
    return fee(db, where.market, name="Điện", code="C", amount=0, unit_price=3_500)


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, where, fee_id, content, name, dry_run):
    return client.post(f"/api/v1/markets/{where.market.id}/fees/{fee_id}/readings", headers=where.board,
                       data={"period": this_month(), "dry_run": "true" if dry_run else "false",
                             "file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def test_a_meter_sheet_is_checked_then_stored_and_bills_the_units_used(client, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    meter = _electricity(db, where)
    sheet = _xlsx([["Sạp", "Chỉ số cũ", "Chỉ số mới"], ["A1", 100, 130], ["A2", 50, 50]])
    dry = _upload(client, where, meter.id, sheet, "dien.xlsx", True)
    assert dry.status_code == 200 and dry.json["ok"] and dry.json["created"] == 0
    assert db.session.query(MeterReading).count() == 0
    stored = _upload(client, where, meter.id, sheet, "dien.xlsx", False)
    assert stored.json["created"] == 2
    assert run(client, where).json["created"] == 1
    assert [(b["stall"], b["amount"]) for b in bills(client, where)] == [("A1", 105_000)]


def test_unknown_stalls_and_impossible_readings_name_their_rows_and_nothing_is_written(client, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    meter = _electricity(db, where)
    csv = "Sạp,Chỉ số cũ,Chỉ số mới\nA1,100,90\nZ9,1,2\nA2,-3,4\n".encode()
    answer = _upload(client, where, meter.id, csv, "nuoc.csv", False)
    assert not answer.json["ok"]
    assert [(e["row"], e["field"]) for e in answer.json["errors"]] == [(2, "current"), (3, "stall"), (4, "previous")]
    db.session.expire_all()
    assert db.session.query(MeterReading).count() == 0


def test_a_board_statement_pays_the_bills_its_memos_name_and_queues_the_rest_once(client, db):
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    fee(db, where.market)
    run(client, where)
    code = bills(client, where)[0]["payment_code"]
    today = date.today().strftime("%d/%m/%Y")
    content = (f"Ngày giao dịch,Ghi có,Nội dung,Số tham chiếu\n{today},150000,{code} nop phi,FT1\n"
               f"{today},80000,tien cho,FT2\n").encode()

    def send(dry_run):
        return client.post(f"/api/v1/markets/{where.market.id}/statement-imports", headers=where.board,
                           data={"dry_run": str(dry_run).lower(), "file": (io.BytesIO(content), "saoke.csv")},
                           content_type="multipart/form-data")

    dry = send(True).json
    assert [line["bills"] for line in dry["lines"]] == [[code], []]
    assert db.session.query(FeeCredit).count() == 0
    done = send(False).json
    assert (done["recorded"], done["queued"]) == (1, 1)
    again = send(False).json
    assert again["duplicate"] == 2
    assert bills(client, where)[0]["status"] == "paid"
