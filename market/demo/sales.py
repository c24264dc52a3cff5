"""Sales history for the demo village, so its dashboard has months of figures to show."""
import random
from datetime import datetime, time, timedelta

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from market.core.clock import LOCAL_TZ, today
from market.places.models import Village
from market.transactions.models import DailyTally, Transaction
from merchants.models import Merchant

DAYS = 120
REFERENCE_PREFIX = "demo-"
CASHLESS = ("vietqr", "vietqr", "vietqr", "bank_transfer", "ewallet")


def _merchants_with_qr(session: Session, commune_code: str) -> list[int]:
    query = (select(Merchant.id).join(Village, Village.id == Merchant.village_id)
             .where(Village.commune_code == commune_code, Merchant.is_active, Merchant.has_active_account)
             .order_by(Merchant.id))
    return list(session.scalars(query))


def _sale(rng: random.Random, merchant_id: int, day_offset: int, n: int) -> dict[str, object]:
    day = today() - timedelta(days=day_offset)
    moment = datetime.combine(day, time(6 + rng.randrange(14), rng.randrange(60)), LOCAL_TZ)
    # Adoption grows over the months: older days are more often cash.
    cashless = rng.random() < 0.35 + 0.5 * (DAYS - day_offset) / DAYS
    return {"merchant_id": merchant_id, "amount": rng.choice((15, 20, 25, 30, 45, 60, 120)) * 1000,
            "method": rng.choice(CASHLESS) if cashless else "cash", "occurred_at": moment, "local_day": day,
            "source": "self_report", "reference": f"{REFERENCE_PREFIX}{merchant_id}-{n}",
            "created_by": "system:seed-demo"}


def seed_sales(session: Session, commune_code: str) -> dict[str, int]:
    """Add the demo sales once (a second run finds them and adds nothing)."""
    if session.scalar(select(exists().where(Transaction.reference.startswith(REFERENCE_PREFIX)))):
        return {}
    rng = random.Random(2025)
    merchants = _merchants_with_qr(session, commune_code)
    # The last few merchants keep a daily tally instead of logging each sale.
    loggers, tallying = merchants[:-5], merchants[-5:]
    rows = [_sale(rng, m, rng.randrange(1, DAYS), n) for m in loggers for n in range(rng.randrange(10, 40))]
    session.execute(insert(Transaction), rows)
    tallies = [{"merchant_id": m, "day": today() - timedelta(days=d), "cash_count": 12, "cash_value": 420_000,
                "cashless_count": 5 + d % 4, "cashless_value": 175_000} for m in tallying for d in range(1, 15)]
    session.execute(insert(DailyTally), tallies)
    return {"transaction": len(rows), "daily_tally": len(tallies)}
