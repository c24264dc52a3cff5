"""Use cases behind the QR and card endpoints: who may issue, which card a request gets."""
from dataclasses import dataclass
from typing import Any

from flask import current_app

import vietqr
from market.auth.permissions import can_act_for_merchant, ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.i18n import gettext
from market.transactions.live import codes as amount_codes
from merchants.cards import issue, lookup, render
from merchants.cards.qr import (
    Payee,
    PayTarget,
    pay_target,
    payee,
    payload_for,
    primary_account,
    static_payload,
)
from merchants.cards.verify import mask_account
from merchants.models import Card, Merchant
from merchants.payment_codes import memo_with_code
from merchants.services import ensure_manager, get_merchant
from vietqr.card import CardInfo


def may_issue(principal: Principal, merchant: Merchant) -> bool:
    """Managers of the merchant's village and the merchant themself may issue its card."""
    commune = merchant.village.commune_code if merchant.village else ""
    return can_act_for_merchant(principal, merchant.id, merchant.village_id, commune)


def sale_payload(account: Any, payment_code: str | None, amount: int | None, purpose: str | None) -> str:
    """The payload of one sale: its memo starts with the merchant's payment code, so a shared account's
    credit reaches the right stall; the merchant's own purpose must pass the memo rules on its own."""
    payload = payload_for(account, amount, purpose)
    if amount is None or not payment_code:
        return payload
    return payload_for(account, amount, memo_with_code(payment_code, purpose))


def sale_qr(merchant_id: int, amount: int | None = None, purpose: str | None = None) -> tuple[PayTarget, str]:
    """The account and payload of a merchant's QR: static, or for one sale with amount and purpose."""
    target = pay_target(merchant_id)
    code = get_merchant(merchant_id).payment_code if amount is not None else None
    return target, sale_payload(target, code, amount, purpose)


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


def reprint(principal: Principal, merchant_id: int, reason: str = "reprint") -> Card:
    """Revoke the merchant's live card and issue one with a new serial."""
    merchant = get_merchant(merchant_id)
    ensure(principal, may_issue(principal, merchant))
    target = payee(merchant_id, public=False)
    return issue.reissue_card(principal, target.merchant, target.account, static_payload(target.account), reason)


def revoke(principal: Principal, merchant_id: int, reason: str) -> list[Card]:
    """Revoke the merchant's live cards without a new one (a manager of its village)."""
    merchant = get_merchant(merchant_id)
    ensure_manager(principal, merchant)
    return issue.revoke_cards(principal, reason=reason, merchant_id=merchant_id)


@dataclass(frozen=True)
class PublicPayee:
    """What a shopper may compare with the bank app: who receives the money, and the card to verify."""

    bank_short_name: str
    holder_name: str
    account_masked: str
    serial: str | None


def public_payee(merchant: Merchant) -> PublicPayee | None:
    """The confirmed primary account of an active merchant (masked) and its live card, if any."""
    account = primary_account(merchant) if merchant.status == "active" else None
    if account is None:
        return None
    card = issue.live_card(merchant.id)
    return PublicPayee(render.bank_short_name(account.bin), account.holder_name, mask_account(account.account_number),
                       card.serial if card is not None and card.account_id == account.id else None)


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
        payload_for(target.account, amount, purpose)  # the merchant's own purpose must pass the memo rules
    except AppError as error:
        return SaleQr(target, None, amount, purpose, error.fields or {})
    # The stall's code first routes a shared account's credit to this stall; the QR's own code next lets the
    # money screen catch a credit that pays less than this QR asks.
    amount_memo = amount_codes.memo_with_code(amount_codes.issue(merchant_id, amount), purpose)
    memo = memo_with_code(merchant.payment_code, amount_memo) or amount_memo
    return SaleQr(target, payload_for(target.account, amount, memo), amount, memo, {})
