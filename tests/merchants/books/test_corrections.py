"""Corrections from the page: reverse a sale with a reason, mark a credit as not revenue, all audited."""
from datetime import date

from market.core.audit import AuditEvent
from market.core.clock import today
from market.transactions.models import Transaction
from merchants.books.revenue import revenue_total
from tests import factories
from tests.merchants.books.conftest import credit


def test_a_sale_is_reversed_from_the_page_with_a_reason_and_shown_in_history_and_audit(client, db, seller):
    merchant, user, _ = seller
    sale = factories.transaction(merchant, 450_000, "cash")
    db.session.commit()
    factories.login_as(client, user)
    response = client.post(f"/so-sach/giao-dich/{sale.id}/huy", data={"reason": "Ghi nhầm 45.000 thành 450.000"})
    assert response.status_code == 303
    db.session.expire_all()
    reversal = db.session.query(Transaction).filter_by(reverses_id=sale.id).one()
    assert (reversal.amount, reversal.reason) == (-450_000, "Ghi nhầm 45.000 thành 450.000")
    event = db.session.query(AuditEvent).filter_by(action="transaction.reverse").one()
    assert event.entity_id == str(sale.id) and event.after["reason"] == "Ghi nhầm 45.000 thành 450.000"
    page = client.get(response.headers["Location"]).text
    assert "Đã hủy (có bút toán đảo)" in page and "Ghi nhầm 45.000 thành 450.000" in page
    assert revenue_total(merchant.id, today(), today()) == 0


def test_a_reversal_without_a_reason_is_refused_and_keeps_what_was_typed(client, db, seller):
    merchant, user, _ = seller
    sale = factories.transaction(merchant, 20_000, "cash")
    db.session.commit()
    factories.login_as(client, user)
    response = client.post(f"/so-sach/giao-dich/{sale.id}/huy", data={"reason": "ab"})
    assert response.status_code == 422
    assert 'value="ab"' in response.text and "field-error" in response.text
    assert db.session.query(Transaction).count() == 1


def test_another_merchants_sale_cannot_be_reversed_from_the_page(client, db, seller):
    _, user, _ = seller
    foreign = factories.transaction(factories.merchant(), 20_000, "cash")
    db.session.commit()
    factories.login_as(client, user)
    response = client.post(f"/so-sach/giao-dich/{foreign.id}/huy", data={"reason": "không phải của tôi"})
    assert response.status_code == 404  # another merchant's sale is not even shown (issue 13)
    assert db.session.query(Transaction).count() == 1


def test_a_credit_marked_not_revenue_leaves_the_book_but_not_the_adoption_figures(client, db, seller):
    merchant, user, headers = seller
    factories.account(merchant)
    sale = factories.transaction(merchant, 100_000, "cash")
    loan = credit(merchant, 2_000_000)
    db.session.commit()
    stats = {"scope": f"village:{merchant.village_id}", "date": today().isoformat()}
    admin = factories.auth_headers("admin")
    before = client.get("/api/v1/stats/adoption", query_string=stats, headers=admin).json
    response = client.post(f"/api/v1/transactions/{loan.id}/not-revenue", json={"reason": "Vay của chị gái"},
                           headers=headers)
    assert response.status_code == 200 and response.json["not_revenue_reason"] == "Vay của chị gái"
    assert revenue_total(merchant.id, today(), today()) == sale.amount
    after = client.get("/api/v1/stats/adoption", query_string=stats, headers=admin).json
    assert after == before and after["cashless_share_value"] > 0.9
    factories.login_as(client, user)
    page = client.get("/so-sach/").text
    assert "Không phải doanh thu: Vay của chị gái" in page and "2.000.000 đ" in page
    again = client.post(f"/api/v1/transactions/{loan.id}/not-revenue", json={"reason": "lần nữa"}, headers=headers)
    assert again.status_code == 409


def test_the_mark_is_undone_with_a_reason_and_both_changes_are_audited(client, db, seller):
    merchant, user, _ = seller
    gift = credit(merchant, 300_000)
    db.session.commit()
    factories.login_as(client, user)
    client.post(f"/so-sach/giao-dich/{gift.id}/khong-phai-doanh-thu", data={"reason": "Tiền mẹ cho"})
    assert revenue_total(merchant.id, today(), today()) == 0
    client.post(f"/so-sach/giao-dich/{gift.id}/doanh-thu", data={"reason": "Thật ra là tiền hàng"})
    db.session.expire_all()
    assert revenue_total(merchant.id, today(), today()) == 300_000
    events = db.session.query(AuditEvent).filter_by(entity="transaction").order_by(AuditEvent.id).all()
    assert [(event.action, event.after["reason"]) for event in events] == [
        ("transaction.not_revenue", "Tiền mẹ cho"), ("transaction.revenue", "Thật ra là tiền hàng")]


def test_a_reversed_marked_credit_counts_nothing(db, seller):
    merchant = seller[0]
    gift = credit(merchant, 300_000, not_revenue_reason="Tiền mẹ cho")
    factories.stats_reversal(gift)
    assert revenue_total(merchant.id, date(2000, 1, 1), today()) == 0


def test_a_typed_in_sale_cannot_be_marked_not_revenue(client, db, seller):
    merchant, _, headers = seller
    sale = factories.transaction(merchant, 50_000, "vietqr")
    db.session.commit()
    response = client.post(f"/api/v1/transactions/{sale.id}/not-revenue", json={"reason": "thử xem"},
                           headers=headers)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_a_credit"


def test_the_village_head_cannot_mark_a_merchants_credit(client, db, seller):
    merchant = seller[0]
    loan = credit(merchant, 2_000_000)
    headers = factories.auth_headers("village_head", village=merchant.village)
    response = client.post(f"/api/v1/transactions/{loan.id}/not-revenue", json={"reason": "Vay"}, headers=headers)
    assert response.status_code == 403


def test_a_past_tally_is_replaced_from_the_history_link(client, db, seller):
    merchant, user, _ = seller
    day = today()
    factories.stats_tally(merchant, day, cash=(3, 90_000))
    db.session.commit()
    factories.login_as(client, user)
    history = client.get("/so-sach/").text
    assert f"/ban-hang/tong-ngay?day={day.isoformat()}" in history
    form = client.get(f"/ban-hang/tong-ngay?day={day.isoformat()}").text
    assert f'value="{day.isoformat()}"' in form
    client.post("/ban-hang/tong-ngay", data={"day": day.isoformat(), "cash_count": "2", "cash_value": "60000",
                                             "cashless_count": "0", "cashless_value": "0"})
    assert revenue_total(merchant.id, day, day) == 60_000
    assert db.session.query(AuditEvent).filter_by(action="tally.replace").count() == 1
