"""A merchant's money history over a day, week, month or year: totals by method, search, keyset pages."""
from typing import Any

from sqlalchemy import Select, and_, or_, select

from market.auth.principal import Principal
from market.core.clock import today
from market.core.extensions import db
from market.transactions.forms import parse_int
from market.transactions.models import METHODS, DailyTally, Transaction
from market.transactions.queries import decode_cursor, encode_cursor
from merchants.books.access import open_books
from merchants.books.periods import Span, span
from merchants.books.revenue import excluded_by_day_and_method, money_by_day_and_method

PAGE_SIZE = 50


def _search(query: Select[Any], text: str | None) -> Select[Any]:
    """Digits match an amount (a sale or its reversal); anything else the memo or the reference."""
    if not text:
        return query
    amount = parse_int(text)
    if isinstance(amount, int):
        return query.where(Transaction.amount.in_((amount, -amount)))
    return query.where(or_(Transaction.note.icontains(text, autoescape=True),
                           Transaction.reference.icontains(text, autoescape=True)))


def _page(merchant_id: int, period: Span, args: dict[str, Any]) -> dict[str, Any]:
    query = _search(select(Transaction).where(
        Transaction.merchant_id == merchant_id, Transaction.local_day.between(period.start, period.end)),
        args.get("q"))
    if args.get("cursor"):
        at, ident = decode_cursor(args["cursor"])
        query = query.where(or_(Transaction.occurred_at < at,
                                and_(Transaction.occurred_at == at, Transaction.id < ident)))
    limit = args.get("limit") or PAGE_SIZE
    rows = list(db.session.scalars(
        query.order_by(Transaction.occurred_at.desc(), Transaction.id.desc()).limit(limit + 1)))
    items = rows[:limit]
    reversed_ids = set(db.session.scalars(select(Transaction.reverses_id).where(
        Transaction.reverses_id.in_([row.id for row in items])))) if items else set()
    return {"items": items, "reversed_ids": reversed_ids,
            "next_cursor": encode_cursor(rows[limit - 1]) if len(rows) > limit else None}


def _totals(merchant_id: int, period: Span) -> dict[str, Any]:
    """Net count and value per method, and how much of it is not revenue."""
    methods = {method: {"count": 0, "value": 0} for method in METHODS}
    for _, method, count, value in money_by_day_and_method(merchant_id, period.start, period.end):
        methods[method]["count"] += int(count or 0)
        methods[method]["value"] += int(value or 0)
    not_revenue = sum(int(value or 0) for *_, value in excluded_by_day_and_method(
        merchant_id, period.start, period.end))
    tallies = _tallies(merchant_id, period)
    tally_cash = sum(row.cash_value for row in tallies)
    tally_cashless = sum(row.cashless_value for row in tallies)
    money = sum(entry["value"] for entry in methods.values()) + tally_cash + tally_cashless
    return {"methods": methods, "tallies": tallies, "tally_cash": tally_cash, "tally_cashless": tally_cashless,
            "money": money, "not_revenue": not_revenue, "revenue": money - not_revenue}


def _tallies(merchant_id: int, period: Span) -> list[DailyTally]:
    return list(db.session.scalars(select(DailyTally).where(
        DailyTally.merchant_id == merchant_id, DailyTally.day.between(period.start, period.end))
        .order_by(DailyTally.day.desc())))


def history(principal: Principal, merchant_id: int, args: dict[str, Any]) -> dict[str, Any]:
    """One page of the merchant's transactions in the chosen span, newest first, with the span's totals."""
    merchant = open_books(principal, merchant_id, "history")
    period = span(args.get("view") or "day", args.get("day") or today())
    return {"merchant": merchant, "span": period, "q": args.get("q") or "", "view": period.view,
            **_totals(merchant.id, period), **_page(merchant.id, period, args)}
