"""Reconciliation: an account's imported statement credits against what the feeds delivered, day by day."""
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from market.auth.permissions import can_manage_commune, ensure, require_role
from market.auth.principal import Principal
from market.core.clock import local_day, local_midnight_utc
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import gettext
from market.feeds.models import FeedDelivery
from market.places.models import Village
from market.transactions.models import Transaction
from merchants.models import Merchant, PaymentAccount

DELIVERED = ("recorded", "queued")
MAX_DAYS = 92


def _account(principal: Principal, account_id: int) -> PaymentAccount:
    require_role(principal, "admin", "commune")
    row = db.session.execute(select(PaymentAccount, Village.commune_code)
                             .join(Merchant, Merchant.id == PaymentAccount.merchant_id)
                             .join(Village, Village.id == Merchant.village_id)
                             .where(PaymentAccount.id == account_id)).first()
    if row is None:
        raise invalid("account_id", gettext("Không tìm thấy tài khoản %(id)s.", id=account_id))
    ensure(principal, can_manage_commune(principal, row.commune_code))
    return row.PaymentAccount


def _statement(account: PaymentAccount, first: date, last: date) -> list[dict[str, Any]]:
    rows = db.session.execute(select(Transaction.reference, Transaction.amount, Transaction.occurred_at).where(
        Transaction.account_id == account.id, Transaction.source == "import", Transaction.amount > 0,
        Transaction.local_day.between(first, last)))
    return [{"reference": row.reference, "amount": row.amount, "occurred_at": row.occurred_at} for row in rows]


def _delivered(account: PaymentAccount, first: date, last: date) -> list[dict[str, Any]]:
    rows = db.session.execute(select(FeedDelivery.reference, FeedDelivery.amount, FeedDelivery.occurred_at).where(
        FeedDelivery.account_number == account.account_number, FeedDelivery.outcome.in_(DELIVERED),
        FeedDelivery.occurred_at >= local_midnight_utc(first),
        FeedDelivery.occurred_at < local_midnight_utc(last + timedelta(days=1))))
    unique = {(row.reference, row.amount): row for row in rows}  # the same credit through two feeds
    return [{"reference": row.reference, "amount": row.amount, "occurred_at": row.occurred_at}
            for row in unique.values()]


def _pair(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> tuple[int, list, list]:
    """Pair by bank reference, then lines without one by amount and local day."""
    by_reference = {item["reference"]: item for item in right if item["reference"]}
    unpaired, matched = [], 0
    for item in left:
        if by_reference.pop(item["reference"], None) is not None:
            matched += 1
        else:
            unpaired.append(item)
    rest = [item for item in right if item["reference"] in by_reference or not item["reference"]]
    only_left = []
    for item in unpaired:
        key = (item["amount"], local_day(item["occurred_at"]))
        # Two different bank references are two credits; amount and day pair only a line without one.
        twin = next((other for other in rest if (other["amount"], local_day(other["occurred_at"])) == key
                     and not (item["reference"] and other["reference"])), None)
        if twin is None:
            only_left.append(item)
        else:
            rest.remove(twin)
            matched += 1
    return matched, only_left, rest


def reconcile(principal: Principal, account_id: int, first: date, last: date) -> dict[str, Any]:
    """What the statement and the feeds agree on, and what each has that the other lacks."""
    if last < first or (last - first).days >= MAX_DAYS:
        raise invalid("to", gettext("Khoảng ngày phải hợp lệ và không quá %(days)s ngày.", days=MAX_DAYS))
    account = _account(principal, account_id)
    matched, only_statement, only_feeds = _pair(_statement(account, first, last), _delivered(account, first, last))
    return {"account_id": account.id, "date_from": first, "date_to": last, "matched": matched,
            "only_in_statement": only_statement, "only_in_feeds": only_feeds}
