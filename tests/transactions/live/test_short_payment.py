"""A QR with an amount, paid short: the credit's event says how much is missing (the 200 đ-for-200,000 đ trick)."""
import re

import pytest

from tests.transactions.live.helpers import SETTINGS, credit, frames, sign_in, stall

URL = "/api/v1/merchants/{}/credits/stream"


@pytest.fixture
def live_app(make_app):
    return make_app(**SETTINGS)


def _amount_qr_memo(client, merchant_id, amount):
    """Show a QR with an amount on the merchant's page; returns the memo the QR carries."""
    page = client.get(f"/merchants/{merchant_id}/qr", query_string={"amount": str(amount), "purpose": "Rau cải"})
    assert page.status_code == 200
    return re.search(r"purpose=([^\"&]+)", page.get_data(as_text=True)).group(1).replace("+", " ").replace("%20", " ")


def _replayed(client, merchant_id, after):
    body = client.get(URL.format(merchant_id), headers={"Last-Event-ID": str(after)}).get_data(as_text=True)
    return [frame["data"] for frame in frames(body) if "event" not in frame]


def test_a_credit_smaller_than_its_amount_qr_is_flagged_with_the_shortfall(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    sign_in(client, shop)
    memo = _amount_qr_memo(client, shop["merchant_id"], 200_000)
    code = next(word for word in memo.split() if word.startswith("TT"))  # after the stall's CHO code
    # The bank lower-cases and squeezes the memo, and the payer's own bank adds its prefix.
    paid = credit(client, shop, 180_000, content=f"MBVCB.123.{code.lower()[:4]} {code.lower()[4:]} rau cai")
    event = _replayed(client, shop["merchant_id"], paid - 1)[0]
    assert event["asked_amount"] == 200_000 and event["short_by"] == 20_000
    assert event["say"] == "Đã nhận một trăm tám mươi nghìn đồng. Khách chuyển thiếu hai mươi nghìn đồng"


def test_a_credit_paying_the_full_amount_or_without_a_code_is_not_flagged(live_app, db):
    shop = stall(db)
    client = live_app.test_client()
    sign_in(client, shop)
    memo = _amount_qr_memo(client, shop["merchant_id"], 50_000)
    code = next(word for word in memo.split() if word.startswith("TT"))
    first = credit(client, shop, 50_000, content=f"{code} Rau cai")
    credit(client, shop, 200, content="chuyen tien")
    events = _replayed(client, shop["merchant_id"], first - 1)
    assert [(event["amount"], event["short_by"]) for event in events] == [(50_000, 0), (200, 0)]
