"""Each role's work in a real browser at 360 px and 1280 px: from its home page, by clicking links only.

One server for the whole module, with a small village seeded once; every journey can run twice (once per
width) because what it destroys it either cancels, undoes, or does to a record of its own width. Every page
visited is checked with axe-core (no critical or serious violation) and, on a phone, for sideways scrolling.
"""
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from market import create_app
from market.core.extensions import db
from merchants.text import search_text
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ARTIFACTS, Problems
from tests.conftest import _wipe, app_config

PASSWORD = "Mat-khau-cua-thon-2025"
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@dataclass
class Site:
    """The served app and the names of what was seeded."""

    url: str
    users: dict[str, str]


def _named(village, name: str, **fields: Any):
    return factories.merchant(village, display_name=name, search_text=search_text(name, "Chủ hộ"), **fields)


def _seed() -> dict[str, str]:
    factories.stats_indicators()
    village = factories.village(name="Đông Hoà")
    market = factories.market(village, name="Chợ Đông Hoà")
    shop = _named(village, "Sạp Cá Bà Tư", market_id=market.id, stall_number="B16")
    factories.account(shop, holder_name="TRAN THI TU")
    factories.card(shop)
    for width in WIDTHS:
        _named(village, f"Sạp chờ duyệt {width}", status="pending")
        payee = _named(village, f"Sạp nhận tiền {width}")
        factories.account(payee, account_number=f"0451000{len(width):06d}", holder_name=f"NGUOI NHAN {width.upper()}")
        factories.unmatched_credit(f"9999{len(width):08d}", amount=len(width) * 10_000)
    factories.account(_named(village, "Sạp tài khoản mới"), status="pending", changed_by="user:khac")
    users = {"merchant": factories.user("merchant", merchant=shop, password=PASSWORD),
             "village_head": factories.user("village_head", village=village, password=PASSWORD),
             "commune": factories.user("commune", password=PASSWORD),
             "admin": factories.user("admin", password=PASSWORD)}
    db.session.commit()
    return {role: user.username for role, user in users.items()}


@pytest.fixture(scope="module")
def site(database_url: str, _schema: None) -> Iterator[Site]:
    """The app served on loopback for the module, CSRF on, with the village seeded."""
    app = create_app(app_config(database_url, WTF_CSRF_ENABLED=True, TESTING=False, DEBUG=False,
                                SECRET_KEY="browser-test-secret-key-0123456789"))
    with app.app_context():
        users = _seed()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_BASE_URL"] = url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name="roles-server", daemon=True)
    thread.start()
    try:
        yield Site(url, users)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        _wipe(app)


class Visit:
    """A browser page that checks every page it reaches: accessible, no JS error, fits the phone."""

    def __init__(self, browser: Any, site: Site, width: str) -> None:
        self.width = width
        self.context = browser.new_context(viewport=WIDTHS[width], locale="vi-VN", is_mobile=width == "phone",
                                           has_touch=width == "phone")
        self.context.set_default_timeout(10_000)
        self.problems = Problems(site.url)
        self.page = self.problems.watch(self.context.new_page())
        self.page.goto(site.url + "/")  # the only address ever typed: the site itself
        self.check()

    def check(self) -> None:
        """The page as it is now: no blocking axe violation, no sideways scroll on a phone."""
        self.page.wait_for_load_state()
        assert_accessible(self.page)
        if self.width == "phone":
            assert self.page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"]["width"], self.page.url

    def click(self, name: str | re.Pattern[str], role: str = "link", within: Any = None) -> None:
        """Click a link (or button) by its visible name, then check where it led."""
        exact = isinstance(name, str)
        (within or self.page).get_by_role(role, name=name, exact=exact).first.click()
        self.check()

    def log_in(self, username: str) -> None:
        """From the home page: "Đăng nhập", then the form; the role's home page follows."""
        self.click("Đăng nhập")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(PASSWORD)
        self.click("Đăng nhập", "button")
        expect(self.page.get_by_role("heading", name="Việc của bạn")).to_be_visible()

    def home_shot(self, role: str) -> None:
        """The role's home page at 360 px, kept as an artifact."""
        if self.width == "phone":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"home-{role}-360.png"), full_page=True)

    def close(self) -> None:
        """End the visit; any page problem fails the test."""
        self.context.close()
        assert self.problems.seen == [], "\n".join(self.problems.seen)


@pytest.fixture(params=list(WIDTHS))
def visit(request: pytest.FixtureRequest, browser: Any, site: Site) -> Iterator[Visit]:
    """A fresh browser at one width, on the home page."""
    started = Visit(browser, site, request.param)
    yield started
    started.close()


def test_a_shopper_finds_a_stall_sees_who_gets_the_money_and_checks_its_card(visit: Visit) -> None:
    visit.home_shot("shopper")
    visit.click("Tìm hộ kinh doanh, sạp hàng")
    visit.click("Sạp Cá Bà Tư")
    facts = visit.page.locator(".card-facts")
    expect(facts).to_contain_text("TRAN THI TU")
    expect(facts).to_contain_text("••••")
    visit.click(re.compile("Kiểm tra thẻ QR tại sạp"))
    expect(visit.page.locator(".verdict")).to_contain_text("Thẻ thật")
    visit.click("Trang chủ")
    visit.click("Kiểm tra thẻ QR thật hay giả")
    visit.page.get_by_label("Hoặc dán chuỗi mã QR").fill("000201010211")
    visit.click("Kiểm tra", "button")
    expect(visit.page.locator(".verdict")).to_be_visible()


def test_a_merchant_records_a_sale_and_cannot_remove_an_account_by_one_tap(visit: Visit, site: Site) -> None:
    visit.log_in(site.users["merchant"])
    visit.home_shot("merchant")
    visit.click("Ghi bán hàng", within=visit.page.locator("main"))
    visit.page.get_by_label("Số tiền (đồng)").fill("45000")
    expect(visit.page.get_by_label("Số tiền (đồng)")).to_have_value("45.000")
    visit.page.locator(".sale-method", has_text="Tiền mặt").click()
    visit.click("Ghi lại", "button")
    expect(visit.page.locator(".sale-saved")).to_contain_text("45.000 đ")
    visit.click(re.compile("Sạp Cá Bà Tư|Việc của tôi|Người dùng"), within=visit.page.locator(".topbar"))
    visit.click("Hộ kinh doanh của tôi, tài khoản, thẻ QR")
    expect(visit.page.get_by_role("link", name="Gỡ…")).to_have_count(0)
    expect(visit.page.get_by_role("link", name="Đổi trạng thái…")).to_have_count(0)
    visit.click("Sửa")
    visit.click("Gỡ tài khoản này…")
    expect(visit.page.locator(".consequences")).to_contain_text("sẽ bị thu hồi")
    visit.click("Huỷ")
    expect(visit.page.locator(".account-list").first).to_contain_text("Đã xác nhận")


def test_a_village_head_approves_with_a_reason_and_revokes_a_card_after_confirming(visit: Visit, site: Site) -> None:
    page = visit.page
    visit.log_in(site.users["village_head"])
    visit.home_shot("village_head")
    expect(page.locator(".waiting")).to_contain_text("Tài khoản chờ người thứ hai xác nhận")
    visit.click(f"Sạp chờ duyệt {visit.width}")
    visit.click("Duyệt…")
    expect(page.get_by_label("Trạng thái mới *")).to_have_value("active")
    page.get_by_label("Lý do *").fill("Đủ hồ sơ")
    visit.click("Tiếp tục", "button")
    visit.click("Xác nhận cho hoạt động", "button")
    expect(page.locator(".flash")).to_contain_text("Đã đổi trạng thái")

    visit.click(re.compile("Người dùng"), within=page.locator(".topbar"))
    visit.click("Hộ kinh doanh của thôn")
    visit.click("Sạp Cá Bà Tư")
    serial = page.locator("main p", has_text="Thẻ QR đang dùng").locator("strong").inner_text()
    visit.click("Đổi trạng thái…")
    expect(page.get_by_label("Trạng thái mới *")).to_have_value("")  # nothing chosen for you
    page.get_by_label("Trạng thái mới *").select_option("closed")
    page.get_by_label("Lý do *").fill("Thử đóng")
    visit.click("Tiếp tục", "button")
    expect(page.locator(".confirm")).to_contain_text(f"Thẻ QR {serial} sẽ bị thu hồi")
    expect(page.locator(".confirm")).to_contain_text("vĩnh viễn")
    visit.click("Huỷ, quay lại")
    expect(page.locator(".status").first).to_have_text("Đang hoạt động")

    visit.click("Thu hồi thẻ / in thẻ mới…")
    page.get_by_label("Lý do *").fill("Phát hiện mã dán đè")
    visit.click("Tiếp tục", "button")
    expect(page.locator(".confirm")).to_contain_text(f"Thẻ QR {serial} sẽ bị thu hồi")
    visit.click("Thu hồi và cấp thẻ mới", "button")
    expect(page.locator(".flash")).to_contain_text("cấp thẻ mới")
    expect(page.locator("main")).not_to_contain_text(f"Thẻ QR đang dùng: {serial}")

    visit.click(re.compile("Người dùng"), within=page.locator(".topbar"))
    visit.click("In thẻ QR cả thôn")
    expect(page.locator(".notice")).to_contain_text("PUBLIC_BASE_URL")  # a loopback address is never printed


def test_a_commune_officer_assigns_a_credit_by_name_undoes_it_and_reaches_compare_and_targets(
        visit: Visit, site: Site) -> None:
    page = visit.page
    visit.log_in(site.users["commune"])
    visit.home_shot("commune")
    visit.click("Tiền vào chưa khớp tài khoản", within=page.locator(".work-list").last)
    credit = page.locator(".review-credit", has_text="9999" + f"{len(visit.width):08d}")
    credit.get_by_label(re.compile("Tìm hộ nhận")).fill(f"nhận tiền {visit.width}")
    visit.click("Tìm", "button", within=credit)
    credit = page.locator(".review-credit", has_text="9999" + f"{len(visit.width):08d}")
    credit.get_by_role("radio").first.check()
    visit.click("Gán…", "button", within=credit)
    expect(page.locator(".confirm")).to_contain_text(f"Sạp nhận tiền {visit.width}")
    visit.click("Xác nhận gán", "button")
    expect(page.locator(".flash")).to_contain_text("Đã ghi")
    visit.click("Đã gán")
    assigned = page.locator(".review-credit", has_text=f"Sạp nhận tiền {visit.width}")
    assigned.get_by_text("Gán nhầm? Gỡ ra").click()
    assigned.get_by_label("Lý do gỡ (3–255 ký tự)").fill("Thử gỡ")
    visit.click("Gỡ…", "button", within=assigned)
    expect(page.locator(".confirm")).to_contain_text("sẽ được đảo")
    visit.click("Xác nhận gỡ", "button")
    expect(page.locator(".flash")).to_contain_text("Đã gỡ khoản")

    for task, heading in (("So sánh các thôn", "So sánh"), ("Chỉ tiêu của xã", "Chỉ tiêu"),
                          ("Thống kê xã", "Xã")):
        visit.click(re.compile("Người dùng"), within=page.locator(".topbar"))
        visit.click(task)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    page.locator(".chart-data summary").first.click()
    expect(page.locator(".chart-data table").first).to_be_visible()


def test_an_admin_reads_the_audit_log_and_picks_a_village_to_print(visit: Visit, site: Site) -> None:
    page = visit.page
    visit.log_in(site.users["admin"])
    visit.home_shot("admin")
    visit.click("Nhật ký thay đổi")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit.click(re.compile("Người dùng"), within=page.locator(".topbar"))
    visit.click("In thẻ QR")
    visit.click(re.compile("Đông Hoà"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đông Hoà")
    visit.click(re.compile("Người dùng"), within=page.locator(".topbar"))
    visit.click("Tài khoản đăng nhập và mã API")
