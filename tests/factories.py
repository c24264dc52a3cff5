"""Builders for test data; each flushes and returns the row (tests commit when a request must see it)."""
import itertools
from datetime import date, datetime
from typing import Any

from market.core.extensions import db
from market.places.models import Market, Street, Village
from market.users.tokens import issue_token
from merchants.models import Merchant, PaymentAccount

COMMUNE = "11992"  # Xã Lạc Đạo, Hưng Yên (a real code from the shipped list)
_seq = itertools.count(1)


def village(name: str | None = None, commune_code: str = COMMUNE, **fields: Any) -> Village:
    """A village (thôn) in a real commune."""
    row = Village(name=name or f"Thôn {next(_seq)}", commune_code=commune_code, **fields)
    db.session.add(row)
    db.session.flush()
    return row


def market(village_row: Village | None = None, name: str | None = None) -> Market:
    """A market under a village."""
    village_row = village_row or village()
    row = Market(name=name or f"Chợ {next(_seq)}", commune_code=village_row.commune_code, village_id=village_row.id)
    db.session.add(row)
    db.session.flush()
    return row


def street(village_row: Village | None = None, name: str | None = None) -> Street:
    """A street under a village."""
    village_row = village_row or village()
    row = Street(name=name or f"Đường {next(_seq)}", commune_code=village_row.commune_code, village_id=village_row.id)
    db.session.add(row)
    db.session.flush()
    return row


def merchant(village_row: Village | None = None, **fields: Any) -> Merchant:
    """An active merchant with a Vietnamese name."""
    village_row = village_row or village()
    n = next(_seq)
    values: dict[str, Any] = {"display_name": f"Quán Bà Hoà {n}", "owner_name": "Nguyễn Thị Hoà",
                              "phone": f"09{n:08d}", "status": "active", "village_id": village_row.id}
    values.update(fields)
    row = Merchant(**values)
    db.session.add(row)
    db.session.flush()
    return row


def account(merchant_row: Merchant, **fields: Any) -> PaymentAccount:
    """An active primary account at Vietcombank (BIN 970436) with a fictitious number."""
    values: dict[str, Any] = {"bin": "970436", "account_number": f"10{next(_seq):08d}",
                              "holder_name": "NGUYEN THI HOA", "status": "active", "is_primary": True}
    values.update(fields)
    row = PaymentAccount(merchant_id=merchant_row.id, **values)
    db.session.add(row)
    db.session.flush()
    return row


def auth_headers(role: str, *, village: Village | None = None, commune_code: str | None = None,
                 merchant: Merchant | None = None) -> dict[str, str]:
    """Authorization headers for a fresh token of `role` (committed so requests can see it)."""
    if village is not None:
        commune_code = commune_code or village.commune_code
    if merchant is not None and village is None:
        commune_code = commune_code or (merchant.village.commune_code if merchant.village else None)
    _, plain = issue_token(role, f"test-{role}", commune_code=commune_code,
                           village_id=village.id if village else None,
                           merchant_id=merchant.id if merchant else None)
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


TEST_PASSWORD = "mat-khau-thu-nghiem"
OTHER_COMMUNE = "11995"
# Builders hash with a small scrypt work factor so tests stay fast; the app hashes at full cost.
_CHEAP_SCRYPT = "scrypt:1024:8:1"


def user(role: str = "merchant", *, village: Village | None = None, commune_code: str | None = None,
         merchant: Merchant | None = None, password: str | None = TEST_PASSWORD, **fields: Any) -> "User":
    """A user of `role` scoped like the app would scope it (a merchant user gets a merchant)."""
    from werkzeug.security import generate_password_hash

    from market.auth.models import User

    if role == "merchant":
        merchant = merchant or globals()["merchant"](village)
        village = merchant.village
    if role in ("merchant", "village_head"):
        village = village or globals()["village"]()
        commune_code = village.commune_code
    if role == "commune":
        commune_code = commune_code or COMMUNE
    values: dict[str, Any] = {
        "username": f"{role.replace('_', '')}{next(_seq)}", "display_name": f"Người dùng {next(_seq)}",
        "role": role, "commune_code": commune_code if role != "admin" else None,
        "village_id": village.id if village is not None and role in ("merchant", "village_head") else None,
        "merchant_id": merchant.id if role == "merchant" and merchant is not None else None,
        "password_hash": generate_password_hash(password, method=_CHEAP_SCRYPT) if password else None,
    }
    values.update(fields)
    row = User(**values)
    db.session.add(row)
    db.session.flush()
    return row


def login(client: Any, user_row: "User", password: str = TEST_PASSWORD) -> Any:
    """Log `user_row` in through the real login form; returns the response."""
    return client.post("/auth/login", data={"username": user_row.username, "password": password})


def stats_transaction(merchant_row: Merchant, amount: int, method: str = "vietqr", *,
                      occurred_at: datetime | None = None, **fields: Any) -> "Transaction":
    """A reported sale; local_day is the Asia/Ho_Chi_Minh day of occurred_at (default: now)."""
    from datetime import timezone
    from zoneinfo import ZoneInfo

    from market.transactions.models import Transaction

    moment = occurred_at or datetime.now(timezone.utc)
    row = Transaction(merchant_id=merchant_row.id, amount=amount, method=method, occurred_at=moment,
                      local_day=moment.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date(), **fields)
    db.session.add(row)
    db.session.flush()
    return row


def stats_reversal(original: "Transaction", **fields: Any) -> "Transaction":
    """The correction of a sale: same merchant, method and day, negative amount, pointing at it."""
    from market.transactions.models import Transaction

    row = Transaction(merchant_id=original.merchant_id, amount=-original.amount, method=original.method,
                      occurred_at=original.occurred_at, local_day=original.local_day, reverses_id=original.id,
                      source=original.source, reason="Ghi nhầm", **fields)
    db.session.add(row)
    db.session.flush()
    return row


def stats_tally(merchant_row: Merchant, day: date, *, cash: tuple[int, int] = (0, 0),
                cashless: tuple[int, int] = (0, 0)) -> "DailyTally":
    """A merchant's daily tally: (count, value) of cash and of cashless sales."""
    from market.transactions.models import DailyTally

    row = DailyTally(merchant_id=merchant_row.id, day=day, cash_count=cash[0], cash_value=cash[1],
                     cashless_count=cashless[0], cashless_value=cashless[1])
    db.session.add(row)
    db.session.flush()
    return row


def stats_indicators() -> None:
    """The indicator catalogue and default targets, as `flask seed-indicators` loads them."""
    from market.stats.indicators import seed_indicators

    seed_indicators()


def product(merchant_row: Merchant, **fields: Any) -> "OcopProduct":
    """A 4-star provincial OCOP product issued on 15 March 2024."""
    from merchants.models import OcopProduct

    values: dict[str, Any] = {"name": f"Mật ong hoa nhãn {next(_seq)}", "group": 1, "stars": 4,
                              "level": "province", "certificate_number": f"OCOP-{next(_seq)}",
                              "issued_on": date(2024, 3, 15), "expires_on": date(2027, 3, 15), "channels": []}
    values.update(fields)
    row = OcopProduct(merchant_id=merchant_row.id, **values)
    db.session.add(row)
    db.session.flush()
    return row


def login_as(client: Any, user_row: "User") -> None:
    """Log `user_row` in through the real login form (the page tests' way in)."""
    response = login(client, user_row)
    assert response.status_code == 302, response.get_data(as_text=True)


def payable_merchant(village_row: Village | None = None, *, account_fields: dict[str, Any] | None = None,
                     **fields: Any) -> Merchant:
    """An active merchant with a confirmed (active) primary account, ready for a QR card."""
    row = merchant(village_row, **fields)
    account(row, **(account_fields or {}))
    return row


def card(merchant_row: Merchant, **fields: Any) -> Any:
    """A live stall card for the merchant's first account, issued by the card service."""
    from market.auth.principal import SYSTEM
    from merchants.cards import issue as cards
    from merchants.cards import qr

    primary = qr.primary_account(merchant_row)
    assert primary is not None, "card() needs a merchant with a confirmed primary account"
    row = cards.issue_card(SYSTEM, merchant_row, primary, qr.static_payload(primary))
    for key, value in fields.items():
        setattr(row, key, value)
    db.session.flush()
    return row


def webhook_integration(name: str | None = None, commune_code: str | None = None) -> tuple[Any, str]:
    """A bank-webhook integration (province-wide unless `commune_code`) and its secret."""
    from market.transactions.webhooks import create_integration

    return create_integration(name or f"bank-{next(_seq)}", commune_code)


def transaction(merchant_row: Merchant, amount: int = 50_000, method: str = "vietqr", **fields: Any) -> Any:
    """A self-reported transaction, now unless `occurred_at` is given."""
    from market.core.clock import local_day
    from market.core.dbtypes import utcnow
    from market.transactions.models import Transaction

    occurred_at = fields.pop("occurred_at", None) or utcnow()
    row = Transaction(merchant_id=merchant_row.id, amount=amount, method=method, occurred_at=occurred_at,
                      local_day=local_day(occurred_at), **fields)
    db.session.add(row)
    db.session.flush()
    return row


def unmatched_credit(account_number: str = "99990000123", **fields: Any) -> Any:
    """A pushed credit that matched no account, waiting in the review queue (status open)."""
    from market.core.dbtypes import utcnow
    from market.transactions.models import UnmatchedCredit

    integration = fields.pop("integration", None) or webhook_integration()[0]
    n = next(_seq)
    values: dict[str, Any] = {"amount": 150_000, "content": "NGUYEN VAN A chuyen tien", "reference": f"FT2606{n:07d}",
                              "occurred_at": utcnow()}
    values.update(fields)
    row = UnmatchedCredit(integration_id=integration.id, account_number=account_number, raw={}, **values)
    db.session.add(row)
    db.session.flush()
    return row
