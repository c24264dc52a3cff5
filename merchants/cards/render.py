"""What goes on a card, and the rendered bytes of cards and QR codes, memoised per payload and layout."""
import hashlib
from functools import lru_cache

from flask_babel import force_locale

import vietqr
from market.core.i18n import gettext
from market.places.labels import place_title
from merchants.models import Card, Merchant
from vietqr.card import CardInfo, render_card_pdf, render_card_png
from vietqr.image import render_png, render_svg

# Bump when the look of a card or QR changes, so browsers and the memo drop old renders.
LAYOUT_VERSION = "cards-1"
QR_SCALE = 10
CARD_SIZES = ("A6", "A5")


def place_label(market: str | None, stall_number: str | None, street: str | None, house_number: str | None,
                village: str) -> tuple[str, str | None]:
    """The market or street the stall is in (else the village), and the stall or house number."""
    if market is not None:
        return market, gettext("Sạp %(stall_number)s", stall_number=stall_number) if stall_number else None
    if street is not None:
        return street, house_number or None
    return village, None


def village_label(kind: str, name: str) -> str:
    """'Thôn Bến Đò' from the kind and the name."""
    return place_title(gettext(kind), name)


def place_and_stall(merchant: Merchant) -> tuple[str, str | None]:
    """place_label for a Merchant row."""
    village = village_label(merchant.village.kind, merchant.village.name) if merchant.village else "Chợ 4.0"
    return place_label(merchant.market.name if merchant.market else None, merchant.stall_number,
                       merchant.street.name if merchant.street else None, merchant.house_number, village)


def bank_short_name(bin_code: str) -> str:
    """The bank's short name as shoppers know it (VCB, BIDV, …), or the BIN when unknown."""
    bank = vietqr.bank_by_bin(bin_code)
    return bank.short_name if bank else bin_code


def verify_url(base_url: str, serial: str) -> str:
    """The address printed on the card for checking it."""
    return f"{base_url}/verify/{serial}"


def card_info(card: Card, base_url: str) -> CardInfo:
    """Everything printed on this card, in Vietnamese like the rest of the card, whoever prints it."""
    merchant, account = card.merchant, card.account
    with force_locale("vi"):
        place, stall = place_and_stall(merchant)
    return CardInfo(place_name=place, stall=stall, display_name=merchant.display_name,
                    bank_short_name=bank_short_name(account.bin), holder_name=account.holder_name,
                    account_number=account.account_number, payload=card.payload, serial=card.serial,
                    verify_url=verify_url(base_url, card.serial))


def render_key(*parts: object) -> str:
    """sha256 of the payload and layout parts with the layout version: the cache key and strong ETag."""
    text = "\x1f".join([LAYOUT_VERSION, *map(str, parts)])
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=512)
def qr_png(payload: str) -> bytes:
    """The QR as a 1-bit PNG (memoised)."""
    return render_png(payload, scale=QR_SCALE)


@lru_cache(maxsize=512)
def qr_svg(payload: str) -> bytes:
    """The QR as SVG bytes (memoised)."""
    return render_svg(payload, scale=QR_SCALE).encode()


@lru_cache(maxsize=128)
def card_png(info: CardInfo, size: str = "A6") -> bytes:
    """The card as a 300 dpi 1-bit PNG (memoised)."""
    return render_card_png(info, size=size)


@lru_cache(maxsize=128)
def card_pdf(info: CardInfo, size: str = "A6") -> bytes:
    """The card as a one-page PDF of its own size (memoised)."""
    return render_card_pdf(info, size=size)


def qr_key(payload: str, fmt: str) -> str:
    """Cache key of a QR render."""
    return render_key(payload, fmt, QR_SCALE)


def card_key(info: CardInfo, fmt: str, size: str) -> str:
    """Cache key of a card render: every printed field, the format and the paper size."""
    return render_key(*(getattr(info, name) for name in info.__dataclass_fields__), fmt, size)
