"""A commune officer clears the queue of unmatched bank credits in a real browser, on a 360 px phone."""
import re

from playwright.sync_api import expect

from tests import factories
from tests.browser.test_village_journey import PASSWORD, PHONE, log_in


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_commune_officer_assigns_one_credit_and_dismisses_another_on_a_phone(live_server, browser, problems,
                                                                              shot, db):
    officer = factories.user("commune", password=PASSWORD)
    merchant = factories.merchant(factories.village(), display_name="Sạp Cá Bà Tư")
    account = factories.account(merchant, account_number="0451000777666", status="pending")
    to_assign = factories.unmatched_credit("0451000777666", amount=1_250_000,
                                           content="TRAN VAN B chuyen tien ca")
    to_dismiss = factories.unmatched_credit("9704229999000011112", amount=10_000, content="CHUYEN THU " * 8)
    username, account_id, assign_id, dismiss_id = officer.username, account.id, to_assign.id, to_dismiss.id
    db.session.commit()  # and hold no read transaction: on SQLite it would block the server's writes

    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    phone = problems.watch(context.new_page())
    log_in(phone, live_server.url, username, PASSWORD)
    phone.get_by_role("link", name=re.compile("Tiền vào chưa khớp tài khoản")).click()
    expect(phone.get_by_role("heading", name=re.compile("Tiền vào chưa khớp tài khoản"))).to_be_visible()
    _fits(phone)
    shot(phone, "review-queue-on-phone")

    credit = phone.locator(f"#khoan-{assign_id}")
    expect(credit).to_contain_text("1.250.000 đ")
    credit.get_by_role("radio").check()
    expect(credit.get_by_role("radio")).to_have_value(str(account_id))
    credit.get_by_role("button", name="Gán…").click()
    expect(phone.locator(".confirm")).to_contain_text("Sạp Cá Bà Tư")
    phone.get_by_role("button", name="Xác nhận gán").click()
    expect(phone.locator(".flash")).to_contain_text("Đã ghi 1.250.000 đ cho Sạp Cá Bà Tư")

    other = phone.locator(f"#khoan-{dismiss_id}")
    other.get_by_text("Bỏ qua khoản này").click()
    other.get_by_label("Lý do (3–255 ký tự)").fill("Tiền chuyển thử của ngân hàng")
    _fits(phone)
    other.get_by_role("button", name="Bỏ qua").click()
    expect(phone.locator(".flash")).to_contain_text("Đã bỏ qua khoản 10.000 đ")
    expect(phone.locator(".review-list")).to_contain_text("Không có khoản nào.")

    phone.get_by_role("link", name="Đã bỏ qua").click()
    expect(phone.locator(f"#khoan-{dismiss_id}")).to_contain_text("Tiền chuyển thử của ngân hàng")
    _fits(phone)
    shot(phone, "review-queue-dismissed-on-phone")
    context.close()
