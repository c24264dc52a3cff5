"""The phone at the stall says each credit aloud: real gunicorn with two workers, headless Chromium, and a fake
speech engine that records what was said."""
import json
import re
import time
import urllib.request
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import Problems
from tests.browser.gunicorn_server import gunicorn
from tests.browser.test_village_journey import PASSWORD, PHONE, log_in
from tests.transactions.test_webhook import signed

PORT = 8171
# The phone's speech engine, replaced by one that has a Vietnamese voice and writes down what it says.
FAKE_SPEECH = """
window.__spoken = [];
const fakeSpeech = {
  getVoices: () => [{ lang: "vi-VN", name: "Giọng giả lập" }],
  speak(utterance) { window.__spoken.push(utterance.text); setTimeout(() => utterance.onend && utterance.onend(), 5); },
  cancel() {},
};
Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => fakeSpeech });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


@pytest.fixture
def stall(db):
    merchant = factories.merchant(display_name="Sạp Rau Cô Hoa")
    account = factories.account(merchant, account_number="0451000123456")
    owner = factories.user("merchant", merchant=merchant, password=PASSWORD)
    integration, secret = factories.webhook_integration()
    shop = {"username": owner.username, "account": account.account_number, "feed": integration.name,
            "secret": secret, "merchant_id": merchant.id}
    db.session.commit()
    return shop


@pytest.fixture
def server(database_url, stall):
    with gunicorn(database_url, PORT, workers=2, LIVE_CHANNEL=f"h15_live_{uuid.uuid4().hex[:8]}") as url:
        yield url


def post_credit(url, shop, amount, content="NGUYEN VAN A chuyen tien"):
    body = {"account_number": shop["account"], "amount": amount, "content": content,
            "reference": f"FT{uuid.uuid4().hex[:12].upper()}", "occurred_at": datetime.now(timezone.utc).isoformat()}
    raw, headers = signed(shop["feed"], shop["secret"], body)
    request = urllib.request.Request(f"{url}/api/v1/webhooks/bank", data=raw, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201, json.loads(response.read())


def open_screen(context, url, problems):
    page = problems.watch(context.new_page())
    page.goto(f"{url}/tien-ve/")
    page.get_by_role("button", name="Bật đọc tiền").click()
    expect(page.locator("#money-status")).to_contain_text("Đã kết nối")
    return page


def spoken(page):
    return page.evaluate("window.__spoken")


def said(page, count, seconds=2.0, *others):
    """Wait until the phone (its tabs together) has said `count` sentences, at most `seconds` (the issue's
    delivery bound); returns what each tab said."""
    deadline = time.monotonic() + seconds
    while True:
        everything = [spoken(tab) for tab in (page, *others)]
        if sum(map(len, everything)) >= count:
            return everything
        assert time.monotonic() < deadline, f"said {everything} after {seconds} s, expected {count} sentences"
        page.wait_for_timeout(20)


def test_each_credit_is_said_once_within_two_seconds_and_a_reopened_screen_catches_up(server, stall, browser, shot):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    context.add_init_script(FAKE_SPEECH)
    problems = Problems(server)  # JavaScript errors, console errors (CSP), failed requests
    login = context.new_page()
    log_in(login, server, stall["username"], PASSWORD)
    login.close()
    phone = open_screen(context, server, problems)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    for count, amount in enumerate((50_000, 21_000, 1_505_000), start=1):
        post_credit(server, stall, amount)
        said(phone, count)
    assert spoken(phone) == ["Đã nhận năm mươi nghìn đồng", "Đã nhận hai mươi mốt nghìn đồng",
                             "Đã nhận một triệu năm trăm linh năm nghìn đồng"]
    expect(phone.locator("#money-amount")).to_have_text("1.505.000 ₫")
    expect(phone.locator("#money-total")).to_have_text("1.576.000 ₫")
    shot(phone, "money-screen-three-credits")
    phone.close()

    for amount in (10_000, 25_000, 104_000):  # the phone is off the network
        post_credit(server, stall, amount)
    again = open_screen(context, server, problems)
    said(again, 4)
    assert spoken(again) == ["Có ba khoản tiền vào khi mất mạng", "Đã nhận mười nghìn đồng",
                             "Đã nhận hai mươi lăm nghìn đồng", "Đã nhận một trăm linh bốn nghìn đồng"]
    expect(again.locator("#money-count")).to_have_text("6")
    second_tab = open_screen(context, server, problems)  # the same phone: nothing is said twice
    post_credit(server, stall, 200_000)
    first, second = said(again, 5, 2.0, second_tab)
    expect(second_tab.locator("#money-amount")).to_have_text("200.000 ₫")
    expect(again.locator("#money-amount")).to_have_text("200.000 ₫")
    assert first[4:] + second == ["Đã nhận hai trăm nghìn đồng"]
    expect(again.locator("#money-list li")).to_have_count(7)
    expect(again.locator("#money-total")).to_have_text("1.915.000 ₫")
    second_tab.close()

    # The merchant shows a QR asking 200.000 ₫; the shopper's bank sends 180.000 ₫ with the QR's memo.
    qr_page = context.new_page()
    qr_page.goto(f"{server}/merchants/{stall['merchant_id']}/qr?amount=200000")
    memo = parse_qs(urlparse(qr_page.locator("#sale-qr img").get_attribute("src")).query)["purpose"][0]
    post_credit(server, stall, 180_000, content=f"MBVCB.3321.{memo.lower()}.CT tu 0123")
    said(again, 6)
    assert spoken(again)[5] == "Đã nhận một trăm tám mươi nghìn đồng. Khách chuyển thiếu hai mươi nghìn đồng"
    expect(again.locator("#money-short")).to_have_text("Khách chuyển thiếu 20.000 ₫")
    expect(again.locator("#money")).to_have_class(re.compile("money-alarm"))
    shot(again, "money-screen-short-payment")
    context.close()
    assert problems.seen == [], "\n".join(problems.seen)
