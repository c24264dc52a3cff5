"""The page to change a payment account: new destination → card revoked, pending until someone else confirms."""
from market.auth.models import User
from merchants.models import Card, PaymentAccount
from tests import factories


def test_changing_the_account_number_on_the_page_revokes_the_card_and_waits_for_a_second_person(client, db):
    village = factories.village()
    merchant = factories.payable_merchant(village)
    card = factories.card(merchant)
    account = merchant.accounts[0]
    head: User = factories.user("village_head", village=village)
    db.session.commit()
    factories.login_as(client, head)
    form = client.get(f"/merchants/{merchant.id}/accounts/{account.id}/edit").get_data(as_text=True)
    assert f'value="{account.account_number}"' in form and "thu hồi thẻ QR" in form
    response = client.post(f"/merchants/{merchant.id}/accounts/{account.id}/edit",
                           data={"bin": "970436", "account_number": "0099887766", "holder_name": "Nguyễn Thị Hoà"})
    assert response.status_code == 302
    db.session.expire_all()
    changed = db.session.get(PaymentAccount, account.id)
    assert (changed.account_number, changed.status, changed.holder_name) == ("0099887766", "pending", "NGUYEN THI HOA")
    assert db.session.get(Card, card.id).revoked_at is not None


def test_a_bad_account_number_is_shown_next_to_the_field_and_nothing_changes(client, db):
    village = factories.village()
    merchant = factories.payable_merchant(village)
    account = merchant.accounts[0]
    number = account.account_number
    factories.login_as(client, factories.user("village_head", village=village))
    response = client.post(f"/merchants/{merchant.id}/accounts/{account.id}/edit",
                           data={"bin": "970436", "account_number": "12 34", "holder_name": "A"})
    assert response.status_code == 422
    assert "4–19 chữ số" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(PaymentAccount, account.id).account_number == number


def test_another_village_head_cannot_open_the_account_form(client, db):
    merchant = factories.payable_merchant(factories.village())
    factories.login_as(client, factories.user("village_head", village=factories.village()))
    assert client.get(f"/merchants/{merchant.id}/accounts/{merchant.accounts[0].id}/edit").status_code == 403
