"""Links the browser journey needs: every page has an icon, each role finds its next step from its account page."""
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
