"""Import a statement for one merchant account: dry-run report first, then bulk inserts in short batches."""
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from market.auth.principal import Principal
from market.core.batches import commit_so_far, insert_in_batches
from market.core.clock import local_day
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.transactions.models import Transaction
from market.transactions.recording import merchant_for
from market.transactions.statement_files import Statement, StatementError, parse_statement
from merchants.models import PaymentAccount

MAX_BYTES = 5 * 1024 * 1024
MAX_LISTED_ERRORS = 200


def account_for(principal: Principal, account_id: int) -> PaymentAccount:
    """The payment account the caller may import into (its merchant in scope and active)."""
    account = db.session.get(PaymentAccount, account_id)
    if account is None:
        raise invalid(
            "account_id", gettext("Không tìm thấy tài khoản %(account_id)s.", account_id=account_id)
        )
    merchant = merchant_for(principal, account.merchant_id, field="account_id")
    if merchant.status != "active":
        raise invalid("account_id", gettext("Hộ kinh doanh chưa hoạt động hoặc đã tạm ngừng."))
    return account


def merchant_accounts(merchant_id: int) -> list[PaymentAccount]:
    """The merchant's accounts that statements can be imported into."""
    return list(db.session.scalars(select(PaymentAccount).where(
        PaymentAccount.merchant_id == merchant_id, PaymentAccount.status.in_(("active", "pending")))
        .order_by(PaymentAccount.id)))


def _known_references(merchant_id: int) -> set[str]:
    query = select(Transaction.reference).where(
        Transaction.merchant_id == merchant_id, Transaction.source == "import", Transaction.reference.is_not(None))
    return set(db.session.scalars(query))


def _report(statement: Statement, new_rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "rows": statement.total, "credits": len(statement.rows) + statement.in_file_duplicates,
        "not_credits": statement.not_credits,
        "duplicates": statement.in_file_duplicates + len(statement.rows) - len(new_rows),
        "to_add": len(new_rows), "added": 0, "committed": False,
        "error_count": len(statement.errors), "errors": statement.errors[:MAX_LISTED_ERRORS],
    }


def _parse(content: bytes, mapping: Mapping[str, str]) -> Statement:
    if len(content) > MAX_BYTES:
        raise invalid("file", gettext("Tệp lớn hơn 5 MB."), 413, "payload_too_large")
    if not content:
        raise invalid("file", gettext("Tệp rỗng."))
    try:
        return parse_statement(content, mapping)
    except StatementError as error:
        raise invalid(error.field, str(error)) from None


def _insert(account: PaymentAccount, rows: list[dict[str, Any]], principal: Principal) -> None:
    """Insert in committed batches (see `market.core.batches`); a concurrent import of the same lines is a
    409, not a 500: the batches before it stay written and a new dry run shows what is left."""
    merchant_id, account_id = account.merchant_id, account.id
    method = "ewallet" if account.kind == "ewallet" else "bank_transfer"
    now = utcnow()
    values = ({"merchant_id": merchant_id, "account_id": account_id, "amount": row["amount"],
               "method": method, "occurred_at": row["occurred_at"], "local_day": local_day(row["occurred_at"]),
               "source": "import", "reference": row["reference"], "note": row["content"],
               "created_by": principal.label, "created_at": now} for row in rows)
    try:
        insert_in_batches(Transaction.__table__, values)
    except IntegrityError:
        message = gettext("Một lần nhập khác vừa ghi các dòng này; hãy chạy thử lại.")
        raise AppError(409, "import_conflict", message,
                       {"file": [gettext("Trùng với một lần nhập đang chạy.")]}) from None


def import_statement(principal: Principal, account_id: int, content: bytes, mapping: Mapping[str, str],
                     commit: bool) -> dict[str, Any]:
    """Report what the file would add; with `commit`, add it (nothing when any line is bad)."""
    account = account_for(principal, account_id)
    commit_so_far()  # reading the file takes seconds, and no one else could write on SQLite meanwhile
    statement = _parse(content, mapping)
    known = _known_references(account.merchant_id)
    commit_so_far()
    new_rows = [row for row in statement.rows if row["reference"] not in known]
    report = _report(statement, new_rows)
    if not commit:
        return report
    if statement.errors:
        lines = [
            gettext(
                "Dòng %(row)s — %(field)s: %(message)s", row=e["row"], field=e["field"], message=e["message"]
            )
            for e in statement.errors[:50]
        ]
        raise AppError(422, "import_invalid", gettext("Tệp có dòng lỗi: chưa ghi dòng nào."), {"file": lines})
    _insert(account, new_rows, principal)
    report.update(added=len(new_rows), committed=True)
    return report
