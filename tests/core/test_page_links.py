"""Links the browser journey needs: every page has an icon, each role finds its next step from its account page."""
import re

import pytest

from market.auth.models import User
from tests import factories


def _logged_in(client, db, role: str, **scope) -> User:
    user = factories.user(role, **scope)
    db.session.commit()
    factories.login_as(client, user)
    return user


def test_every_page_links_an_icon_that_exists_so_browsers_stop_asking_for_favicon_ico(client):
    page = client.get("/").get_data(as_text=True)
    assert 'rel="icon"' in page and "/static/favicon.svg" in page
    with client.get("/static/favicon.svg") as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"


def test_a_merchant_finds_the_sale_page_and_the_daily_tally_on_the_account_page(client, db):
    user = _logged_in(client, db, "merchant")
    page = client.get("/auth/account").get_data(as_text=True)
    assert 'href="/ban-hang/"' in page and 'href="/ban-hang/tong-ngay"' in page
    assert f'href="/merchants/{user.merchant_id}"' in page


def test_a_village_head_finds_the_register_the_print_page_and_the_dashboard_of_the_village(client, db):
    village = factories.village()
    _logged_in(client, db, "village_head", village=village)
    page = client.get("/auth/account").get_data(as_text=True)
    for link in (f"/merchants/?village={village.id}", f"/cards/print?village={village.id}",
                 f"/stats/village/{village.id}"):
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_a_commune_officer_finds_the_villages_the_commune_dashboard_and_the_unmatched_credits(client, db):
    _logged_in(client, db, "commune")
    page = client.get("/auth/account").get_data(as_text=True)
    for link in (f"/places/?commune={factories.COMMUNE}", f"/stats/commune/{factories.COMMUNE}",
                 "/ban-hang/tien-vao-chua-khop"):
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_the_merchant_page_offers_the_card_pdf_only_once_an_account_is_confirmed(client, db):
    village = factories.village()
    merchant = factories.merchant(village)
    pending = factories.account(merchant, status="pending")
    _logged_in(client, db, "village_head", village=village)
    card_link = f'href="/api/v1/merchants/{merchant.id}/card.pdf"'
    assert card_link not in client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    pending.status = "active"
    db.session.commit()
    page = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert card_link in page
    pdf = client.get(f"/api/v1/merchants/{merchant.id}/card.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_whoever_entered_an_account_sees_it_waits_for_someone_else_instead_of_a_confirm_button(app, client, db):
    village = factories.village()
    merchant = factories.merchant(village)
    _logged_in(client, db, "village_head", village=village)
    client.post(f"/merchants/{merchant.id}/accounts/new",
                data={"bin": "970422", "account_number": "0123456789", "holder_name": "Nguyen Thi Hoa"})
    own = client.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert "chờ người thứ hai xác nhận" in own and ">Xác nhận</button>" not in own
    other = app.test_client()
    _logged_in(other, db, "commune")
    theirs = other.get(f"/merchants/{merchant.id}").get_data(as_text=True)
    assert ">Xác nhận</button>" in theirs and "chờ người thứ hai xác nhận" not in theirs


def _home_links(client) -> list[str]:
    page = client.get("/auth/account").get_data(as_text=True)
    work = page.split("<h2>Việc của bạn</h2>", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', work)


@pytest.mark.parametrize("role", ["merchant", "village_head", "commune", "admin"])
def test_every_task_on_a_role_home_opens_without_typing_an_address(client, db, role):
    village = factories.village()
    scope = {"village": village} if role == "village_head" else {}
    if role == "merchant":
        scope = {"merchant": factories.payable_merchant(village)}
    _logged_in(client, db, role, **scope)
    links = _home_links(client)
    assert len(links) >= 4
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_commune_officer_home_reaches_compare_and_targets(client, db):
    _logged_in(client, db, "commune")
    links = _home_links(client)
    assert f"/stats/compare/{factories.COMMUNE}" in links and f"/stats/targets/{factories.COMMUNE}" in links


def test_the_village_head_home_counts_the_waiting_work_with_links(client, db):
    village = factories.village()
    pending = factories.merchant(village, status="pending", display_name="Sạp chờ duyệt")
    no_qr = factories.merchant(village, display_name="Sạp chưa có QR")
    waiting = factories.account(factories.merchant(village, display_name="Sạp tài khoản mới"), status="pending",
                                changed_by="user:someone")
    _logged_in(client, db, "village_head", village=village)
    page = client.get("/auth/account").get_data(as_text=True)
    for title, count, merchant_id in (("Hộ kinh doanh chờ duyệt", 1, pending.id), ("chưa có mã QR", 2, no_qr.id),
                                      ("Tài khoản chờ người thứ hai xác nhận", 1, waiting.merchant_id)):
        section = page.split(title, 1)[1].split("</section>", 1)[0]
        assert f'<span class="count">{count}</span>' in section and f'href="/merchants/{merchant_id}"' in section
    assert "Tiền vào chưa khớp" not in page.split("Việc của bạn")[0]


def test_the_officer_home_counts_open_bank_credits(client, db):
    factories.unmatched_credit()
    _logged_in(client, db, "commune")
    page = client.get("/auth/account").get_data(as_text=True)
    section = page.split("Tiền vào chưa khớp tài khoản <span", 1)[1].split("</section>", 1)[0]
    assert 'class="count">1<' in section and 'href="/ban-hang/tien-vao-chua-khop#khoan-' in section


def test_a_merchant_finds_the_sale_page_in_the_top_menu(client, db):
    _logged_in(client, db, "merchant")
    nav = client.get("/").get_data(as_text=True).split("</nav>", 1)[0]
    assert 'href="/ban-hang/"' in nav and "Ghi bán hàng" in nav
