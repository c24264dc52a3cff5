"""Use cases behind the QR and card endpoints: who may issue, which card a request gets."""
from dataclasses import dataclass
from typing import Any

from flask import current_app

import vietqr
from market.auth.permissions import can_act_for_merchant, ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.i18n import gettext
from merchants.cards import issue, lookup, render
from merchants.cards.qr import Payee, PayTarget, pay_target, payee, payload_for, static_payload
from merchants.models import Card, Merchant
from merchants.services import get_merchant
from vietqr.card import CardInfo


def may_issue(principal: Principal, merchant: Merchant) -> bool:
    """Managers of the merchant's village and the merchant themself may issue its card."""
    commune = merchant.village.commune_code if merchant.village else ""
    return can_act_for_merchant(principal, merchant.id, merchant.village_id, commune)


def sale_qr(merchant_id: int, amount: int | None = None, purpose: str | None = None) -> tuple[PayTarget, str]:
    """The account and payload of a merchant's QR: static, or for one sale with amount and purpose."""
    target = pay_target(merchant_id)
    return target, payload_for(target, amount, purpose)


def qr_document(merchant_id: int, amount: int | None = None, purpose: str | None = None) -> dict[str, Any]:
    """The payload text of a merchant's QR and what it asks for, as the JSON variant returns it."""
    target, payload = sale_qr(merchant_id, amount, purpose)
    decoded = vietqr.decode(payload)
    return {"merchant_id": merchant_id, "payload": payload, "initiation": decoded.initiation,
            "amount": decoded.amount, "purpose": decoded.purpose,
            "bank_short_name": render.bank_short_name(target.bin)}


def card_for(principal: Principal, merchant_id: int) -> CardInfo:
    """What the merchant's live card prints; issued on the spot when the caller may issue, else 404 without one."""
    if not principal.is_public and may_issue(principal, get_merchant(merchant_id)):
        target = payee(merchant_id, public=False)
        card = issue.issue_card(principal, target.merchant, target.account, static_payload(target.account))
        return info_for(card)
    info = lookup.live_card_info(merchant_id, current_app.config["PUBLIC_BASE_URL"])
    if info is None:
        payee(merchant_id)  # a missing or inactive merchant or account is refused precisely
        raise AppError(404, "no_card", gettext("Người bán này chưa có thẻ QR được cấp."))
    return info


def reprint(principal: Principal, merchant_id: int) -> Card:
    """Revoke the merchant's live card and issue one with a new serial."""
    merchant = get_merchant(merchant_id)
    ensure(principal, may_issue(principal, merchant))
    target = payee(merchant_id, public=False)
    return issue.reissue_card(principal, target.merchant, target.account, static_payload(target.account))


def info_for(card: Card) -> CardInfo:
    """What is printed on this card, with this deployment's verify address."""
    return render.card_info(card, current_app.config["PUBLIC_BASE_URL"])


@dataclass(frozen=True)
class SaleQr:
    """The merchant's 'QR with an amount' page: the payee, and the payload once the amount is valid."""

    payee: Payee
    payload: str | None
    amount: int | None
    purpose: str | None
    errors: dict[str, Any]


def sale_qr_page(principal: Principal, merchant_id: int, args: dict[str, Any],
                 errors: dict[str, Any]) -> SaleQr:
    """Build the dynamic QR a merchant shows for one sale; bad input comes back as field errors."""
    merchant = get_merchant(merchant_id)
    ensure(principal, may_issue(principal, merchant))
    target = payee(merchant_id, public=False)
    amount, purpose = args.get("amount"), args.get("purpose")
    if errors or amount is None:
        return SaleQr(target, None, amount, purpose, errors)
    try:
        payload = payload_for(target.account, amount, purpose)
    except AppError as error:
        return SaleQr(target, None, amount, purpose, error.fields or {})
    return SaleQr(target, payload, amount, purpose, {})
