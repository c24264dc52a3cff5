"""A bill's dynamic VietQR, its slip (the stall card layout, with the amount and code), the A4 sheet."""
from collections.abc import Iterator

from flask import current_app

from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.filters import vnd
from market.core.i18n import gettext as _
from market.fees.access import officer_market, readable_bill
from market.fees.bills import month_bills
from market.fees.models import Bill, MarketPayee
from market.fees.payee import require_active_payee
from merchants.cards.qr import payload_for
from merchants.cards.render import bank_short_name, card_pdf, qr_png
from merchants.payment_codes import memo_with_code
from vietqr.card import CardInfo, iter_sheet_pdf
from vietqr.text import fold


def bill_payload(bill: Bill, payee: MarketPayee) -> str:
    """Dynamic VietQR to the board's account: what is still owed, the bill's code first in the memo."""
    return payload_for(_Account(payee.bin, payee.account_number), bill.owed or bill.amount,
                       memo_with_code(bill.payment_code, fold(bill.fee.name)))


class _Account:
    """The board's account as the payload builder reads an account (always a bank account)."""

    kind = "bank_account"

    def __init__(self, bin_: str, account_number: str):
        self.bin, self.account_number = bin_, account_number


def bill_qr_png(principal: Principal, bill_id: int) -> bytes:
    """The bill's QR as PNG (officers of its market or its merchant)."""
    bill = readable_bill(principal, bill_id)
    return qr_png(bill_payload(bill, require_active_payee(bill.market_id)))


def share_url(bill: Bill) -> str:
    """The link a board shares (Zalo): the bill's page with its QR and amount, no sign-in needed."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/phi/{bill.share_token}"


def slip_info(bill: Bill, payee: MarketPayee) -> CardInfo:
    """A stall's fee slip in the stall-card layout: the fee, the month and the amount under the name."""
    title = f"{bill.fee.name} {bill.period[5:]}/{bill.period[:4]}: {vnd(bill.owed or bill.amount)}"
    return CardInfo(place_name=bill.market.name, stall=f"Sạp {bill.stall}" if bill.stall else None,
                    display_name=title, bank_short_name=bank_short_name(payee.bin), holder_name=payee.holder_name,
                    account_number=payee.account_number, payload=bill_payload(bill, payee),
                    serial=bill.payment_code, verify_url=share_url(bill))


def sheet_slips(principal: Principal, market_id: int, period: str, unpaid_only: bool = False) -> list[CardInfo]:
    """Every bill of the month (or those still owed) as slips, in stall order."""
    market = officer_market(principal, market_id)
    payee = require_active_payee(market.id)
    bills = [bill for bill in month_bills(market.id, period) if not unpaid_only or bill.owed > 0]
    if not bills:
        raise AppError(409, "no_bills", _("Chưa có hoá đơn nào của kỳ %(period)s.", period=period),
                       {"period": [_("chưa lập hoá đơn")]})
    return [slip_info(bill, payee) for bill in bills]


def bill_slip_pdf(principal: Principal, bill_id: int) -> bytes:
    """One stall's slip for a bill, as a card-sized PDF (officers of its market or its merchant)."""
    bill = readable_bill(principal, bill_id)
    return card_pdf(slip_info(bill, require_active_payee(bill.market_id)))


def sheet_chunks(slips: list[CardInfo]) -> Iterator[bytes]:
    """The A4 sheet of slips (four a page, cut marks), streamed."""
    yield from iter_sheet_pdf(slips)
