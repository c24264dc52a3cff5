"""A merchant reads their history, fixes a mistyped sale and opens the revenue book on a 360 px phone."""
import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from tests import factories
from tests.browser.test_village_journey import PASSWORD, PHONE, log_in


def _fits_with_thumb_targets(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    heights = page.evaluate("[...document.querySelectorAll('.books-tab, .books-step, .books-action, main button')]"
                            ".filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44


def test_a_merchant_reverses_a_mistyped_sale_and_opens_the_book_on_a_phone(live_server, browser, problems, shot,
                                                                           db):
    merchant = factories.merchant(display_name="Quán Bún Bà Năm",
                                  created_at=datetime(2025, 1, 1, tzinfo=timezone.utc))
    user = factories.user("merchant", merchant=merchant, password=PASSWORD)
    sale = factories.transaction(merchant, 450_000, "cash", note="Bún chả")
    factories.transaction(merchant, 30_000, "vietqr")
    username, sale_id = user.username, sale.id
    db.session.commit()

    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    phone = problems.watch(context.new_page())
    log_in(phone, live_server.url, username, PASSWORD)
    expect(phone.locator(".books-meter")).to_contain_text("không gửi số liệu này đi đâu")
    phone.get_by_role("link", name=re.compile("Lịch sử bán hàng")).click()
    expect(phone.get_by_role("heading", name="Lịch sử bán hàng")).to_be_visible()
    expect(phone.locator(".sale-total-all")).to_contain_text("480.000 đ")
    _fits_with_thumb_targets(phone)
    shot(phone, "books-history-on-phone")

    row = phone.locator(f"#gd-{sale_id}")
    row.get_by_text("Hủy giao dịch này").click()
    row.get_by_label("Lý do (bắt buộc)").fill("Ghi nhầm 45.000 thành 450.000")
    row.get_by_role("button", name="Xác nhận hủy 450.000 đ").click()
    expect(phone.locator(".flash")).to_contain_text("Đã hủy giao dịch")
    expect(phone.locator(".sale-total-all")).to_contain_text("30.000 đ")
    expect(phone.locator(f"#gd-{sale_id}")).to_contain_text("Đã hủy (có bút toán đảo)")

    phone.get_by_role("link", name=re.compile("Sổ doanh thu")).click()
    expect(phone.locator(".books-table tfoot")).to_contain_text("30.000")
    _fits_with_thumb_targets(phone)
    shot(phone, "books-revenue-book-on-phone")
    context.close()
