"""A village's whole journey in a real browser: from the commune officer's first village to a revoked card.

The app allows only commune officers (and admins) to add villages and to create a village head's account,
so the commune officer starts; the village head then works from the login page on. The account a person
entered must be confirmed by someone else (two-person rule): the commune officer confirms.
"""
import re
import time
from typing import Any

from playwright.sync_api import expect

from market.places.models import Commune, Province
from tests import factories
from tests.merchants.cards.reading import parsed, pdf_page_payloads, pdf_text

PASSWORD = "Mat-khau-cua-thon-2025"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def log_in(page: Any, base: str, username: str, password: str) -> None:
    """The login page, as a person fills it."""
    page.goto(f"{base}/auth/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/auth/account$"))


def set_password(page: Any, link: str) -> None:
    """Open a one-time link and choose a password; the app sends you to the login page."""
    page.goto(link)
    page.get_by_label("Mật khẩu mới").fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.locator(".flash")).to_contain_text("Đã đặt mật khẩu")


def new_user(page: Any, base: str, role: str, username: str, name: str, **scope: str) -> str:
    """A manager creates an account on /users/ and reads the one-time link off the page."""
    page.goto(f"{base}/users/")
    page.get_by_label("Vai trò").select_option(role)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Họ tên hiển thị").fill(name)
    if "merchant" in scope:
        page.get_by_label("Hộ kinh doanh").select_option(label=scope["merchant"])
    if "village_id" in scope:
        page.get_by_label("Thôn (trưởng thôn)").select_option(scope["village_id"])
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", name="Liên kết đặt mật khẩu")).to_be_visible()
    return page.locator(".setup-link code").inner_text().strip()


def add_account(page: Any, number: str, holder: str) -> None:
    """From a merchant's detail page: the add-account form."""
    page.get_by_role("link", name="+ Thêm tài khoản").click()
    page.get_by_label("Ngân hàng").select_option("970436")
    page.get_by_label("Số tài khoản").fill(number)
    page.get_by_label("Tên chủ tài khoản").fill(holder)
    page.get_by_role("button", name="Thêm tài khoản").click()
    expect(page.locator(".flash")).to_contain_text("Đã thêm tài khoản")


def confirm_account(page: Any, number: str) -> None:
    """A manager presses "Xác nhận" next to the pending account."""
    row = page.locator(".account-list li", has_text=number)
    row.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".flash")).to_contain_text("Đã xác nhận tài khoản")
    expect(page.locator(".account-list li", has_text=number)).to_contain_text("Đã xác nhận")


def test_a_village_goes_from_a_new_village_to_a_sale_and_a_revoked_card(live_server, browser, problems, shot, db):
    """Commune officer → village head → merchant on a phone → dashboard → public card check."""
    started = time.monotonic()
    base = live_server.url
    officer = factories.user("commune", password=PASSWORD, display_name="Cán bộ Lê Văn Xã")
    commune = db.session.get(Commune, factories.COMMUNE)
    province = db.session.get(Province, commune.province_code)
    officer_name, commune_code, commune_name, province_code = (
        officer.username, commune.code, commune.full_name, province.code)
    db.session.commit()  # and hold no read transaction: on SQLite it would block the server's writes

    office = browser.new_context(viewport=DESKTOP, locale="vi-VN", accept_downloads=True)
    desk = problems.watch(office.new_page())

    # The commune officer logs in.
    log_in(desk, base, officer_name, PASSWORD)
    expect(desk.get_by_role("heading", name="Cán bộ Lê Văn Xã")).to_be_visible()
    shot(desk, "commune-officer-logged-in")

    # Creates the village through the cascading picker (province → commune, loaded by places.js).
    desk.goto(f"{base}/places/")
    desk.get_by_label("Tỉnh/thành phố").select_option(province_code)
    expect(desk.get_by_label("Xã/phường").locator(f"option[value='{commune_code}']")).to_have_count(1)
    desk.get_by_label("Xã/phường").select_option(commune_code)
    desk.get_by_role("button", name="Xem").click()
    expect(desk.get_by_role("heading", name=commune_name)).to_be_visible()
    desk.get_by_label("Tên thôn").fill("Đông Hoà")
    desk.get_by_role("button", name="Thêm thôn").click()
    expect(desk.locator(".flash")).to_contain_text("Đã thêm “Đông Hoà”")
    village_link = desk.get_by_role("link", name=re.compile(r"Đông Hoà$"))
    village_id = re.search(r"village=(\d+)", village_link.get_attribute("href")).group(1)
    shot(desk, "village-created")

    # Gives the village head an account scoped to that village.
    head_link = new_user(desk, base, "village_head", "truongthon.donghoa", "Trưởng thôn Phạm Văn Đông",
                         village_id=village_id)
    shot(desk, "village-head-link")

    # 1. The village head sets a password and logs in.
    village_office = browser.new_context(viewport=DESKTOP, locale="vi-VN", accept_downloads=True)
    head = problems.watch(village_office.new_page())
    set_password(head, head_link)
    log_in(head, base, "truongthon.donghoa", PASSWORD)
    expect(head.locator(".facts")).to_contain_text("Đông Hoà")  # the village by name, not by internal id
    shot(head, "village-head-logged-in")

    # 3. Registers a merchant, with a bank account.
    head.goto(f"{base}/merchants/")
    head.get_by_role("link", name="+ Đăng ký hộ mới").click()
    head.get_by_label("Tên cơ sở (tên biển hiệu)").fill("Quán Bún Cô Hằng")
    head.get_by_label("Chủ hộ *", exact=True).fill("Trần Thị Hằng")
    head.get_by_label("Số điện thoại di động").fill("0912 000 111")
    head.get_by_label("Ngành hàng").fill("ăn uống")
    expect(head.get_by_label("Thôn *")).to_have_value(village_id)
    head.get_by_role("button", name="Đăng ký").click()
    expect(head.locator(".flash")).to_contain_text("Đã đăng ký hộ kinh doanh; chờ duyệt.")
    expect(head.locator(".status").first).to_have_text("Chờ duyệt")
    merchant_url = head.url
    merchant_id = re.search(r"/merchants/(\d+)$", merchant_url).group(1)
    add_account(head, "0011000123456", "Tran Thi Hang")
    expect(head.locator(".account-list")).to_contain_text("TRAN THI HANG")
    expect(head.locator(".account-list")).to_contain_text("Chờ xác nhận")
    shot(head, "merchant-registered")

    # 4. Approves it; the account he entered himself needs a second person.
    head.get_by_role("link", name="Duyệt…").click()
    expect(head.get_by_label("Trạng thái mới *")).to_have_value("active")
    head.get_by_label("Lý do *").fill("Đủ hồ sơ")
    head.get_by_role("button", name="Tiếp tục").click()
    head.get_by_role("button", name="Xác nhận cho hoạt động").click()
    expect(head.locator(".status").first).to_have_text("Đang hoạt động")
    entered = head.locator(".account-list li", has_text="0011000123456")
    expect(entered).to_contain_text("chờ người thứ hai xác nhận")
    expect(entered.get_by_role("button", name="Xác nhận")).to_have_count(0)
    desk.goto(merchant_url)
    confirm_account(desk, "0011000123456")
    shot(desk, "account-confirmed-by-commune")

    # 5. Prints the card PDF; the QR on it is the merchant's account.
    head.goto(merchant_url)
    with head.expect_download() as download_info:
        head.get_by_role("link", name="Tải thẻ QR (PDF)").click()
    pdf = download_info.value
    data = pdf.path().read_bytes()
    assert data.startswith(b"%PDF-")
    [[payload]] = pdf_page_payloads(data)
    qr = parsed(payload)
    assert qr.is_valid and (qr.consumer.bank_bin, qr.consumer.bank_number) == ("970436", "0011000123456")
    serial = re.search(r"Mã thẻ (\S+)", pdf_text(data)).group(1)
    shot(head, "card-downloaded")

    # 6. The merchant gets an account, sets a password on a phone and records a sale.
    merchant_link = new_user(head, base, "merchant", "cohang.bun", "Trần Thị Hằng",
                             merchant=f"Quán Bún Cô Hằng (#{merchant_id})")
    phone_context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    phone = problems.watch(phone_context.new_page())
    set_password(phone, merchant_link)
    log_in(phone, base, "cohang.bun", PASSWORD)
    phone.get_by_role("link", name="Ghi bán hàng").first.click()
    expect(phone.get_by_role("heading", name=re.compile("Ghi bán hàng"))).to_be_visible()
    for key in ("5", "000", "0"):
        phone.locator(f".sale-key[data-key='{key}']").click()
    expect(phone.get_by_label("Số tiền (đồng)")).to_have_value("50.000")
    phone.get_by_label("QR").check()
    shot(phone, "sale-entered-on-phone")
    phone.get_by_role("button", name="Ghi lại").click()
    expect(phone.locator(".sale-saved")).to_contain_text("Đã ghi: 50.000 đ · QR")
    expect(phone.locator(".sale-total-all")).to_contain_text("50.000 đ · 1 lượt")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "sale-recorded-on-phone")

    # 7. The village dashboard counts the sale.
    head.goto(f"{base}/auth/account")
    head.get_by_role("link", name="Thống kê thôn").click()
    expect(head.get_by_role("heading", name="Thôn Đông Hoà")).to_be_visible()
    tiles = head.locator(".stats-tiles")
    expect(tiles).to_contain_text("1 hộ kinh doanh đang hoạt động")
    expect(tiles).to_contain_text("1 có giao dịch không tiền mặt (100,0 %)")
    expect(tiles).to_contain_text("100,0 % số giao dịch không tiền mặt")
    shot(head, "dashboard")

    # 8. A shopper checks the card: genuine; after the account changes, revoked.
    street = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    shopper = problems.watch(street.new_page())
    shopper.goto(f"{base}/verify/{serial}")
    expect(shopper.locator(".verdict")).to_have_text("Thẻ thật, đang có hiệu lực.")
    expect(shopper.locator(".card-facts")).to_contain_text("TRAN THI HANG")
    shot(shopper, "card-genuine")

    head.goto(merchant_url)
    head.locator(".account-list li", has_text="0011000123456").get_by_role("link", name="Sửa").click()
    head.get_by_label("Số tài khoản").fill("0011000999888")
    head.get_by_role("button", name="Lưu thay đổi").click()
    expect(head.locator(".flash")).to_contain_text("thẻ QR cũ đã bị thu hồi")
    expect(head.locator(".account-list")).not_to_contain_text("0011000123456")
    desk.goto(merchant_url)
    confirm_account(desk, "0011000999888")
    head.goto(merchant_url)
    expect(head.locator(".account-list li", has_text="0011000999888")).to_contain_text("Đã xác nhận")
    shot(head, "account-changed")
    shopper.goto(f"{base}/verify/{serial}")
    expect(shopper.locator(".verdict")).to_contain_text("Thẻ đã thu hồi")
    shot(shopper, "card-revoked")

    for context in (office, village_office, phone_context, street):
        context.close()
    assert time.monotonic() - started < 60
