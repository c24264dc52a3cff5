"""“Thu phí chợ không dùng tiền mặt” among the market's and the commune's adoption indicators, targets as data."""
from market.core.clock import today
from tests import factories
from tests.fees.builders import bills, confirmed_payee, fee, place, run, sepay_credit, sepay_feed


def test_fees_paid_by_transfer_and_in_cash_give_the_cashless_share_against_its_target(client, db):
    factories.stats_indicators()
    where = place(db, stalls=2)
    confirmed_payee(db, where.market)
    fee(db, where.market, amount=100_000)
    run(client, where)
    one, two = bills(client, where)
    sepay_credit(client, sepay_feed(db), 100_000, one["payment_code"], 11)
    client.post(f"/api/v1/bills/{two['id']}/cash-payments", json={"amount": 100_000, "receipt_number": "9"},
                headers=where.board)
    for scope in (f"market:{where.market.id}", f"commune:{where.market.commune_code}"):
        data = client.get(f"/api/v1/stats/adoption?scope={scope}&date={today()}", headers=where.board).json
        assert data["fees"]["cashless_share_value"] == 0.5 and data["fees"]["cashless_share_bills"] == 0.5
        row = next(r for r in data["targets"] if r["indicator"] == "fee_cashless_share_value")
        assert (row["actual"], row["target"], row["met"]) == (0.5, 0.7 if scope.startswith("market") else 0.5,
                                                              scope.startswith("commune"))
