"""The market fee round in a real browser, on a 360 px phone and on a 1280 px laptop: the board sets its
account (a second person confirms), adds a fee, runs the month's bills, prints the slips; a SePay-format
credit with a bill's code marks it paid on the who-paid list and on the merchant's phone."""
import json
import re

import pytest
from playwright.sync_api import expect

from market.feeds.services import create_feed_from_cli
from tests import factories
from tests.browser.test_village_journey import PASSWORD, PHONE, log_in
from tests.feeds.samples import local_now, sample
from tests.fees.builders import this_month

LAPTOP = {"width": 1280, "height": 800}


def _fits(page, width) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _context(browser, viewport):
    phone = viewport == PHONE
    return browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=phone, has_touch=phone)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone-360", "laptop-1280"])
def test_the_fee_round_from_a_new_fee_to_a_paid_bill_on_the_merchants_phone(live_server, browser, problems, shot,
                                                                            db, viewport):
    village = factories.village()
    market = factories.market(village, name="Chợ Lạc Đạo")
    stall = factories.merchant(village, market_id=market.id, stall_number="B7", display_name="Sạp Rau Cô Mai")
    head = factories.user("village_head", village=village, password=PASSWORD)
    officer = factories.user("commune", password=PASSWORD)
    seller = factories.user("merchant", merchant=stall, password=PASSWORD)
    _, key = create_feed_from_cli("sepay-lacdao", "sepay", None, None)
    names = head.username, officer.username, seller.username
    market_id, width, base = market.id, viewport["width"], live_server.url
    db.session.commit()  # and hold no read transaction: on SQLite it would block the server's writes

    board_context = _context(browser, viewport)
    board = problems.watch(board_context.new_page())
    log_in(board, base, names[0], PASSWORD)
    board.get_by_role("link", name=re.compile("Phí chợ")).click()
    board.get_by_role("link", name="Chợ Lạc Đạo").click()
    board.locator("summary", has_text="Đặt hoặc đổi tài khoản").click()
    board.get_by_label("Số tài khoản").fill("0123499999")
    board.get_by_label("Chủ tài khoản (tên tổ chức)").fill("Ban quản lý chợ Lạc Đạo")
    board.get_by_role("button", name="Lưu tài khoản").click()
    expect(board.locator(".flash")).to_contain_text("cần người thứ hai xác nhận")
    _fits(board, width)

    second_context = _context(browser, viewport)
    second = problems.watch(second_context.new_page())
    log_in(second, base, names[1], PASSWORD)
    second.goto(f"{base}/phi-cho/cho/{market_id}")
    second.get_by_role("button", name="Xác nhận tài khoản này").click()
    expect(second.locator(".flash")).to_contain_text("Đã xác nhận")
    second_context.close()

    board.reload()
    board.locator("summary", has_text="Thêm khoản phí").click()
    board.get_by_label("Tên khoản phí").fill("Phí chợ")
    board.get_by_label("Số tiền mỗi sạp (đồng)").fill("150000")
    board.get_by_label("Áp dụng từ ngày").fill(f"{this_month()}-01")
    board.get_by_role("button", name="Thêm khoản phí").click()
    expect(board.locator(".flash")).to_contain_text("Đã thêm khoản phí")
    board.get_by_role("button", name=re.compile("Lập hoá đơn kỳ")).click()
    expect(board.locator(".flash")).to_contain_text("Đã lập 1 hoá đơn mới")
    _fits(board, width)
    shot(board, f"fees-board-{width}")
    slips = board.request.get(f"{base}/phi-cho/cho/{market_id}/phieu.pdf?period={this_month()}")
    assert slips.ok and slips.headers["content-type"] == "application/pdf" and slips.body().startswith(b"%PDF")

    board.get_by_role("link", name="Ai đã nộp").click()
    row = board.locator("tr[data-stall='B7']")
    expect(row).to_contain_text("Chưa nộp")
    code = board.request.get(f"{base}/phi-cho/cua-toi")  # not the board's page: refused
    assert code.status == 403

    body = sample("sepay")
    body.update({"id": 5501, "accountNumber": "0123499999", "transferAmount": 150_000,
                 "transactionDate": local_now(), "referenceCode": "FT26B7",
                 "content": f"PHIB7{this_month()[5:]}{this_month()[2:4]}A NGUYEN THI MAI"})
    sent = board.request.post(f"{base}/api/v1/feeds/sepay-lacdao", data=json.dumps(body),
                              headers={"Authorization": f"Apikey {key}", "Content-Type": "application/json"})
    assert sent.status == 201
    board.reload()
    expect(row).to_contain_text("Đã nộp (chuyển khoản)")
    expect(board.locator(".stats-tiles")).to_contain_text("100 %")
    _fits(board, width)
    shot(board, f"fees-who-paid-{width}")
    board_context.close()

    phone_context = _context(browser, viewport)
    phone = problems.watch(phone_context.new_page())
    log_in(phone, base, names[2], PASSWORD)
    phone.get_by_role("link", name="Phí chợ của tôi").click()
    bill = phone.locator(".my-bill").first
    expect(bill).to_contain_text("Đã nộp")
    bill.get_by_role("link", name=re.compile("Biên lai BL")).click()
    expect(phone.locator(".receipt")).to_contain_text("FT26B7")
    _fits(phone, width)
    shot(phone, f"fees-receipt-{width}")
    phone_context.close()
