"""What each fees page shows, gathered in one call per page."""
from typing import Any

from sqlalchemy import select

from market.auth.permissions import ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees import access
from market.fees.bills import month_bills, own_bills, shared_bill
from market.fees.board import who_paid
from market.fees.credits import list_credits
from market.fees.models import FeePayment
from market.fees.payee import active_payee, payee_of, require_active_payee
from market.fees.payments import stall_credit
from market.fees.services import billed_months, list_fees
from market.fees.slips import bill_payload, share_url
from market.places.models import Market
from merchants.cards.render import bank_short_name, qr_png
from vietqr.banks import all_banks


def markets_of(principal: Principal) -> list[Market]:
    """Markets whose fees the caller runs (village head, admin) or reads (commune officer)."""
    ensure(principal, principal.role in ("admin", "commune", "village_head"))
    query = select(Market).order_by(Market.name)
    if principal.role == "village_head":
        query = query.where(Market.village_id == principal.village_id)
    elif principal.role == "commune":
        query = query.where(Market.commune_code == principal.commune_code)
    return list(db.session.scalars(query.limit(500)))


def market_page(principal: Principal, market_id: int, period: str) -> dict[str, Any]:
    """The board's page: account, fees, billed months, this month's totals."""
    market = access.officer_market(principal, market_id)
    payee = payee_of(market.id)
    return {"market": market, "payee": payee, "payee_bank": bank_short_name(payee.bin) if payee else None,
            "period": period, "fees": list_fees(principal, market.id),
            "billed": billed_months(market.id), "board": who_paid(principal, market.id, period)["totals"],
            "is_board": access.is_board(principal, market),
            "may_confirm": payee is not None and payee.status == "pending" and payee.changed_by != principal.client_key,
            "banks": sorted(all_banks(), key=lambda bank: bank.short_name.casefold())}


def credits_page(principal: Principal, market_id: int, status: str) -> dict[str, Any]:
    """The fee review queue and the bills of the billed months to choose from."""
    market = access.officer_market(principal, market_id)
    months = billed_months(market.id)[-2:]
    choices = [bill for month in months for bill in month_bills(market.id, month) if bill.owed > 0]
    return {"market": market, "credits": list_credits(principal, market.id, status), "shown": status,
            "choices": choices[:1000]}


def bill_page(principal: Principal, bill_id: int) -> dict[str, Any]:
    """A bill, its payments, whether the caller collects cash for it, and its share link."""
    bill = access.readable_bill(principal, bill_id)
    paid = db.session.scalars(select(FeePayment).where(FeePayment.bill_id == bill.id).order_by(FeePayment.id))
    return {"bill": bill, "payments": list(paid), "is_board": access.is_board(principal, bill.market),
            "has_payee": active_payee(bill.market_id) is not None, "share_url": share_url(bill),
            "credit": stall_credit(bill.market_id, bill.merchant_id)}


def merchant_page(principal: Principal) -> dict[str, Any]:
    """A merchant's own bills, newest month first."""
    if principal.role != "merchant" or principal.merchant_id is None:
        raise AppError(403, "forbidden", _("Trang này dành cho hộ kinh doanh."))
    return {"bills": own_bills(principal.merchant_id)}


def shared_qr(token: str) -> bytes:
    """The PNG of a shared bill's QR."""
    bill, _others = shared_bill(token)
    return qr_png(bill_payload(bill, require_active_payee(bill.market_id)))
