"""A bank statement of the board's account (CSV/XLSX export): each credit goes the way a feed's would.

The dry run says, per credit, which bill its memo names (or that it would wait for review); the real
import then applies each credit once (a credit already seen through a feed has the same reference).
"""
from typing import Any

from market.auth.principal import Principal
from market.core.errors import invalid
from market.fees.access import board_market
from market.fees.credits import IncomingCredit, bills_named, take_credit
from market.fees.payee import require_active_payee
from market.transactions.statement_files import StatementError, parse_statement
from merchants.imports.read import read_upload


def _read(upload: Any) -> Any:
    try:
        return parse_statement(read_upload(upload))
    except StatementError as error:
        raise invalid(error.field, str(error)) from None


def import_statement(principal: Principal, market_id: int, upload: Any, dry_run: bool) -> dict[str, Any]:
    """Check or apply a statement of the board's account; rows with problems are reported, never applied."""
    market = board_market(principal, market_id)
    payee = require_active_payee(market.id)
    statement = _read(upload)
    lines, outcomes = [], {"recorded": 0, "queued": 0, "duplicate": 0}
    for row in statement.rows:
        named = bills_named(row["content"], [market.id]) or []
        lines.append({"row": row["row"], "amount": row["amount"], "reference": row["reference"],
                      "bills": [bill.payment_code for bill in named]})
        if not dry_run:
            credit = IncomingCredit(payee.account_number, row["amount"], row["content"], row["reference"],
                                    row["occurred_at"], "statement", None)
            outcomes[take_credit(credit, f"statement:{principal.label}") or "queued"] += 1
    return {"dry_run": dry_run, "rows": len(statement.rows), "errors": statement.errors, "lines": lines[:500],
            **({} if dry_run else outcomes)}
