"""Money towards bills: transfers, cash with a receipt number, and a stall's earlier overpayment.

A bill's paid amount only grows, by payment rows that are never changed or deleted; what is paid beyond
the bills a transfer named stays as the stall's credit and pays its next bill.
"""
from typing import Any

from sqlalchemy import func, select

from market.auth.principal import Principal
from market.core.audit import Actor, record
from market.core.dbtypes import utcnow
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import gettext as _
from market.fees.access import board_bill
from market.fees.models import Bill, FeePayment
from market.places.models import Market

SNAPSHOT = ("amount", "paid_amount", "cash_amount", "status", "receipt_serial")


def status_of(amount: int, paid: int, cash: int) -> str:
    """unpaid | partly_paid | paid | paid_cash (fully paid, more than half of it in cash)."""
    if paid <= 0:
        return "unpaid"
    if paid < amount:
        return "partly_paid"
    return "paid_cash" if cash * 2 > amount else "paid"


def receipt_serial(bill: Bill) -> str:
    """The biên lai serial of a paid bill: BL, the month, the bill's number."""
    return f"BL{bill.period[:4]}{bill.period[5:]}-{bill.id:07d}"


def _pay(actor: Actor, bill: Bill, amount: int, method: str, commune_code: str, **values: Any) -> None:
    before = {name: getattr(bill, name) for name in SNAPSHOT}
    db.session.add(FeePayment(market_id=bill.market_id, merchant_id=bill.merchant_id, bill_id=bill.id,
                              amount=amount, method=method, created_by=actor.label, **values))
    bill.paid_amount += amount
    bill.cash_amount += amount if method == "cash" else 0
    bill.status = status_of(bill.amount, bill.paid_amount, bill.cash_amount)
    if bill.paid_amount >= bill.amount and bill.paid_at is None:
        bill.paid_at, bill.receipt_serial = utcnow(), receipt_serial(bill)
    record(actor, f"bill.pay_{method}", "bill", bill.id, before=before,
           after={**{name: getattr(bill, name) for name in SNAPSHOT}, "payment": amount, **values},
           commune_code=commune_code)


def locked(bills: list[Bill]) -> list[Bill]:
    """The same bills re-read FOR UPDATE (PostgreSQL), so two payments at once add up, in the given order."""
    ids = [bill.id for bill in bills]
    fresh = {bill.id: bill for bill in db.session.scalars(
        select(Bill).where(Bill.id.in_(ids)).with_for_update().execution_options(populate_existing=True))}
    return [fresh[ident] for ident in ids]


def apply_transfer(actor: Actor, bills: list[Bill], amount: int, credit_id: int, commune_code: str) -> int:
    """Pay the bills in order with a transfer; the rest is kept as the first bill's stall credit. Returns it."""
    rest = amount
    for bill in locked(bills):
        share = min(bill.owed, rest)
        if share > 0:
            _pay(actor, bill, share, "transfer", commune_code, credit_id=credit_id)
            rest -= share
    if rest > 0:
        first = bills[0]
        db.session.add(FeePayment(market_id=first.market_id, merchant_id=first.merchant_id, bill_id=None,
                                  credit_id=credit_id, amount=rest, method="credit", created_by=actor.label))
        record(actor, "bill.overpaid", "bill", first.id, after={"kept_as_credit": rest, "credit_id": credit_id},
               commune_code=commune_code)
    db.session.flush()
    return rest


def stall_credit(market_id: int, merchant_id: int) -> int:
    """What a stall has paid beyond its bills and not yet used."""
    return int(db.session.scalar(select(func.coalesce(func.sum(FeePayment.amount), 0)).where(
        FeePayment.market_id == market_id, FeePayment.merchant_id == merchant_id,
        FeePayment.bill_id.is_(None))) or 0)


def use_stall_credits(actor: Actor, market: Market, bills: list[Bill]) -> None:
    """Pay new bills from their stalls' kept overpayments (one query finds the stalls that have any)."""
    balances = {merchant_id: int(balance) for merchant_id, balance in db.session.execute(
        select(FeePayment.merchant_id, func.sum(FeePayment.amount)).where(
            FeePayment.market_id == market.id, FeePayment.bill_id.is_(None),
            FeePayment.merchant_id.in_({bill.merchant_id for bill in bills}))
        .group_by(FeePayment.merchant_id).having(func.sum(FeePayment.amount) > 0))}
    for bill in bills:
        share = min(balances.get(bill.merchant_id, 0), bill.owed)
        if share <= 0:
            continue
        balances[bill.merchant_id] -= share
        db.session.add(FeePayment(market_id=market.id, merchant_id=bill.merchant_id, bill_id=None,
                                  amount=-share, method="credit", created_by=actor.label))
        _pay(actor, bill, share, "credit", market.commune_code)
    db.session.flush()


def record_cash(principal: Principal, bill_id: int, data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The collector's cash receipt for a bill; the same receipt number again answers the first (200)."""
    bill = board_bill(principal, bill_id)
    number = data["receipt_number"]
    same = db.session.scalar(select(FeePayment).where(FeePayment.market_id == bill.market_id,
                                                      FeePayment.receipt_number == number))
    if same is not None:
        if same.bill_id != bill.id or same.amount != data["amount"]:
            raise invalid("receipt_number", _("Số biên lai %(n)s đã dùng cho một khoản khác.", n=number),
                          409, "receipt_number_used")
        return present_bill(bill), 200
    bill = locked([bill])[0]
    if bill.owed <= 0:
        raise invalid("amount", _("Hoá đơn này đã nộp đủ."), 409, "already_paid")
    if data["amount"] > bill.owed:
        raise invalid("amount", _("Số tiền mặt lớn hơn số còn phải nộp (%(owed)s đồng).", owed=bill.owed))
    _pay(principal, bill, data["amount"], "cash", bill.market.commune_code, receipt_number=number)
    db.session.flush()
    return present_bill(bill), 201


def present_bill(bill: Bill) -> dict[str, Any]:
    """A bill as the API shows it."""
    data = {name: getattr(bill, name) for name in (
        "id", "merchant_id", "market_id", "stall", "period", "amount", "paid_amount", "cash_amount", "status",
        "payment_code", "receipt_serial", "paid_at", "created_at")}
    return {**data, "fee": bill.fee.name, "fee_id": bill.fee_id, "owed": bill.owed}
