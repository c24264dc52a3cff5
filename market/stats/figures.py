"""Adoption figures as SQL aggregations: two queries for any number of periods and groups."""
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Date, String, case, exists, func, literal, select, true, union_all
from sqlalchemy.sql import Subquery

from market.core.dbtypes import UTCDateTime
from market.core.extensions import db
from market.stats.periods import Period
from market.transactions.models import CASHLESS_METHODS, METHODS, DailyTally, Transaction
from merchants.models import AccountStatusChange, Merchant, MerchantStatusChange, OcopProduct, PaymentAccount

Key = tuple[Hashable, str]


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction rounded to 4 decimals; None when there is nothing to divide by."""
    if denominator <= 0:
        return None
    return round(numerator / denominator, 4)


@dataclass
class Figures:
    """The counts of one scope (or group) over one period."""

    merchants_total: int = 0
    merchants_accepting: int = 0
    merchants_transacting: int = 0
    merchants_reporting: int = 0
    ocop_producers: int = 0
    ocop_online: int = 0
    by_method: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in METHODS})
    tally: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("cash_count", "cash_value", "cashless_count", "cashless_value"), 0))

    def totals(self) -> dict[str, int]:
        """Counts and values of all and of cashless sales, transactions and tallies together."""
        cashless = [self.by_method[m] for m in CASHLESS_METHODS]
        cashless_count = sum(c for c, _ in cashless) + self.tally["cashless_count"]
        cashless_value = sum(v for _, v in cashless) + self.tally["cashless_value"]
        cash_count, cash_value = self.by_method["cash"]
        return {
            "cashless_count": cashless_count, "cashless_value": cashless_value,
            "all_count": cashless_count + cash_count + self.tally["cash_count"],
            "all_value": cashless_value + cash_value + self.tally["cash_value"],
        }

    def counts(self) -> dict[str, tuple[int, int]]:
        """The numerator and denominator behind each rate (the report prints them, e.g. 55/61)."""
        totals = self.totals()
        return {
            "acceptance_rate": (self.merchants_accepting, self.merchants_total),
            "activity_rate": (self.merchants_transacting, self.merchants_total),
            "cashless_share_count": (totals["cashless_count"], totals["all_count"]),
            "cashless_share_value": (totals["cashless_value"], totals["all_value"]),
            "ocop_online_share": (self.ocop_online, self.ocop_producers),
        }

    def rates(self) -> dict[str, float | None]:
        """The four adoption rates, plus the OCOP online share."""
        return {code: rate(*pair) for code, pair in self.counts().items()}


def _periods_table(periods: Sequence[Period]) -> Subquery:
    rows = [select(literal(p.key, String).label("key"), literal(p.start, Date).label("start_day"),
                   literal(p.end, Date).label("end_day"), literal(p.end_utc, UTCDateTime()).label("end_ts"))
            for p in periods]
    return (union_all(*rows) if len(rows) > 1 else rows[0]).subquery("periods")


def _status_on(owner_id: Any, owner: ColumnElement[Any], p: Subquery) -> ColumnElement[Any]:
    """A merchant's or account's status at the end of the period: the last change its log (the table of
    `owner_id`) holds before then."""
    log = owner_id.class_
    # correlate_except: the periods come from two levels up when this sits inside an EXISTS over accounts,
    # and auto-correlation only looks one level up (the subquery would then scan every period).
    return (select(log.status).where(owner_id == owner, log.changed_at < p.c.end_ts)
            .order_by(log.changed_at.desc(), log.id.desc()).limit(1).correlate_except(log).scalar_subquery())


def _flag(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return case((condition, 1), else_=0)


def _merchant_flags(p: Subquery) -> list[ColumnElement[Any]]:
    """Per merchant and period: active then, accepting, transacting, reporting, OCOP, online, tally sums."""
    in_days = (p.c.start_day, p.c.end_day)
    accepting = exists().where(PaymentAccount.merchant_id == Merchant.id,
                               _status_on(AccountStatusChange.account_id, PaymentAccount.id, p) == "active")
    net_cashless = select(func.coalesce(func.sum(case((Transaction.reverses_id.is_(None), 1), else_=-1)), 0)).where(
        Transaction.merchant_id == Merchant.id, Transaction.local_day.between(*in_days),
        Transaction.method.in_(CASHLESS_METHODS)).scalar_subquery()
    tally_cashless = exists().where(DailyTally.merchant_id == Merchant.id, DailyTally.day.between(*in_days),
                                    DailyTally.cashless_count > 0)
    reported = exists().where(Transaction.merchant_id == Merchant.id, Transaction.local_day.between(*in_days))
    tallied = exists().where(DailyTally.merchant_id == Merchant.id, DailyTally.day.between(*in_days))
    channels = func.coalesce(OcopProduct.channels.cast(String), "[]")
    online = exists().where(OcopProduct.merchant_id == Merchant.id, channels.notin_(["[]", "null"]))
    active = _status_on(MerchantStatusChange.merchant_id, Merchant.id, p) == "active"
    flags = [_flag(active), _flag(accepting), _flag((net_cashless > 0) | tally_cashless),
             _flag(reported | tallied), _flag(Merchant.is_ocop), _flag(online)]
    return [flag.label(f"f{n}") for n, flag in enumerate(flags)] + _tally_sums(in_days)


def _tally_sums(in_days: tuple[Any, Any]) -> list[ColumnElement[Any]]:
    """Tally totals as per-merchant subqueries: both planners then walk the (merchant_id, day) key."""
    return [select(func.sum(column)).where(DailyTally.merchant_id == Merchant.id,
                                           DailyTally.day.between(*in_days)).scalar_subquery().label(f"t{n}")
            for n, column in enumerate((DailyTally.cash_count, DailyTally.cash_value, DailyTally.cashless_count,
                                        DailyTally.cashless_value))]


MERCHANT_FIELDS = ("merchants_total", "merchants_accepting", "merchants_transacting", "merchants_reporting",
                   "ocop_producers", "ocop_online")
TALLY_FIELDS = ("cash_count", "cash_value", "cashless_count", "cashless_value")


def _merchant_rows(scope: ColumnElement[bool], p: Subquery, groups: list[Any]) -> Any:
    # Flags per merchant first, summed outside: the status look-up then runs once per merchant and period.
    labelled = [group.label(f"g{n}") for n, group in enumerate(groups)]
    per_merchant = (select(p.c.key, *labelled, *_merchant_flags(p)).select_from(p).join(Merchant, true())
                    .where(scope).subquery("per_merchant"))
    c = per_merchant.c
    active = c.f0
    counts = [active, active * c.f1, active * c.f2, c.f3, active * c.f4, active * c.f4 * c.f5]
    sums = [func.sum(column) for column in (*counts, c.t0, c.t1, c.t2, c.t3)]
    outer_groups = [c[f"g{n}"] for n in range(len(groups))]
    query = select(c.key, *outer_groups, *sums).group_by(c.key, *outer_groups)
    return db.session.execute(query)


def _transaction_rows(scope: ColumnElement[bool], p: Subquery, groups: list[Any]) -> Any:
    sign = case((Transaction.reverses_id.is_(None), 1), else_=-1)
    query = (select(p.c.key, *groups, Transaction.method, func.sum(sign), func.sum(Transaction.amount))
             .select_from(Transaction).join(Merchant, Merchant.id == Transaction.merchant_id)
             .join(p, Transaction.local_day.between(p.c.start_day, p.c.end_day))
             .where(scope).group_by(p.c.key, *groups, Transaction.method))
    return db.session.execute(query)


def compute(scope: ColumnElement[bool], periods: Sequence[Period],
            group: ColumnElement[Any] | None = None) -> dict[Key, Figures]:
    """Figures per (group value, period key) for the merchants matching `scope`; group None → one group."""
    p = _periods_table(periods)
    groups = [group] if group is not None else []
    found: dict[Key, Figures] = defaultdict(Figures)

    def key(row: Any) -> Key:
        return (row[1] if groups else None, row[0])

    width = 1 + len(groups)
    for row in _merchant_rows(scope, p, groups):
        figures = found[key(row)]
        for name, value in zip(MERCHANT_FIELDS, row[width:]):
            setattr(figures, name, int(value or 0))
        figures.tally = dict(zip(TALLY_FIELDS, (int(v or 0) for v in row[width + len(MERCHANT_FIELDS):])))
    for row in _transaction_rows(scope, p, groups):
        found[key(row)].by_method[row[width]] = [int(row[width + 1] or 0), int(row[width + 2] or 0)]
    return found
