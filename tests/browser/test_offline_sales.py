"""The phone app offline: its pages open, and a sale typed with no network waits on the phone, survives closing the
browser, and is recorded exactly once."""
from playwright.sync_api import expect
from sqlalchemy import select

from market.core.clock import today
from market.transactions.models import DailyTally, Transaction
from tests import factories
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_village_journey import PASSWORD, PHONE, log_in

READY = "navigator.serviceWorker.ready.then(() => caches.match('/ban-hang/')).then(found => !!found)"


def _phone(browser, profile):
    """Chromium with a profile on disk (IndexedDB, service worker and cookies outlive a restart)."""
    return browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport=PHONE,
        locale="vi-VN", is_mobile=True, has_touch=True)


def _type_sale(page, digits):
    for key in digits:
        page.locator(f".sale-key[data-key='{key}']").click()
    page.get_by_role("button", name="Ghi lại").click()


def test_a_sale_typed_offline_is_sent_once_after_the_browser_restarts(live_server, browser, db, tmp_path):
    owner = factories.user("merchant", password=PASSWORD)
    username, merchant_id = owner.username, owner.merchant_id
    db.session.commit()

    phone = _phone(browser, tmp_path / "profile")
    page = phone.new_page()
    log_in(page, live_server.url, username, PASSWORD)
    page.goto(f"{live_server.url}/ban-hang/")
    assert page.evaluate(READY)  # the service worker has kept the page
    phone.set_offline(True)
    page.goto(f"{live_server.url}/tien-ve/")  # the money screen and the daily tally open offline too
    expect(page.get_by_role("heading", name="Tiền đã về")).to_be_visible()
    page.goto(f"{live_server.url}/ban-hang/tong-ngay")
    page.get_by_label("Ngày").fill(today().isoformat())
    for label, value in (("Số lượt tiền mặt", "12"), ("Tiền mặt (đồng)", "640000"),
                         ("Số lượt không dùng tiền mặt", "3"), ("Không dùng tiền mặt (đồng)", "150000")):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Lưu tổng ngày").click()
    expect(page.locator("#outbox")).to_contain_text(f"Tổng ngày {today().isoformat()} · chờ gửi")
    page.goto(f"{live_server.url}/ban-hang/")
    expect(page.get_by_role("heading", name="Ghi bán hàng")).to_be_visible()
    _type_sale(page, "45000")
    expect(page.locator("#outbox")).to_contain_text("45.000 ₫ · chờ gửi")
    phone.close()  # the browser is closed with the sale still waiting

    phone = _phone(browser, tmp_path / "profile")
    phone.set_offline(True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ban-hang/")
    expect(page.locator("#outbox")).to_contain_text("45.000 ₫ · chờ gửi")
    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    # Closing the browser ended the login session: the sale waits, and says why.
    expect(page.locator("#outbox")).to_contain_text("45.000 ₫ · chờ gửi — đăng nhập lại để gửi")
    log_in(page, live_server.url, username, PASSWORD)
    page.goto(f"{live_server.url}/ban-hang/")
    expect(page.locator("#outbox")).to_contain_text("45.000 ₫ · đã ghi")
    expect(page.locator("#outbox")).to_contain_text(f"Tổng ngày {today().isoformat()} · đã ghi")
    page.reload()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#outbox")).to_contain_text("45.000 ₫ · đã ghi")
    phone.close()

    amounts = db.session.scalars(select(Transaction.amount).where(Transaction.merchant_id == merchant_id)).all()
    assert amounts == [45_000]
    tallies = db.session.scalars(select(DailyTally).where(DailyTally.merchant_id == merchant_id)).all()
    assert [(t.cash_count, t.cash_value, t.cashless_value) for t in tallies] == [(12, 640_000, 150_000)]
