"""A random (seeded) village dataset shared by the statistics tests, kept also as plain rows."""
import random
from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from market.core.extensions import db
from merchants.models import AccountStatusChange, OcopProduct
from tests import factories
from tests.stats.expected import DAY, HCM, Raw

METHODS = ("vietqr", "bank_transfer", "ewallet", "card", "cash")


def _moment(rng: random.Random) -> datetime:
    """A local time between 50 days before DAY and 5 after, often right before or after midnight."""
    day = DAY + timedelta(days=rng.randint(-50, 5))
    clock = rng.choice([time(23, 30), time(0, 15), time(rng.randint(6, 20), rng.randint(0, 59))])
    return datetime.combine(day, clock, HCM).astimezone(timezone.utc)


def _merchant(rng, raw, village, market, street):
    status = rng.choices(["active", "suspended", "pending", "closed"], [7, 1, 1, 1])[0]
    created = datetime.combine(DAY + timedelta(days=rng.choice([-200, -60, -5, 0, 1, 3])), time(8), HCM)
    place = rng.choice(["market", "street", "none"])
    row = factories.merchant(village, status=status, is_ocop=rng.random() < 0.3,
                             market_id=market.id if place == "market" else None,
                             street_id=street.id if place == "street" else None,
                             created_at=created.astimezone(timezone.utc))
    history = [(row.created_at, status)]
    if rng.random() < 0.4:  # approved, suspended or closed later: before, around or after the days looked at
        later = (created + timedelta(days=rng.choice([1, 20, 55, 58, 61]), hours=rng.choice([0, 15]))).astimezone(
            timezone.utc)
        row.status = rng.choice([s for s in ("active", "suspended", "closed") if s != status])
        row.status_changed_at = later
        db.session.flush()
        history.append((later, row.status))
    raw.merchants.append({"id": row.id, "history": history, "is_ocop": row.is_ocop,
                          "village_id": village.id, "market_id": row.market_id, "street_id": row.street_id})
    return row


def _accounts(rng, raw, merchant):
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        status = rng.choice(["active", "active", "pending", "disabled"])
        created = datetime.combine(DAY + timedelta(days=rng.choice([-90, -1, 0, 2])), time(23, 50), HCM)
        row = factories.account(merchant, status=status, is_primary=False, created_at=created.astimezone(timezone.utc))
        history = [(row.created_at, status)]
        if rng.random() < 0.4:  # confirmed, changed (back to pending) or removed later
            later = row.created_at + timedelta(days=rng.choice([1, 45, 89, 92]))
            row.status = rng.choice([s for s in ("active", "pending", "removed") if s != status])
            db.session.flush()
            # The change is logged at "now"; move it back to when it happened in this story.
            logged = db.session.scalars(select(AccountStatusChange).filter_by(account_id=row.id)
                                        .order_by(AccountStatusChange.id.desc()).limit(1)).one()
            logged.changed_at = later
            history.append((later, row.status))
        raw.accounts.append({"merchant_id": merchant.id, "history": history})


def _sales(rng, raw, merchant):
    for _ in range(rng.randint(0, 8)):
        sale = factories.stats_transaction(merchant, rng.randint(1, 500) * 1000, rng.choice(METHODS),
                                           occurred_at=_moment(rng))
        raw.transactions.append({"merchant_id": merchant.id, "method": sale.method, "amount": sale.amount,
                                 "local_day": sale.local_day, "reverses": False})
        if rng.random() < 0.2:
            back = factories.stats_reversal(sale)
            raw.transactions.append({"merchant_id": merchant.id, "method": back.method, "amount": back.amount,
                                     "local_day": back.local_day, "reverses": True})


def _tallies(rng, raw, merchant):
    for offset in rng.sample(range(-40, 3), rng.choice([0, 0, 2, 5])):
        cash = (rng.randint(0, 20), rng.randint(0, 3000) * 1000)
        cashless = rng.choice([(0, 0), (rng.randint(1, 10), rng.randint(1, 2000) * 1000)])
        factories.stats_tally(merchant, DAY + timedelta(days=offset), cash=cash, cashless=cashless)
        raw.tallies.append({"merchant_id": merchant.id, "day": DAY + timedelta(days=offset), "cash_count": cash[0],
                            "cash_value": cash[1], "cashless_count": cashless[0], "cashless_value": cashless[1]})


def _products(rng, raw, db, merchant):
    for _ in range(rng.choice([1, 2])):
        channels = rng.choice([[], [{"name": "Postmart", "url": "https://postmart.vn/shop/vi-du"}]])
        issued = DAY - timedelta(days=rng.randint(900, 1100))
        db.session.add(OcopProduct(merchant_id=merchant.id, name="Mật ong rừng", group=1, stars=3, level="province",
                                   certificate_number="OCOP-TEST-1", issued_on=issued,
                                   expires_on=issued + timedelta(days=1096), channels=channels))
        raw.products.append({"merchant_id": merchant.id, "channels": channels})


@pytest.fixture
def village_data(db):
    """Two villages of one commune (markets, streets, ~45 merchants), with the plain rows for the oracle."""
    rng, raw = random.Random(20260302), Raw()
    factories.stats_indicators()
    places = []
    for _ in range(2):
        village = factories.village()
        market, street = factories.market(village), factories.street(village)
        places.append((village, market, street))
        for _ in range(rng.randint(18, 26)):
            merchant = _merchant(rng, raw, village, market, street)
            _accounts(rng, raw, merchant)
            _sales(rng, raw, merchant)
            _tallies(rng, raw, merchant)
            if merchant.is_ocop:
                _products(rng, raw, db, merchant)
    db.session.commit()
    return raw, places
