"""Read transactions: scoped listing with an opaque (occurred_at, id) cursor, and a day's totals."""
import base64
import binascii
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from market.auth.permissions import forbidden, require_role
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.fields import MAX_ID, in_range
from market.core.i18n import gettext
from market.places.models import Village
from market.transactions.models import METHODS, Transaction
from merchants.models import Merchant

READERS = ("admin", "commune", "village_head", "merchant")


def encode_cursor(row: Transaction) -> str:
    """An opaque cursor pointing just after `row`."""
    raw = f"{row.occurred_at.isoformat()}|{row.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """(occurred_at, id) from a cursor, or a 422 naming `cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, ident = raw.split("|")
        parsed = datetime.fromisoformat(moment)
        at = in_range(parsed) if parsed.tzinfo is not None else None
        if at is None or not ident.isdigit() or not 0 < int(ident) <= MAX_ID:
            raise ValueError(raw)
        return at, int(ident)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise AppError(422, "validation_error", gettext("Con trỏ phân trang không hợp lệ."),
                       {"cursor": [gettext("Không hợp lệ.")]}) from None


def _scoped(query: Select[Any], principal: Principal, merchant: int | None) -> Select[Any]:
    """Merchants see their own rows, village heads their village, commune officers their commune."""
    if principal.role == "merchant":
        if merchant is not None and merchant != principal.merchant_id:
            raise forbidden(gettext("Bạn chỉ xem được giao dịch của mình."))
        return query.where(Transaction.merchant_id == principal.merchant_id)
    if principal.role == "village_head":
        return query.where(Merchant.village_id == principal.village_id)
    if principal.role == "commune":
        return query.join(Village, Village.id == Merchant.village_id).where(
            Village.commune_code == principal.commune_code)
    return query


def _filtered(query: Select[Any], args: dict[str, Any]) -> Select[Any]:
    columns = {"merchant": Transaction.merchant_id, "village": Merchant.village_id,
               "market": Merchant.market_id, "street": Merchant.street_id, "method": Transaction.method}
    for name, column in columns.items():
        if args.get(name) is not None:
            query = query.where(column == args[name])
    if args.get("date_from"):
        query = query.where(Transaction.local_day >= args["date_from"])
    if args.get("date_to"):
        query = query.where(Transaction.local_day <= args["date_to"])
    return query


def list_transactions(principal: Principal, args: dict[str, Any]) -> dict[str, Any]:
    """One page, newest first, of the transactions the caller may read."""
    require_role(principal, *READERS)
    query = select(Transaction).join(Merchant, Merchant.id == Transaction.merchant_id)
    query = _filtered(_scoped(query, principal, args.get("merchant")), args)
    if args.get("cursor"):
        at, ident = decode_cursor(args["cursor"])
        query = query.where(or_(Transaction.occurred_at < at,
                                and_(Transaction.occurred_at == at, Transaction.id < ident)))
    limit = args.get("limit", 50)
    rows = list(db.session.scalars(
        query.order_by(Transaction.occurred_at.desc(), Transaction.id.desc()).limit(limit + 1)))
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return {"items": rows[:limit], "next_cursor": next_cursor}


def day_totals(merchant_id: int, day: date) -> dict[str, dict[str, int]]:
    """Net count and value per method for one merchant and day (reversals subtract)."""
    signed_count = func.sum(case((Transaction.amount < 0, -1), else_=1))
    query = (select(Transaction.method, signed_count, func.sum(Transaction.amount))
             .where(Transaction.merchant_id == merchant_id, Transaction.local_day == day)
             .group_by(Transaction.method))
    totals = {method: {"count": 0, "value": 0} for method in METHODS}
    for method, count, value in db.session.execute(query):
        totals[method] = {"count": int(count or 0), "value": int(value or 0)}
    totals["all"] = {"count": sum(t["count"] for t in totals.values()),
                     "value": sum(t["value"] for t in totals.values())}
    return totals
