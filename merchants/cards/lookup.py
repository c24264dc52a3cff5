"""The public read of a merchant's live card in one query, so a cached card costs one round trip."""
from sqlalchemy import bindparam, select

from market.core.extensions import db
from market.places.models import Market, Street, Village
from merchants.cards.qr import PayTarget, static_payload
from merchants.cards.render import bank_short_name, place_label, verify_url, village_label
from merchants.models import Card, Merchant, PaymentAccount
from vietqr.card import CardInfo

# Built once with a bound parameter and run on the connection (no ORM layer): one cheap round trip.
_LIVE_CARD = (
    select(Card.serial, Card.payload, Card.merchant_id, Card.account_id, Merchant.display_name,
           Merchant.stall_number, Merchant.house_number, Market.name.label("market"),
           Street.name.label("street"), Village.kind.label("village_kind"), Village.name.label("village"),
           PaymentAccount.bin, PaymentAccount.account_number, PaymentAccount.holder_name, PaymentAccount.kind)
    .join(Merchant, Card.merchant_id == Merchant.id)
    .join(PaymentAccount, Card.account_id == PaymentAccount.id)
    .join(Village, Merchant.village_id == Village.id)
    .outerjoin(Market, Merchant.market_id == Market.id)
    .outerjoin(Street, Merchant.street_id == Street.id)
    .where(Card.merchant_id == bindparam("merchant_id"), Card.is_live, PaymentAccount.is_primary.is_(True))
    .order_by(Card.id.desc()).limit(1)
)


def live_card_info(merchant_id: int, base_url: str) -> CardInfo | None:
    """What the live card of an active merchant prints, if it still pays its confirmed primary account."""
    row = db.session.connection().execute(_LIVE_CARD, {"merchant_id": merchant_id}).first()
    if row is None:
        return None
    target = PayTarget(row.merchant_id, row.account_id, row.bin, row.account_number, row.kind)
    if static_payload(target) != row.payload:
        return None
    place, stall = place_label(row.market, row.stall_number, row.street, row.house_number,
                               village_label(row.village_kind, row.village))
    return CardInfo(place_name=place, stall=stall, display_name=row.display_name,
                    bank_short_name=bank_short_name(row.bin), holder_name=row.holder_name,
                    account_number=row.account_number, payload=row.payload, serial=row.serial,
                    verify_url=verify_url(base_url, row.serial))
