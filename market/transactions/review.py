"""The review queue of pushed credits no account matched: list, assign to an account, or dismiss.

Scope: an open credit names no place (that is why it is queued). From a feed set up for one commune
it is seen by that commune's officers only; from a province-wide feed, by every commune officer. Once
assigned it belongs to the merchant's commune and only that commune (and admins) still see it. A
dismissed credit was never placed, so it stays visible where it was while open.
"""
from typing import Any

from sqlalchemy import Row, Select, and_, or_, select, update
from sqlalchemy.orm import selectinload

from market.auth.permissions import can_manage_commune, require_role
from market.auth.principal import Principal
from market.core.audit import record
from market.core.clock import local_day
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Village
from market.transactions.models import Transaction, UnmatchedCredit, WebhookIntegration
from market.transactions.recording import insert_new, reverse
from market.transactions.webhooks import WEBHOOK_METHOD, webhook_transaction
from merchants.models import Merchant, PaymentAccount
from merchants.text import search_key

REVIEWERS = ("admin", "commune")
STATUSES: dict[str, tuple[str, ...]] = {"open": ("open",), "assigned": ("assigned",),
                                        "dismissed": ("dismissed",), "resolved": ("assigned", "dismissed")}
LIST_LIMIT = 500
ACCOUNT_LIMIT = 1000


def _visible(query: Select[Any], principal: Principal) -> Select[Any]:
    """Admins see every credit; a commune officer those still unplaced from a province-wide feed or a
    feed of their commune, and those assigned into their commune."""
    if principal.role == "admin":
        return query
    placed_in = (select(Village.commune_code)
                 .join(Merchant, Merchant.village_id == Village.id)
                 .join(Transaction, Transaction.merchant_id == Merchant.id)
                 .where(Transaction.id == UnmatchedCredit.transaction_id).scalar_subquery())
    feed_commune = (select(WebhookIntegration.commune_code)
                    .where(WebhookIntegration.id == UnmatchedCredit.integration_id).scalar_subquery())
    unplaced = and_(UnmatchedCredit.transaction_id.is_(None),
                    or_(feed_commune.is_(None), feed_commune == principal.commune_code))
    return query.where(or_(unplaced, placed_in == principal.commune_code))


def list_unmatched(principal: Principal, status: str) -> list[UnmatchedCredit]:
    """The credits of the review queue the caller may see, newest first (admins and commune officers)."""
    require_role(principal, *REVIEWERS)
    query = (select(UnmatchedCredit)
             .options(selectinload(UnmatchedCredit.transaction).selectinload(Transaction.merchant))
             .order_by(UnmatchedCredit.received_at.desc(), UnmatchedCredit.id.desc()))
    if status in STATUSES:
        query = query.where(UnmatchedCredit.status.in_(STATUSES[status]))
    return list(db.session.scalars(_visible(query, principal).limit(LIST_LIMIT)))


def _credit_in(principal: Principal, credit_id: int, status: str, refusal: str) -> UnmatchedCredit:
    """A credit the caller may see, in `status`: 404, or 409 naming `status`."""
    require_role(principal, *REVIEWERS)
    query = _visible(select(UnmatchedCredit).where(UnmatchedCredit.id == credit_id), principal)
    credit = db.session.scalar(query)
    if credit is None:
        raise AppError(
            404, "not_found", gettext("Không tìm thấy khoản tiền vào %(credit_id)s.", credit_id=credit_id)
        )
    if credit.status != status:
        raise invalid("status", refusal, 409, "already_resolved" if status == "open" else "not_dismissed")
    return credit


def _open_credit(principal: Principal, credit_id: int) -> UnmatchedCredit:
    return _credit_in(
        principal, credit_id, "open", gettext("Khoản tiền này đã được xử lý (đã gán hoặc đã bỏ qua).")
    )


# The account with the facts the rules need (its merchant's status and commune), in one query.
_TARGET = (select(PaymentAccount, Merchant.status, Village.commune_code)
           .join(Merchant, Merchant.id == PaymentAccount.merchant_id)
           .join(Village, Village.id == Merchant.village_id))


def _target(principal: Principal, account_id: int) -> Row[Any]:
    """The account to assign to: 422 unknown, 403 outside the caller's commune, 422 merchant not active
    or account removed (any other account status is fine: the money did reach that account)."""
    target = db.session.execute(_TARGET.where(PaymentAccount.id == account_id)).first()
    if target is None:
        raise invalid(
            "account_id", gettext("Không tìm thấy tài khoản %(account_id)s.", account_id=account_id)
        )
    if not can_manage_commune(principal, target.commune_code):
        raise invalid("account_id", gettext("Tài khoản này thuộc hộ kinh doanh ngoài phạm vi của bạn."), 403,
                      "forbidden")
    if target.status != "active":
        raise invalid(
            "account_id", gettext("Hộ kinh doanh của tài khoản này chưa hoạt động hoặc đã tạm ngừng.")
        )
    if target.PaymentAccount.status == "removed":
        raise invalid("account_id", gettext("Tài khoản này đã bị gỡ khỏi sổ đăng ký."))
    return target


def _claim(credit: UnmatchedCredit, principal: Principal, status: str, **values: Any) -> None:
    """Move the credit out of "open" exactly once: of two officers at once, the second gets a 409."""
    _move(credit, "open", status, resolved_at=utcnow(), resolved_by=principal.label, **values)


def _move(credit: UnmatchedCredit, current: str, status: str, **values: Any) -> None:
    claimed = db.session.execute(
        update(UnmatchedCredit).where(UnmatchedCredit.id == credit.id, UnmatchedCredit.status == current)
        .values(status=status, **values).execution_options(synchronize_session="fetch"))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise invalid("status", gettext("Khoản tiền này vừa được người khác xử lý."), 409, "already_resolved")


def _record_once(credit: UnmatchedCredit, account: PaymentAccount,
                 principal: Principal) -> tuple[Transaction, bool]:
    """(the credit's transaction, created?): the merchant's webhook transaction with that reference is
    reused, never doubled."""
    row = insert_new(
        Transaction, merchant_id=account.merchant_id, account_id=account.id, amount=credit.amount,
        method=WEBHOOK_METHOD, occurred_at=credit.occurred_at, local_day=local_day(credit.occurred_at),
        source="webhook", reference=credit.reference, note=credit.content or None, created_by=principal.label)
    if row is not None:
        return row, True
    existing = webhook_transaction(account.merchant_id, credit.reference)
    if existing is not None and _reversed(existing.id):
        raise invalid("account_id", gettext("Khoản này đã được gán cho hộ này rồi gỡ ra (giao dịch đã đảo); "
                                            "không gán lại cho cùng hộ được."), 409, "reversed_before")
    return existing, False  # type: ignore[return-value]


def _reversed(transaction_id: int) -> bool:
    return db.session.scalar(select(Transaction.id).where(Transaction.reverses_id == transaction_id)) is not None


def assign(principal: Principal, credit_id: int, account_id: int) -> UnmatchedCredit:
    """Say which registered account an open credit went to: record its one transaction and link it."""
    credit = _open_credit(principal, credit_id)
    target = _target(principal, account_id)
    account: PaymentAccount = target.PaymentAccount
    _claim(credit, principal, "assigned")
    transaction, created = _record_once(credit, account, principal)
    credit.transaction_id = transaction.id
    db.session.flush()
    after = {"status": "assigned", "account_id": account.id, "merchant_id": account.merchant_id,
             "transaction_id": transaction.id, "linked_existing": not created, "amount": credit.amount,
             "reference": credit.reference}
    record(principal, "unmatched_credit.assign", "unmatched_credit", credit.id, before={"status": "open"},
           after=after, commune_code=target.commune_code)
    return credit


def assign_preview(principal: Principal, credit_id: int, account_id: int) -> tuple[UnmatchedCredit, Row[Any]]:
    """The open credit and the account it would go to, both checked as `assign` checks them (nothing changes)."""
    return _open_credit(principal, credit_id), _target(principal, account_id)


def assigned_credit(principal: Principal, credit_id: int) -> UnmatchedCredit:
    """An assigned credit the caller may see (to undo it)."""
    return _credit_in(principal, credit_id, "assigned", gettext("Chỉ gỡ được khoản đã gán."))


def dismiss(principal: Principal, credit_id: int, reason: str) -> UnmatchedCredit:
    """Close an open credit without a transaction (a test credit, not for this place), keeping it and why."""
    credit = _open_credit(principal, credit_id)
    _claim(credit, principal, "dismissed", reason=reason)
    after = {"status": "dismissed", "reason": reason, "amount": credit.amount, "reference": credit.reference}
    record(principal, "unmatched_credit.dismiss", "unmatched_credit", credit.id, before={"status": "open"},
           after=after, commune_code=principal.commune_code)
    return credit


def reopen(principal: Principal, credit_id: int, reason: str) -> UnmatchedCredit:
    """Put a dismissed credit back in the open queue (a mistaken dismissal); the dismissal stays audited."""
    credit = _credit_in(principal, credit_id, "dismissed", gettext("Chỉ mở lại được khoản đã bỏ qua."))
    before = {"status": "dismissed", "reason": credit.reason, "resolved_by": credit.resolved_by}
    _move(credit, "dismissed", "open", resolved_at=None, resolved_by=None, reason=None)
    record(principal, "unmatched_credit.reopen", "unmatched_credit", credit.id, before=before,
           after={"status": "open", "reason": reason}, commune_code=principal.commune_code)
    return credit


def unassign(principal: Principal, credit_id: int, reason: str) -> UnmatchedCredit:
    """Undo a wrong assignment: reverse its transaction (never deleted) and put the credit back in the queue."""
    credit = assigned_credit(principal, credit_id)
    transaction = credit.transaction
    before = {"status": "assigned", "transaction_id": credit.transaction_id,
              "merchant_id": transaction.merchant_id if transaction else None, "resolved_by": credit.resolved_by}
    reversal = None
    if transaction is not None and not _reversed(transaction.id):
        reversal = reverse(principal, transaction.id, reason)
    commune = credit_commune(credit)
    _move(credit, "assigned", "open", resolved_at=None, resolved_by=None, transaction_id=None)
    record(principal, "unmatched_credit.unassign", "unmatched_credit", credit.id, before=before,
           after={"status": "open", "reason": reason, "reversal_id": reversal.id if reversal else None},
           commune_code=commune)
    return credit


def credit_commune(credit: UnmatchedCredit) -> str | None:
    """The commune of the merchant an assigned credit went to."""
    if credit.transaction is None:
        return None
    return db.session.scalar(select(Village.commune_code).join(Merchant, Merchant.village_id == Village.id)
                             .where(Merchant.id == credit.transaction.merchant_id))


def assignable_accounts(principal: Principal, numbers: list[str] | None = None,
                        search: str | None = None) -> list[Row[Any]]:
    """Accounts of active merchants in the caller's scope (the page's picker); only `numbers` when given,
    only those whose merchant name, stall, account number or holder matches `search` when given."""
    require_role(principal, *REVIEWERS)
    query = (select(PaymentAccount.id, PaymentAccount.bin, PaymentAccount.account_number,
                    PaymentAccount.holder_name, PaymentAccount.status, Merchant.display_name,
                    Merchant.stall_number)
             .join(Merchant, Merchant.id == PaymentAccount.merchant_id)
             .where(Merchant.status == "active", PaymentAccount.status != "removed"))
    if principal.role != "admin":
        query = query.join(Village, Village.id == Merchant.village_id).where(
            Village.commune_code == principal.commune_code)
    if numbers is not None:
        query = query.where(PaymentAccount.account_number.in_(numbers))
    if search:
        query = query.where(_matches(search))
    query = query.order_by(Merchant.display_name, PaymentAccount.id).limit(ACCOUNT_LIMIT)
    return list(db.session.execute(query))


def _matches(search: str) -> Any:
    """A merchant by name (accents optional), stall number, account number or holder name."""
    text, digits = search_key(search), "".join(search.split())
    return or_(Merchant.search_text.like(f"%{text}%"), Merchant.stall_number == search.strip(),
               PaymentAccount.account_number.like(f"%{digits}%"),
               PaymentAccount.holder_name.like(f"%{text.upper()}%"))


def review_page(principal: Principal, status: str) -> dict[str, Any]:
    """What the review page shows: the credits and, per open credit, the account in scope that carries
    the very number the bank sent (a pending or disabled one), if any."""
    credits = list_unmatched(principal, status)
    numbers = sorted({credit.account_number for credit in credits if credit.status == "open"})
    same_number: dict[str, Row[Any]] = {}
    for account in assignable_accounts(principal, numbers) if numbers else ():
        same_number.setdefault(account.account_number, account)
    suggested = {credit.id: same_number[credit.account_number] for credit in credits
                 if credit.status == "open" and credit.account_number in same_number}
    return {"credits": credits, "suggested": suggested}
