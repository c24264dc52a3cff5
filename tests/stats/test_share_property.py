"""Property: a cashless sale never lowers the cashless share; reversing it restores every figure."""
from datetime import date, datetime, time, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.stats.expected import HCM

DAY = date(2026, 5, 31)
CASHLESS = st.sampled_from(["vietqr", "bank_transfer", "ewallet", "card"])


def _figures(client, scope):
    body = client.get("/api/v1/stats/adoption", query_string={"scope": scope, "date": DAY.isoformat()},
                      headers={"Authorization": client.admin}).json
    body.pop("targets")
    return body


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.integers(min_value=1, max_value=499_999_999), method=CASHLESS,
       hour=st.integers(min_value=0, max_value=23), offset=st.integers(min_value=0, max_value=29),
       cash_sales=st.integers(min_value=0, max_value=3))
def test_a_cashless_sale_never_lowers_the_share_and_its_reversal_restores_everything(
        client, auth, db, amount, method, hour, offset, cash_sales):
    if not hasattr(client, "admin"):
        client.admin = auth("admin")["Authorization"]
    village = factories.village()
    seller = factories.merchant(village, created_at=datetime(2025, 1, 1, tzinfo=timezone.utc))
    moment = datetime.combine(DAY.replace(day=DAY.day - offset), time(hour, 30), HCM)
    for _ in range(cash_sales):
        factories.stats_transaction(seller, 20_000, "cash", occurred_at=moment)
    db.session.commit()
    scope = f"village:{village.id}"
    before = _figures(client, scope)
    sale = factories.stats_transaction(seller, amount, method, occurred_at=moment)
    db.session.commit()
    after = _figures(client, scope)
    for share in ("cashless_share_count", "cashless_share_value"):
        assert before[share] is None or after[share] >= before[share]
    assert after["merchants_transacting"] == 1
    factories.stats_reversal(sale)
    db.session.commit()
    assert _figures(client, scope) == before
