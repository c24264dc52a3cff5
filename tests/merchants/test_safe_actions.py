"""Destructive actions on the register's pages: nothing preselected, a reason, a confirmation naming the
consequence, an undo where the model allows one, and an audit event for each step."""
from market.core.audit import AuditEvent
from merchants.models import Card, Merchant, PaymentAccount
from tests import factories


def _head(client, db):
    village = factories.village()
    factories.login_as(client, factories.user("village_head", village=village))
    return village


def _carded(db, village):
    merchant = factories.payable_merchant(village)
    card = factories.card(merchant)
    db.session.commit()
    return merchant, card


def test_the_status_page_preselects_nothing_and_the_detail_page_has_no_one_click_close(client, db):
    merchant, _ = _carded(db, _head(client, db))
    detail = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert 'name="status"' not in detail and "Đổi trạng thái…" in detail
    page = client.get(f"/merchants/{merchant.id}/status").get_data(as_text=True)
    assert '<option value="">— Chọn trạng thái mới —</option>' in page and " selected" not in page


def test_closing_without_a_reason_keeps_the_choice_and_marks_the_reason(client, db):
    merchant, _ = _carded(db, _head(client, db))
    response = client.post(f"/merchants/{merchant.id}/status", data={"status": "closed", "reason": " "})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Cần ghi lý do." in page and "has-error" in page
    assert '<option value="closed" selected>' in page
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).status == "active"


def test_closing_asks_for_confirmation_naming_the_card_that_will_be_revoked(client, db):
    merchant, card = _carded(db, _head(client, db))
    form = {"status": "closed", "reason": "chuyển đi nơi khác"}
    page = client.post(f"/merchants/{merchant.id}/status", data=form).get_data(as_text=True)
    assert f"Thẻ QR {card.serial} sẽ bị thu hồi" in page and "vĩnh viễn" in page
    assert "Xác nhận đóng vĩnh viễn" in page
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).status == "active"
    client.post(f"/merchants/{merchant.id}/status", data={**form, "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).status == "closed"
    assert db.session.get(Card, card.id).revoked_at is not None
    event = db.session.query(AuditEvent).filter_by(action="merchant.closed").one()
    assert event.after["reason"] == "chuyển đi nơi khác"


def test_a_suspended_merchant_is_reopened_from_its_page(client, db):
    merchant, _ = _carded(db, _head(client, db))
    client.post(f"/merchants/{merchant.id}/status",
                data={"status": "suspended", "reason": "nghỉ bán tháng 12", "confirmed": "1"})
    detail = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert f'href="/merchants/{merchant.id}/status?status=active"' in detail
    page = client.get(f"/merchants/{merchant.id}/status?status=active").get_data(as_text=True)
    assert '<option value="active" selected>' in page
    client.post(f"/merchants/{merchant.id}/status", data={"status": "active", "reason": "bán lại", "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Merchant, merchant.id).status == "active"


def test_a_merchant_sees_no_remove_button_on_its_own_page_and_removes_only_after_confirming(app, db):
    merchant, card = _carded(db, factories.village())
    account = merchant.accounts[0]
    client = app.test_client()
    factories.login_as(client, factories.user("merchant", merchant=merchant))
    detail = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert f"/accounts/{account.id}/remove" not in detail
    edit = client.get(f"/merchants/{merchant.id}/accounts/{account.id}/edit").get_data(as_text=True)
    assert f'href="/merchants/{merchant.id}/accounts/{account.id}/remove"' in edit
    url = f"/merchants/{merchant.id}/accounts/{account.id}/remove"
    assert client.post(url, data={}).status_code == 422
    page = client.post(url, data={"reason": "đóng tài khoản"}).get_data(as_text=True)
    assert f"Thẻ QR {card.serial} sẽ bị thu hồi" in page
    db.session.expire_all()
    assert db.session.get(PaymentAccount, account.id).status == "active"
    client.post(url, data={"reason": "đóng tài khoản", "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(PaymentAccount, account.id).status == "removed"
    assert db.session.get(Card, card.id).revoked_at is not None


def test_a_removed_account_is_restored_waiting_for_a_second_person(client, db):
    merchant, _ = _carded(db, _head(client, db))
    account = merchant.accounts[0]
    client.post(f"/merchants/{merchant.id}/accounts/{account.id}/remove", data={"reason": "nhầm", "confirmed": "1"})
    detail = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    restore = f"/merchants/{merchant.id}/accounts/{account.id}/restore"
    assert f'href="{restore}"' in detail
    client.post(restore, data={"reason": "gỡ nhầm", "confirmed": "1"})
    db.session.expire_all()
    restored = db.session.get(PaymentAccount, account.id)
    assert restored.status == "pending" and restored.is_primary
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions[-2:] == ["account.remove", "account.restore"]


def test_the_village_head_revokes_a_card_and_prints_a_new_one_from_the_merchant_page(client, db):
    merchant, card = _carded(db, _head(client, db))
    detail = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    url = f"/merchants/{merchant.id}/card/revoke"
    assert f'href="{url}"' in detail and card.serial in detail
    page = client.post(url, data={"reason": "phát hiện mã dán đè"}).get_data(as_text=True)
    assert f"Thẻ QR {card.serial} sẽ bị thu hồi" in page and "Thu hồi và cấp thẻ mới" in page
    response = client.post(url, data={"reason": "phát hiện mã dán đè", "then": "reprint", "confirmed": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    old = db.session.get(Card, card.id)
    assert old.revoked_at is not None and old.revoked_reason == "phát hiện mã dán đè"
    new = db.session.query(Card).filter(Card.merchant_id == merchant.id, Card.revoked_at.is_(None)).one()
    assert new.serial != card.serial
    assert new.serial in client.get(f"/merchants/{merchant.id}").get_data(as_text=True)


def test_revoking_without_a_new_card_leaves_none_live(client, db):
    merchant, card = _carded(db, _head(client, db))
    client.post(f"/merchants/{merchant.id}/card/revoke",
                data={"reason": "thẻ bị mất", "then": "revoke", "confirmed": "1"})
    db.session.expire_all()
    assert db.session.query(Card).filter(Card.merchant_id == merchant.id, Card.revoked_at.is_(None)).count() == 0
