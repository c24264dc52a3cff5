"""Which stall a credit reaches: payment code first, then the account number; one credit across feeds."""
import json

from market.feeds.models import FeedDelivery
from market.feeds.services import create_feed_from_cli
from market.transactions.models import Transaction, UnmatchedCredit
from merchants.payment_codes import codes_in, memo_with_code, new_payment_code
from tests import factories
from tests.feeds.samples import local_now, sample, url


def _sepay(db, name):
    _, key = create_feed_from_cli(name, "sepay", None, None)
    db.session.commit()
    return key


def _deliver(client, name, key, account_number, content, provider_id, reference):
    body = sample("sepay")
    body.update(id=provider_id, accountNumber=account_number, content=content, referenceCode=reference,
                transactionDate=local_now())
    return client.post(url(name), data=json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Apikey {key}"})


def test_every_new_merchant_gets_a_distinct_cho_code(db):
    codes = {factories.merchant().payment_code for _ in range(5)}
    assert len(codes) == 5 and all(code.startswith("CHO") and len(code) == 10 for code in codes)


def test_codes_are_found_in_memos_banks_have_upper_cased_and_re_spaced():
    code = new_payment_code()
    respaced = f"nguyen van a chuyen tien {code[:4].lower()} {code[4:].lower()} rau"
    assert codes_in(respaced) == [code]
    assert codes_in("chuyen tien cho me") == []


def test_a_dynamic_qr_memo_starts_with_the_code_and_stays_within_25_characters():
    memo = memo_with_code("CHOAAAAAAA", "Tiền rau muống chợ sáng thứ bảy")
    assert memo.startswith("CHOAAAAAAA ") and len(memo) <= 25 and memo.isascii()


def test_payment_codes_route_credits_of_one_shared_account_to_the_right_stalls(client, db):
    village = factories.village()
    family = factories.merchant(village)
    shared = factories.account(family)
    rice, fish = factories.merchant(village), factories.merchant(village)
    key = _sepay(db, "sepay-family")
    _deliver(client, "sepay-family", key, shared.account_number, f"CK {rice.payment_code.lower()} gao", 1, "FT1")
    _deliver(client, "sepay-family", key, shared.account_number, f"{fish.payment_code[:5]} {fish.payment_code[5:]}", 2,
             "FT2")
    _deliver(client, "sepay-family", key, shared.account_number, "tien hang", 3, "FT3")
    db.session.expire_all()
    owners = {row.reference: row.merchant_id for row in db.session.query(Transaction)}
    assert owners == {"FT1": rice.id, "FT2": fish.id, "FT3": family.id}


def test_the_same_bank_reference_through_two_feeds_of_one_account_is_one_credit(client, db):
    merchant = factories.merchant()
    account = factories.account(merchant)
    first, second = _sepay(db, "sepay-a"), _sepay(db, "sepay-b")
    assert _deliver(client, "sepay-a", first, account.account_number, "rau", 10, "MBVCB.1").status_code == 201
    assert _deliver(client, "sepay-b", second, account.account_number, "rau", 99, "MBVCB.1").status_code == 200
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 1
    assert [line.outcome for line in db.session.query(FeedDelivery).order_by(FeedDelivery.id)] == [
        "recorded", "duplicate"]


def test_an_unknown_account_reported_by_two_feeds_is_queued_once(client, db):
    first, second = _sepay(db, "sepay-a"), _sepay(db, "sepay-b")
    _deliver(client, "sepay-a", first, "0999000111", "rau", 10, "MBVCB.2")
    _deliver(client, "sepay-b", second, "0999000111", "rau", 11, "MBVCB.2")
    db.session.expire_all()
    assert db.session.query(UnmatchedCredit).count() == 1


def test_the_merchant_page_shows_its_payment_code(client, db, auth):
    merchant = factories.merchant()
    db.session.commit()
    page = client.get(f"/merchants/{merchant.id}", headers=auth("admin"))
    assert page.status_code == 200 and merchant.payment_code in page.get_data(as_text=True)
