"""The public verify answer for a card serial: genuine or revoked, with what the shopper can compare."""
from dataclasses import dataclass
from datetime import datetime

from market.core.errors import AppError
from market.core.i18n import lazy_gettext
from merchants.cards.issue import find_card
from merchants.cards.render import bank_short_name, place_and_stall
from merchants.models import Card

MASK = "••••"


def mask_account(number: str) -> str:
    """Only the last four characters of an account number, e.g. ••••5678."""
    return MASK + number[-4:]


@dataclass(frozen=True)
class CardMerchant:
    display_name: str
    place: str
    stall: str | None


@dataclass(frozen=True)
class CardCheck:
    """What /verify/{serial} shows."""

    serial: str
    status: str
    merchant: CardMerchant
    bank_short_name: str
    account_masked: str
    holder_name: str
    issued_at: datetime
    revoked_at: datetime | None

    @property
    def genuine(self) -> bool:
        return self.status == "genuine"


def check_card(card: Card) -> CardCheck:
    """The verify answer for a known card."""
    place, stall = place_and_stall(card.merchant)
    return CardCheck(serial=card.serial, status="genuine" if card.is_live else "revoked",
                     merchant=CardMerchant(card.merchant.display_name, place, stall),
                     bank_short_name=bank_short_name(card.account.bin),
                     account_masked=mask_account(card.account.account_number),
                     holder_name=card.account.holder_name, issued_at=card.issued_at,
                     revoked_at=card.revoked_at)


UNKNOWN = lazy_gettext("Không có thẻ nào mang mã này. Thẻ có thể là giả.")


def lookup_serial(serial: str) -> CardCheck | None:
    """The verify answer for a serial, or None when no card ever had it."""
    card = find_card(serial)
    return check_card(card) if card is not None else None


def verify_serial(serial: str) -> CardCheck:
    """The verify answer for a serial, or 404 when no card ever had it."""
    answer = lookup_serial(serial)
    if answer is None:
        raise AppError(404, "unknown_card", UNKNOWN)
    return answer
