"""Street, market and village sheets: every active merchant's card, sorted by stall, four per A4 page."""
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from market.auth.permissions import MANAGERS, can_manage_village, ensure, require_role
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext
from market.places.models import Market, Street, Village
from merchants.cards import issue
from merchants.cards.qr import static_payload
from merchants.cards.render import village_label
from merchants.cards.services import info_for
from merchants.models import Card, Merchant, PaymentAccount
from merchants.text import search_key
from vietqr.card import CardInfo, iter_sheet_pdf

SCOPES: dict[str, tuple[type, Any, str]] = {
    "street": (Street, Merchant.street_id, lazy_gettext("tuyến đường")),
    "market": (Market, Merchant.market_id, lazy_gettext("chợ")),
    "village": (Village, Merchant.village_id, lazy_gettext("thôn")),
}


@dataclass(frozen=True)
class Sheet:
    """The cards of one scope, in print order, and how many merchants had no confirmed account."""

    name: str
    infos: list[CardInfo]
    skipped: int


def natural_key(text: str | None) -> tuple[Any, ...]:
    """Sort 'Sạp 2' before 'Sạp 10'."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", text or "") if part)


def _scope_place(kind: str, ident: int) -> tuple[Any, int | None]:
    model, _, label = SCOPES[kind]
    place = db.session.get(model, ident)
    if place is None:
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy %(label)s %(ident)s.", label=label, ident=ident),
            {kind: [gettext("không tồn tại")]},
        )
    return place, place.id if kind == "village" else place.village_id


def _print_order(merchant: Merchant) -> tuple[Any, ...]:
    place = merchant.market or merchant.street
    number = merchant.stall_number if merchant.market else merchant.house_number
    return (place.name if place else "", natural_key(number), merchant.display_name)


def _scope_merchants(kind: str, ident: int) -> list[Merchant]:
    column = SCOPES[kind][1]
    query = (select(Merchant).where(column == ident, Merchant.status == "active")
             .options(selectinload(Merchant.market), selectinload(Merchant.street),
                      selectinload(Merchant.village)))
    return sorted(db.session.scalars(query), key=_print_order)


def _primary_accounts(ids: list[int]) -> dict[int, PaymentAccount]:
    query = (select(PaymentAccount).where(PaymentAccount.merchant_id.in_(ids), PaymentAccount.is_payee)
             .order_by(PaymentAccount.id.desc()))
    return {account.merchant_id: account for account in db.session.scalars(query)}


def _live_cards(ids: list[int]) -> dict[int, Card]:
    query = select(Card).where(Card.merchant_id.in_(ids), Card.revoked_at.is_(None)).order_by(Card.id)
    return {card.merchant_id: card for card in db.session.scalars(query)}


def sheet_cards(principal: Principal, scope: dict[str, int]) -> Sheet:
    """Issue (or reuse) the card of every active merchant of the scope and list them in stall order."""
    kind, ident = next(iter(scope.items()))
    place, village_id = _scope_place(kind, ident)
    ensure(principal, can_manage_village(principal, village_id, place.commune_code))
    merchants = _scope_merchants(kind, ident)
    ids = [merchant.id for merchant in merchants]
    accounts, live = _primary_accounts(ids), _live_cards(ids)
    infos: list[CardInfo] = []
    for merchant in merchants:
        account = accounts.get(merchant.id)
        if account is None:
            continue
        payload, card = static_payload(account), live.get(merchant.id)
        if card is None or card.account_id != account.id or card.payload != payload:
            card = issue.issue_card(principal, merchant, account, payload)
        infos.append(info_for(card))
    if not infos:
        raise AppError(409, "no_printable_cards",
                       gettext("Không có người bán nào có tài khoản đã xác nhận trong phạm vi này."))
    return Sheet(place.name, infos, len(merchants) - len(infos))


def disposition(place_name: str, day: date) -> str:
    """The sheet's file name: the place and the day, readable (UTF-8) with a plain ASCII fallback."""
    slug = re.sub(r"[^a-z0-9]+", "-", search_key(place_name)).strip("-") or "the-qr"
    readable = gettext("Thẻ QR - %(place)s - %(day)s.pdf", place=place_name, day=f"{day:%d-%m-%Y}")
    return f"attachment; filename=\"the-qr-{slug}-{day:%Y-%m-%d}.pdf\"; filename*=UTF-8''{quote(readable)}"


def sheet_chunks(infos: list[CardInfo]) -> Iterator[bytes]:
    """The A4 sheet PDF as it is produced, for a streamed response."""
    yield from iter_sheet_pdf(infos)


@dataclass(frozen=True)
class PrintRow:
    """One market or street on the village head's print page."""

    kind: str
    id: int
    name: str
    merchants: int
    printable: int


def _counts(column: Any, village_id: int) -> dict[int, tuple[int, int]]:
    confirmed = and_(PaymentAccount.merchant_id == Merchant.id, PaymentAccount.is_payee)
    query = (select(column, func.count(func.distinct(Merchant.id)),
                    func.count(func.distinct(PaymentAccount.merchant_id)))
             .outerjoin(PaymentAccount, confirmed)
             .where(Merchant.village_id == village_id, Merchant.status == "active", column.is_not(None))
             .group_by(column))
    return {row[0]: (row[1], row[2]) for row in db.session.execute(query)}


def print_overview(principal: Principal, village_id: int | None) -> tuple[Village | None, list[PrintRow]]:
    """The village's markets and streets with how many cards each sheet will hold (no village: none chosen yet)."""
    require_role(principal, *MANAGERS)
    village_id = village_id or principal.village_id
    if village_id is None:
        return None, []
    village, _ = _scope_place("village", village_id)
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    total = _counts(SCOPES["village"][1], village.id).get(village.id, (0, 0))
    rows = [
        PrintRow(
            "village",
            village.id,
            gettext("Cả %(place)s", place=village_label(village.kind, village.name)),
            *total,
        )
    ]
    for kind, model in (("market", Market), ("street", Street)):
        counts = _counts(SCOPES[kind][1], village.id)
        places = db.session.scalars(select(model).where(model.village_id == village.id).order_by(model.name))
        rows += [PrintRow(kind, p.id, p.name, *counts.get(p.id, (0, 0))) for p in places]
    return village, rows
