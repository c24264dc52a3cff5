"""`seed-demo`: build the demo village from market.demo.data; running it again changes nothing."""
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from market.auth.models import User
from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.extensions import db
from market.demo import data
from market.demo.sales import seed_sales
from market.places.models import Market, Street, Village
from market.stats.indicators import seed_indicators
from merchants.models import Merchant, OcopProduct, PaymentAccount
from merchants.ocop.services import expiry
from merchants.text import holder_name, search_text

ACTOR = "system:seed-demo"
SEEDER = Principal(role="admin", label=ACTOR)


def _get_or_add(model: type, counts: dict[str, int], defaults: dict[str, Any] | None = None, **keys: Any) -> Any:
    row = db.session.scalar(select(model).filter_by(**keys))
    if row is None:
        row = model(**keys, **(defaults or {}))
        db.session.add(row)
        db.session.flush()
        counts[model.__tablename__] = counts.get(model.__tablename__, 0) + 1
    return row


def _places(counts: dict[str, int]) -> tuple[dict[str, Village], Market, Street]:
    villages = {name: _get_or_add(Village, counts, name=name, commune_code=data.COMMUNE) for name in data.VILLAGES}
    market = _get_or_add(Market, counts, {"village_id": villages[data.VILLAGES[1]].id},
                         name=data.MARKET, commune_code=data.COMMUNE)
    street = _get_or_add(Street, counts, {"village_id": villages[data.VILLAGES[0]].id},
                         name=data.STREET, commune_code=data.COMMUNE)
    return villages, market, street


def _merchant(spec: dict[str, Any], villages: dict[str, Village], market: Market, street: Street,
              counts: dict[str, int]) -> Merchant:
    n = spec["n"]
    defaults = {"owner_name": spec["owner_name"], "phone": data.phone(n), "category": spec["category"],
                "search_text": search_text(spec["display_name"], spec["owner_name"]), "status": "active",
                "status_changed_by": ACTOR, "is_ocop": spec.get("is_ocop", False), "consent_public": n % 4 == 0}
    # Registered and approved 200 days ago, so the months of demo sales count them as active.
    defaults["created_at"] = defaults["status_changed_at"] = utcnow() - timedelta(days=200)
    if "stall_number" in spec:
        defaults.update(market_id=market.id, stall_number=spec["stall_number"])
    if "house_number" in spec:
        defaults.update(street_id=street.id, house_number=spec["house_number"])
    return _get_or_add(Merchant, counts, defaults, display_name=spec["display_name"],
                       village_id=villages[spec["village"]].id)


def _account(merchant: Merchant, n: int, counts: dict[str, int]) -> None:
    bin_, number = data.BINS[n % len(data.BINS)], data.account_number(n)
    before = counts.get("payment_account", 0)
    account = _get_or_add(PaymentAccount, counts, {
        "merchant_id": merchant.id, "holder_name": holder_name(merchant.owner_name), "status": "active",
        "is_primary": True, "verified_at": utcnow(), "verified_by": ACTOR, "changed_by": ACTOR,
        # Stalls got their QR over the last months, so the trend chart shows adoption growing.
        "created_at": utcnow() - timedelta(days=20 + (n * 37) % 160),
    }, bin=bin_, account_number=number)
    if counts.get("payment_account", 0) > before:
        record(SEEDER, "account.add", "payment_account", account.id,
               after={"bin": bin_, "account_number": number},
               commune_code=data.COMMUNE)


def _product(merchant: Merchant, n: int, counts: dict[str, int]) -> None:
    spec = data.product(n)
    certificate = spec.pop("certificate_number")
    _get_or_add(OcopProduct, counts, {**spec, "merchant_id": merchant.id, "expires_on": expiry(spec["issued_on"])},
                certificate_number=certificate)


def _users(villages: dict[str, Village], first_stall: Merchant, counts: dict[str, int]) -> None:
    password = None
    for username, display_name, role, village_name in data.USERS:
        if db.session.scalar(select(User.id).filter_by(username=username)) is not None:
            continue
        password = password or generate_password_hash(data.PASSWORD)
        village = villages.get(village_name or "")
        _get_or_add(User, counts, {
            "display_name": display_name, "password_hash": password, "role": role,
            "commune_code": None if role == "admin" else data.COMMUNE,
            "village_id": village.id if village and role == "village_head" else None,
            "merchant_id": first_stall.id if role == "merchant" else None}, username=username)


def seed_demo() -> dict[str, int]:
    """Create whatever of the demo village is missing; returns rows added per table."""
    counts: dict[str, int] = {}
    villages, market, street = _places(counts)
    first_stall = None
    for spec in data.merchants():
        merchant = _merchant(spec, villages, market, street, counts)
        first_stall = first_stall or merchant
        if data.has_qr(spec["n"]):
            _account(merchant, spec["n"], counts)
        if spec.get("is_ocop"):
            _product(merchant, spec["n"], counts)
    if first_stall is not None:
        _users(villages, first_stall, counts)
    db.session.flush()
    counts.update(seed_sales(db.session, data.COMMUNE))
    counts.update({key: n for key, n in seed_indicators().items() if n})
    return counts
