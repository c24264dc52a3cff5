from market.auth.models import User
from market.places.models import Market, Street, Village
from market.transactions.models import DailyTally, Transaction
from merchants.models import Merchant, OcopProduct, PaymentAccount
from vietqr.banks import bank_by_bin


def _counts(db):
    return {model.__name__: db.session.query(model).count()
            for model in (Village, Market, Street, Merchant, PaymentAccount, OcopProduct, User, Transaction,
                          DailyTally)}


def test_seed_demo_builds_a_realistic_village_and_a_second_run_changes_nothing(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "mật khẩu demo" in first.output
    db.session.expire_all()
    counts = _counts(db)
    assert counts["Village"] == 3 and counts["Market"] == 1 and counts["Street"] == 1
    assert counts["Merchant"] >= 90 and counts["OcopProduct"] == 10
    assert 0 < counts["Merchant"] - counts["PaymentAccount"] <= 15
    assert {u.role for u in db.session.query(User)} == {"admin", "commune", "village_head", "merchant"}
    stalls = db.session.query(Merchant).filter(Merchant.market_id.is_not(None)).count()
    shops = db.session.query(Merchant).filter(Merchant.street_id.is_not(None)).count()
    assert 55 <= stalls <= 65 and 20 <= shops <= 30
    assert all(bank_by_bin(a.bin) for a in db.session.query(PaymentAccount))
    assert {v.commune_code for v in db.session.query(Village)} == {"11992"}
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    db.session.expire_all()
    assert _counts(db) == counts
    assert "không thay đổi" in second.output


def test_the_demo_products_respect_the_ocop_rules(runner, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    db.session.expire_all()
    assert db.session.query(OcopProduct).count() == 10
    for product in db.session.query(OcopProduct):
        assert product.level == ("central" if product.stars == 5 else "province")
        assert (product.expires_on.year - product.issued_on.year) == 3


def test_the_demo_village_has_months_of_sales_for_its_dashboard(runner, client, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    village = db.session.query(Village).filter_by(name="Trung Lập").one()
    figures = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}"}).json
    assert figures["merchants_transacting"] > 0
    assert 0 < figures["cashless_share_count"] < 1
    assert figures["targets"], "the demo commune has targets to compare against"
    series = client.get("/api/v1/stats/series", query_string={"scope": f"village:{village.id}"}).json
    assert sum(1 for month in series["months"] if month["merchants_transacting"]) >= 3


def test_every_demo_stall_name_carries_its_own_stall_number():
    from market.demo import data

    stalls = [spec for spec in data.merchants() if "stall_number" in spec]
    assert stalls and all(f"(sạp {spec['stall_number']})" in spec["display_name"] for spec in stalls)
