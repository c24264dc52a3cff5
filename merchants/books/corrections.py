"""Corrections a merchant makes from the books: mark a bank credit as not revenue (or undo that), audited.
A sale is reversed with `market.transactions.recording.reverse`; a tally is replaced by reporting it again."""
from market.auth.permissions import can_read_books, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import N_, gettext
from market.transactions.models import Transaction

# Sales the merchant typed in are corrected by a reversal; only money a bank reported can be "not revenue".
MERCHANT_ENTERED = ("self_report", "tally")


def _credit(principal: Principal, transaction_id: int) -> Transaction:
    row = db.session.get(Transaction, transaction_id)
    if row is None:
        raise AppError(404, "not_found", gettext("Không tìm thấy giao dịch %(transaction_id)s.", transaction_id=transaction_id))
    ensure(principal, can_read_books(principal, row.merchant_id))
    if row.source in MERCHANT_ENTERED or row.reverses_id is not None:
        raise invalid("id", N_("Chỉ khoản tiền vào do ngân hàng báo mới đánh dấu được; giao dịch tự ghi thì "
                            "hủy (đảo) với lý do."), 409, "not_a_credit")
    return row


def _set(principal: Principal, row: Transaction, reason: str | None, action: str, why: str) -> Transaction:
    before = {"not_revenue_reason": row.not_revenue_reason}
    row.not_revenue_reason = reason
    db.session.flush()
    record(principal, action, "transaction", row.id, before=before,
           after={"not_revenue_reason": reason, "reason": why, "amount": row.amount},
           commune_code=row.merchant.village.commune_code)
    return row


def mark_not_revenue(principal: Principal, transaction_id: int, reason: str) -> Transaction:
    """A bank credit that is not a sale (a loan, a family transfer, a refund) leaves the revenue book; it
    stays in the money history and in the adoption figures."""
    row = _credit(principal, transaction_id)
    if row.not_revenue_reason is not None:
        raise invalid("id", N_("Khoản này đã được đánh dấu không phải doanh thu."), 409, "already_marked")
    return _set(principal, row, reason, "transaction.not_revenue", reason)


def mark_revenue(principal: Principal, transaction_id: int, reason: str) -> Transaction:
    """Undo the mark: the credit counts as revenue again."""
    row = _credit(principal, transaction_id)
    if row.not_revenue_reason is None:
        raise invalid("id", N_("Khoản này đang được tính là doanh thu."), 409, "not_marked")
    return _set(principal, row, None, "transaction.revenue", reason)
