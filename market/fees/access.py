"""Who may do what with a market's fees.

The market board is the village head of the market's village (role `village_head`, scoped by village):
it manages fees, bills and cash receipts. Commune officers of the market's commune read everything and
may confirm the board's account (the second person) and resolve unmatched fee credits; admins do all.
A merchant reads only their own bills and receipts. No new role: tokens and users stay as they are.
"""
from sqlalchemy import select

from market.auth.permissions import can_manage_commune, can_manage_village, ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.models import Bill
from market.places.models import Market


def get_market(market_id: int) -> Market:
    """The market, or 404."""
    market = db.session.get(Market, market_id)
    if market is None:
        raise AppError(404, "not_found", _("Không tìm thấy chợ %(id)s.", id=market_id))
    return market


def is_board(principal: Principal, market: Market) -> bool:
    """Admins, or the head of the market's village (the market board)."""
    if principal.role == "admin":
        return True
    return principal.role == "village_head" and market.village_id is not None \
        and principal.village_id == market.village_id


def is_officer(principal: Principal, market: Market) -> bool:
    """The board, or a commune officer of the market's commune."""
    return is_board(principal, market) or can_manage_commune(principal, market.commune_code)


def board_market(principal: Principal, market_id: int) -> Market:
    """A market the caller runs the fees of (401/403/404)."""
    market = get_market(market_id)
    ensure(principal, is_board(principal, market))
    return market


def officer_market(principal: Principal, market_id: int) -> Market:
    """A market whose fees the caller may read and review (401/403/404)."""
    market = get_market(market_id)
    ensure(principal, is_officer(principal, market))
    return market


def second_person_market(principal: Principal, market_id: int) -> Market:
    """A market whose board account the caller may confirm: board or officers of its village or commune."""
    market = get_market(market_id)
    ensure(principal, is_officer(principal, market)
           or can_manage_village(principal, market.village_id, market.commune_code))
    return market


def readable_bill(principal: Principal, bill_id: int) -> Bill:
    """A bill the caller may see: officers of its market, or its own merchant (401/403/404)."""
    ensure(principal, True)
    bill = db.session.scalar(select(Bill).where(Bill.id == bill_id))
    if bill is None:
        raise AppError(404, "not_found", _("Không tìm thấy hoá đơn %(id)s.", id=bill_id))
    own = principal.role == "merchant" and principal.merchant_id == bill.merchant_id
    ensure(principal, own or is_officer(principal, bill.market))
    return bill


def board_bill(principal: Principal, bill_id: int) -> Bill:
    """A bill of a market the caller runs (cash receipts)."""
    bill = readable_bill(principal, bill_id)
    ensure(principal, is_board(principal, bill.market))
    return bill
