"""Rules written once on the models agree in Python and in SQL (the search, the dashboard and the
statistics use the SQL side; pages and verify use the Python side)."""
from sqlalchemy import select

from market.auth.principal import SYSTEM
from merchants.cards.issue import revoke_cards
from merchants.models import Card, Merchant, PaymentAccount
from tests import factories


def _merchants_by_account_status(db):
    village = factories.village()
    merchants = {}
    for statuses in ((), ("pending",), ("active",), ("removed",), ("removed", "active"), ("disabled",)):
        row = factories.merchant(village)
        for status in statuses:
            factories.account(row, status=status, is_primary=status == "active")
        merchants[statuses] = row
    db.session.flush()
    db.session.expire_all()
    return merchants


def test_a_merchant_can_be_paid_by_qr_only_with_a_confirmed_account_in_sql_and_in_python(db):
    merchants = _merchants_by_account_status(db)
    ids = [row.id for row in merchants.values()]
    in_sql = set(db.session.scalars(select(Merchant.id).where(Merchant.id.in_(ids), Merchant.has_active_account)))
    in_python = {row.id for row in merchants.values() if row.has_active_account}
    assert in_sql == in_python == {merchants[("active",)].id, merchants[("removed", "active")].id}


def test_only_the_confirmed_primary_account_is_the_payee(db):
    merchants = _merchants_by_account_status(db)
    ids = [row.id for row in merchants.values()]
    payees = set(db.session.scalars(select(PaymentAccount.merchant_id).where(
        PaymentAccount.merchant_id.in_(ids), PaymentAccount.is_payee)))
    assert payees == {row.id for row in merchants.values() if any(a.is_payee for a in row.accounts)}
    assert payees == {merchants[("active",)].id, merchants[("removed", "active")].id}


def _live_in_sql(db, card):
    query = (select(Card.id).join(Merchant, Merchant.id == Card.merchant_id)
             .join(PaymentAccount, PaymentAccount.id == Card.account_id).where(Card.id == card.id, Card.is_live))
    return db.session.scalar(query) is not None


def test_a_card_stops_being_live_when_revoked_or_when_its_merchant_or_account_stops(db):
    cards = {}
    for case in ("live", "revoked", "merchant suspended", "account disabled"):
        cards[case] = factories.card(factories.payable_merchant())
    revoke_cards(SYSTEM, reason="reprint", account_id=cards["revoked"].account_id)
    cards["merchant suspended"].merchant.status = "suspended"
    cards["account disabled"].account.status = "disabled"
    db.session.flush()
    assert {case for case, card in cards.items() if card.is_live} == {"live"}
    assert {case for case, card in cards.items() if _live_in_sql(db, card)} == {"live"}
