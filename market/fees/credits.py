"""Credits to a market board's account: a bill's code in the memo pays it; no code, to the fee review queue.

`take_credit` is what a bank feed (market.feeds.receiving) and a board statement import call first: it
answers None when the account is no board's, and the credit then goes the merchants' way.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import officer_market
from market.fees.codes import candidates
from market.fees.models import Bill, FeeCredit, MarketPayee
from market.fees.payments import apply_transfer, present_bill
from market.places.models import Market
from market.transactions.recording import insert_new


@dataclass(frozen=True)
class IncomingCredit:
    """A credit as a feed or a statement row reported it."""

    account_number: str
    amount: int
    content: str | None
    reference: str
    occurred_at: datetime
    source: str = "feed"
    raw: dict[str, Any] | None = None


@dataclass(frozen=True)
class Robot:
    """The audit actor of an automatic payment: the feed or import that brought the money."""

    label: str
    role: str = "system"


def board_markets(account_number: str) -> list[int]:
    """Markets whose confirmed board account has this number (usually none or one)."""
    return list(db.session.scalars(select(MarketPayee.market_id).where(
        MarketPayee.account_number == account_number, MarketPayee.status == "active").order_by(MarketPayee.market_id)))


def bills_named(memo: str | None, market_ids: list[int]) -> list[Bill] | None:
    """The bills whose codes the memo holds, in memo order, each once; None when a code is ambiguous."""
    words = candidates(memo)
    if not words:
        return []
    flat = {word for group in words for word in group}
    found: dict[str, list[Bill]] = {}
    for bill in db.session.scalars(select(Bill).where(Bill.market_id.in_(market_ids), Bill.payment_code.in_(flat))):
        found.setdefault(bill.payment_code, []).append(bill)
    named: list[Bill] = []
    for group in words:
        match = next((found[word] for word in group if word in found), None)
        if match is None:
            continue
        if len(match) > 1:
            return None  # the same code in two markets sharing one account: an officer decides
        if match[0] not in named:
            named.append(match[0])
    return named


def take_credit(credit: IncomingCredit, actor_label: str) -> str | None:
    """Pay the bills a board credit names: "recorded", "queued" or "duplicate"; None if not a board's."""
    markets = board_markets(credit.account_number)
    if not markets:
        return None
    bills = bills_named(credit.content, markets)
    market_id = bills[0].market_id if bills else markets[0]
    row = insert_new(FeeCredit, market_id=market_id, source=credit.source, account_number=credit.account_number,
                     amount=credit.amount, content=credit.content, reference=credit.reference,
                     occurred_at=credit.occurred_at, status="applied" if bills else "open", raw=credit.raw)
    if row is None:
        return "duplicate"
    if not bills:
        return "queued"
    market = db.session.get(Market, market_id)
    apply_transfer(Robot(actor_label), bills, credit.amount, row.id, market.commune_code)  # type: ignore[union-attr]
    return "recorded"


def present_credit(credit: FeeCredit) -> dict[str, Any]:
    """A fee credit as the review queue shows it."""
    return {name: getattr(credit, name) for name in (
        "id", "market_id", "source", "account_number", "amount", "content", "reference", "occurred_at",
        "status", "received_at", "resolved_at", "resolved_by", "reason")}


def list_credits(principal: Principal, market_id: int, status: str | None) -> list[dict[str, Any]]:
    """The market's fee credits, newest first; `open` ones wait for an officer."""
    market = officer_market(principal, market_id)
    query = select(FeeCredit).where(FeeCredit.market_id == market.id)
    if status:
        query = query.where(FeeCredit.status == status)
    rows = db.session.scalars(query.order_by(FeeCredit.received_at.desc(), FeeCredit.id.desc()).limit(500))
    return [present_credit(row) for row in rows]


def _claim_open(principal: Principal, credit_id: int, status: str, **values: Any) -> FeeCredit:
    credit = db.session.get(FeeCredit, credit_id)
    if credit is None:
        raise AppError(404, "not_found", _("Không tìm thấy khoản tiền vào %(id)s.", id=credit_id))
    officer_market(principal, credit.market_id)
    claimed = db.session.execute(
        update(FeeCredit).where(FeeCredit.id == credit.id, FeeCredit.status == "open")
        .values(status=status, resolved_at=utcnow(), resolved_by=principal.label, **values)
        .execution_options(synchronize_session="fetch"))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise invalid("status", _("Khoản tiền này đã được xử lý."), 409, "already_resolved")
    return credit


def assign_credit(principal: Principal, credit_id: int, bill_id: int) -> dict[str, Any]:
    """Put an open credit towards a bill of its market (the rest kept as that stall's credit)."""
    credit = db.session.get(FeeCredit, credit_id)
    bill = db.session.get(Bill, bill_id)
    if credit is not None and (bill is None or bill.market_id != credit.market_id):
        raise invalid("bill_id", _("Không có hoá đơn %(id)s ở chợ này.", id=bill_id))
    credit = _claim_open(principal, credit_id, "assigned")
    market = db.session.get(Market, credit.market_id)
    apply_transfer(principal, [bill], credit.amount, credit.id, market.commune_code)  # type: ignore[list-item, union-attr]
    record(principal, "fee_credit.assign", "fee_credit", credit.id, before={"status": "open"},
           after={"status": "assigned", "bill_id": bill_id, "amount": credit.amount},
           commune_code=market.commune_code)  # type: ignore[union-attr]
    return present_bill(bill)  # type: ignore[arg-type]


def dismiss_credit(principal: Principal, credit_id: int, reason: str) -> dict[str, Any]:
    """Close an open credit that is no fee (kept, with the reason)."""
    credit = _claim_open(principal, credit_id, "dismissed", reason=reason)
    market = db.session.get(Market, credit.market_id)
    record(principal, "fee_credit.dismiss", "fee_credit", credit.id, before={"status": "open"},
           after={"status": "dismissed", "reason": reason}, commune_code=market.commune_code)  # type: ignore[union-attr]
    return present_credit(credit)
