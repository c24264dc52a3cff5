"""The officers' page of bank credits no account matched: /ban-hang/tien-vao-chua-khop."""
import re
from datetime import datetime, timezone

from market.transactions.models import Transaction, UnmatchedCredit
from merchants.text import search_text
from tests import factories
from tests.factories import COMMUNE, OTHER_COMMUNE

PAGE = "/ban-hang/tien-vao-chua-khop"
AT = datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc)  # 09:30 in Viet Nam


def _officer(client, commune_code=COMMUNE):
    factories.login_as(client, factories.user("commune", commune_code=commune_code))


def _merchant_account(commune_code=COMMUNE, **account_fields):
    merchant = factories.merchant(factories.village(commune_code=commune_code), display_name="Sạp Cá Bà Tư",
                                  search_text=search_text("Sạp Cá Bà Tư", "Trần Thị Tư"))
    return merchant, factories.account(merchant, **account_fields)


def _credits(db):
    db.session.expire_all()
    return [(c.status, c.transaction_id, c.reason) for c in db.session.query(UnmatchedCredit)]


def test_the_open_queue_shows_each_credit_with_a_form_to_assign_or_dismiss_it(client, db):
    _, account = _merchant_account()
    credit = factories.unmatched_credit("0451000999888", amount=1_250_000, occurred_at=AT,
                                        content="TRAN VAN B chuyen tien ca")
    db.session.commit()
    _officer(client)

    page = client.get(PAGE).text

    assert "Tiền vào chưa khớp tài khoản" in page
    for shown in ("0451000999888", "1.250.000 đ", "01/03/2026 09:30", "TRAN VAN B chuyen tien ca",
                  credit.reference):
        assert shown in page, shown
    assert f'action="{PAGE}/{credit.id}/gan"' in page and f'action="{PAGE}/{credit.id}/bo-qua"' in page
    assert 'name="tim"' in page and f'name="khoan" value="{credit.id}"' in page
    found = client.get(PAGE, query_string={"khoan": credit.id, "tim": "ca ba tu"}).text
    assert f'<input type="radio" name="account_id" value="{account.id}">' in found
    assert "Sạp Cá Bà Tư" in found and f"Vietcombank {account.account_number}" in found
    assert 'name="csrf_token"' in page and "<script>" not in page and "style=" not in page


def test_an_officer_assigns_a_credit_from_the_page_and_it_becomes_that_merchants_sale(client, db):
    merchant, account = _merchant_account()
    credit = factories.unmatched_credit(amount=80_000)
    db.session.commit()
    _officer(client)

    confirm = client.post(f"{PAGE}/{credit.id}/gan", data={"account_id": str(account.id)})
    assert "Ghi 80.000 đ" in confirm.text and "“Sạp Cá Bà Tư”" in confirm.text
    assert db.session.query(Transaction).count() == 0
    response = client.post(f"{PAGE}/{credit.id}/gan", data={"account_id": str(account.id), "confirmed": "1"},
                           follow_redirects=True)

    assert response.status_code == 200
    assert "Đã ghi 80.000 đ cho Sạp Cá Bà Tư" in response.text and "Không có khoản nào." in response.text
    db.session.expire_all()
    sale = db.session.query(Transaction).one()
    assert (sale.merchant_id, sale.account_id, sale.amount, sale.source) == (
        merchant.id, account.id, 80_000, "webhook")
    assigned = client.get(PAGE, query_string={"status": "assigned"}).text
    assert f"giao dịch #{sale.id} của Sạp Cá Bà Tư" in assigned and "Đã gán bởi user:" in assigned


def test_the_registered_account_with_the_number_the_bank_sent_is_suggested(client, db):
    _, pending = _merchant_account(status="pending", account_number="0451000777666")
    credit = factories.unmatched_credit("0451000777666")
    db.session.commit()
    _officer(client)

    page = client.get(PAGE).text

    field = re.search(rf'<input type="radio" name="account_id" value="{pending.id}">[^<]*<em>', page)
    assert field and "Sạp Cá Bà Tư" in field.group(0) and "(Chờ xác nhận)" in field.group(0)
    assert "cùng số tài khoản ngân hàng báo" in page


def test_dismissing_on_the_page_needs_a_reason_and_keeps_the_credit_listed(client, db):
    credit = factories.unmatched_credit()
    db.session.commit()
    _officer(client)

    short = client.post(f"{PAGE}/{credit.id}/bo-qua", data={"reason": "ab"})
    assert short.status_code == 422 and "Lý do cần từ 3 đến 255 ký tự." in short.text
    nul = client.post(f"{PAGE}/{credit.id}/bo-qua", data={"reason": "Chuyển\x00thử"})
    assert nul.status_code == 422 and "NUL" in nul.text
    assert _credits(db) == [("open", None, None)]

    done = client.post(f"{PAGE}/{credit.id}/bo-qua", data={"reason": "Tiền chuyển thử"},
                       follow_redirects=True)

    assert done.status_code == 200 and "Đã bỏ qua khoản 150.000 đ" in done.text
    assert _credits(db) == [("dismissed", None, "Tiền chuyển thử")]
    assert "Tiền chuyển thử" in client.get(PAGE, query_string={"status": "dismissed"}).text


def test_an_account_of_another_commune_is_refused_next_to_the_credit_and_nothing_changes(client, db):
    _, elsewhere = _merchant_account(OTHER_COMMUNE)
    credit = factories.unmatched_credit()
    db.session.commit()
    _officer(client)

    for account_id, status, message in ((str(elsewhere.id), 403, "ngoài phạm vi của bạn"),
                                        ("", 422, "Chọn hoặc nhập mã tài khoản nhận tiền."),
                                        ("12ab", 422, "Mã tài khoản là một số.")):
        response = client.post(f"{PAGE}/{credit.id}/gan", data={"account_id": account_id})
        assert response.status_code == status and message in response.text
        assert 'class="field-error"' in response.text
    assert _credits(db) == [("open", None, None)] and db.session.query(Transaction).count() == 0


def test_a_credit_already_resolved_elsewhere_is_explained_not_recorded_twice(client, db):
    _, account = _merchant_account()
    credit = factories.unmatched_credit()
    db.session.commit()
    _officer(client)
    client.post(f"{PAGE}/{credit.id}/gan", data={"account_id": str(account.id), "confirmed": "1"})

    again = client.post(f"{PAGE}/{credit.id}/bo-qua", data={"reason": "Bấm lại từ trang cũ"})

    assert again.status_code == 409 and f"Khoản #{credit.id}: Khoản tiền này đã được xử lý" in again.text
    assert db.session.query(Transaction).count() == 1


def test_only_commune_officers_and_admins_open_the_queue(client, db):
    village = factories.village()
    head = factories.user("village_head", village=village)
    db.session.commit()
    assert client.get(PAGE).headers["Location"].startswith("/auth/login?next=")
    factories.login_as(client, head)
    assert client.get(PAGE).status_code == 403


def test_a_bad_status_filter_is_refused(client, db):
    _officer(client)
    assert client.get(PAGE, query_string={"status": "deleted"}).status_code == 422


def test_a_dismissed_credit_is_reopened_from_the_page_and_waits_again(client, db):
    credit = factories.unmatched_credit(status="dismissed", reason="Chuyển thử", resolved_by="user:khac",
                                        resolved_at=AT)
    db.session.commit()
    _officer(client)
    listed = client.get(PAGE, query_string={"status": "dismissed"}).text
    action = f"{PAGE}/{credit.id}/mo-lai?status=dismissed"
    assert f'action="{action}"' in listed and "Chuyển thử" in listed
    refused = client.post(action, data={"reason": "ab"})  # shown again next to the credit, in its tab
    assert refused.status_code == 422 and "Lý do cần từ 3 đến 255 ký tự." in refused.text
    assert f'id="reopen-{credit.id}"' in refused.text
    assert _credits(db) == [("dismissed", None, "Chuyển thử")]
    done = client.post(action, data={"reason": "Đã tìm ra hộ nhận"})
    assert done.status_code == 303
    assert _credits(db) == [("open", None, None)]
    assert "Đã mở lại khoản 150.000 đ" in client.get(PAGE).text


def test_a_wrong_assignment_is_undone_after_confirming_its_transaction_reversed_and_audited(client, db):
    from market.core.audit import AuditEvent

    _, account = _merchant_account()
    credit = factories.unmatched_credit(amount=80_000)
    db.session.commit()
    _officer(client)
    client.post(f"{PAGE}/{credit.id}/gan", data={"account_id": str(account.id), "confirmed": "1"})
    listed = client.get(PAGE, query_string={"status": "assigned"}).text
    action = f"{PAGE}/{credit.id}/go-gan?status=assigned"
    assert f'action="{action}"' in listed and "Gán nhầm? Gỡ ra" in listed
    confirm = client.post(action, data={"reason": "Gán nhầm hộ cùng tên"})
    assert "sẽ được đảo" in confirm.text and "Xác nhận gỡ" in confirm.text
    assert _credits(db)[0][0] == "assigned"
    done = client.post(action, data={"reason": "Gán nhầm hộ cùng tên", "confirmed": "1"})
    assert done.status_code == 303
    assert _credits(db) == [("open", None, None)]
    amounts = sorted(t.amount for t in db.session.query(Transaction))
    assert amounts == [-80_000, 80_000]
    event = db.session.query(AuditEvent).filter_by(action="unmatched_credit.unassign").one()
    assert event.after["reason"] == "Gán nhầm hộ cùng tên"
