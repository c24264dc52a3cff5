"""The market board's own payee account: set (pending), confirmed by a second person, never a person's."""
import re
from typing import Any

from sqlalchemy import select

from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import board_market, officer_market, second_person_market
from market.fees.models import MarketPayee
from merchants.models import PaymentAccount
from merchants.text import holder_name
from vietqr.banks import bank_by_bin

# A managing body's account is held in the name of an organisation; these words say so on the bank's side.
ORGANISATION_WORDS = re.compile(
    r"\b(BAN QUAN LY|BQL|CHO|UBND|UY BAN|HOP TAC XA|HTX|CONG TY|CTY|TRUNG TAM|DOANH NGHIEP)\b")
IDENTITY = ("bin", "account_number", "holder_name")


def present(payee: MarketPayee | None) -> dict[str, Any] | None:
    """The payee as the API shows it, with the bank's short name."""
    if payee is None:
        return None
    bank = bank_by_bin(payee.bin)
    data = {name: getattr(payee, name) for name in (
        "market_id", "bin", "account_number", "holder_name", "status", "verified_at", "verified_by",
        "changed_by", "public_board", "updated_at")}
    return {**data, "bank_name": bank.short_name if bank else None}


def payee_of(market_id: int) -> MarketPayee | None:
    """The market's payee row, confirmed or not."""
    return db.session.scalar(select(MarketPayee).where(MarketPayee.market_id == market_id))


def active_payee(market_id: int) -> MarketPayee | None:
    """The confirmed payee, the only one bills and QR codes may use."""
    payee = payee_of(market_id)
    return payee if payee is not None and payee.status == "active" else None


def _check(bin_: str, number: str, raw_holder: str) -> str:
    if bank_by_bin(bin_) is None:
        raise invalid("bin", _("BIN %(bin)s không có trong danh bạ ngân hàng NAPAS.", bin=bin_))
    holder = holder_name(raw_holder)
    if not ORGANISATION_WORDS.search(holder):
        raise invalid("holder_name", _("Tài khoản của ban quản lý chợ phải đứng tên tổ chức (ví dụ "
                                       "“BAN QUAN LY CHO …”), không phải tên một người."))
    person = db.session.scalar(select(PaymentAccount.id).where(
        PaymentAccount.bin == bin_, PaymentAccount.account_number == number,
        PaymentAccount.status != "removed").limit(1))
    if person is not None:
        raise invalid("account_number", _("Tài khoản này đã đăng ký cho một hộ kinh doanh; ban quản lý chợ "
                                          "cần tài khoản riêng của tổ chức."), 409, "person_account")
    return holder


def set_payee(principal: Principal, market_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Set or change the board's account; a new destination waits for a second person's confirmation."""
    market = board_market(principal, market_id)
    holder = _check(data["bin"], data["account_number"], data["holder_name"])
    payee = payee_of(market.id)
    before = {name: getattr(payee, name) for name in IDENTITY + ("status",)} if payee else None
    if payee is None:
        payee = MarketPayee(market_id=market.id)
        db.session.add(payee)
    wanted = {"bin": data["bin"], "account_number": data["account_number"], "holder_name": holder}
    if before is None or any(before[key] != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(payee, key, value)
        payee.status, payee.verified_at, payee.verified_by = "pending", None, None
        payee.changed_by = principal.client_key
    if "public_board" in data:
        payee.public_board = data["public_board"]
    db.session.flush()
    after = {name: getattr(payee, name) for name in IDENTITY + ("status", "public_board")}
    record(principal, "market_payee.set", "market", market.id, before=before, after=after,
           commune_code=market.commune_code)
    return present(payee)  # type: ignore[return-value]


def confirm_payee(principal: Principal, market_id: int) -> dict[str, Any]:
    """A second person (not who entered it) confirms the pending account."""
    market = second_person_market(principal, market_id)
    payee = payee_of(market.id)
    if payee is None or payee.status != "pending":
        raise invalid("status", _("Không có tài khoản nào đang chờ xác nhận."), 409, "not_pending")
    if payee.changed_by == principal.client_key:
        raise AppError(403, "same_person", _("Người nhập tài khoản không được tự xác nhận; cần người thứ hai."))
    payee.status, payee.verified_at, payee.verified_by = "active", utcnow(), principal.label
    db.session.flush()
    record(principal, "market_payee.confirm", "market", market.id, before={"status": "pending"},
           after={"status": "active", "account_number": payee.account_number}, commune_code=market.commune_code)
    return present(payee)  # type: ignore[return-value]


def read_payee(principal: Principal, market_id: int) -> dict[str, Any] | None:
    """The board's account (officers of the market)."""
    market = officer_market(principal, market_id)
    return present(payee_of(market.id))


def require_active_payee(market_id: int) -> MarketPayee:
    """The confirmed payee, or 409 naming `payee` (no bill run, no QR without it)."""
    payee = active_payee(market_id)
    if payee is None:
        raise invalid("payee", _("Chợ chưa có tài khoản của ban quản lý được xác nhận (PUT …/payee, rồi "
                                 "người thứ hai xác nhận)."), 409, "no_payee")
    return payee
