"""Builders for the fees tests: a market with stalls, its confirmed board account, a fee, a SePay feed."""
import json
from dataclasses import dataclass
from typing import Any

from market.core.clock import today
from market.feeds.services import create_feed_from_cli
from market.fees.models import FeeKind, MarketPayee
from market.fees.periods import month_of
from market.places.models import Market, Village
from merchants.models import Merchant
from tests import factories
from tests.feeds.samples import local_now, sample, url

BOARD_ACCOUNT = "0123499999"  # the account number of SePay's documented sample


@dataclass
class Place:
    """A market of a village, its stalls, and who runs it."""

    village: Village
    market: Market
    stalls: list[Merchant]
    board: dict[str, str]


def this_month() -> str:
    """The current month, YYYY-MM (Viet Nam)."""
    return month_of(today())


def place(db: Any, stalls: int = 3) -> Place:
    """A market with `stalls` active merchants at stalls A1, A2, … and the board's (village head's) token."""
    village = factories.village()
    market = factories.market(village)
    rows = [factories.merchant(village, market_id=market.id, stall_number=f"A{n}") for n in range(1, stalls + 1)]
    db.session.commit()
    return Place(village, market, rows, factories.auth_headers("village_head", village=village))


def confirmed_payee(db: Any, market: Market, account_number: str = BOARD_ACCOUNT) -> MarketPayee:
    """The board's account, already confirmed by a second person."""
    row = MarketPayee(market_id=market.id, bin="970436", account_number=account_number,
                      holder_name="BAN QUAN LY CHO LAC DAO", status="active", changed_by="test")
    db.session.add(row)
    db.session.commit()
    return row


def fee(db: Any, market: Market, amount: int = 150_000, **fields: Any) -> FeeKind:
    """A monthly stall fee in force since the first of this month."""
    values: dict[str, Any] = {"name": "Phí chợ", "code": "A", "period": "month", "amount": amount,
                              "starts_on": today().replace(day=1), "created_by": "test"}
    values.update(fields)
    row = FeeKind(market_id=market.id, **values)
    db.session.add(row)
    db.session.commit()
    return row


def run(client: Any, place_row: Place, period: str | None = None) -> Any:
    """POST the bill run of a month (this one by default)."""
    return client.post(f"/api/v1/markets/{place_row.market.id}/bills", json={"period": period or this_month()},
                       headers=place_row.board)


def bills(client: Any, place_row: Place, period: str | None = None) -> list[dict[str, Any]]:
    """The month's bills as the API lists them."""
    answer = client.get(f"/api/v1/markets/{place_row.market.id}/bills?period={period or this_month()}",
                        headers=place_row.board)
    assert answer.status_code == 200, answer.json
    return answer.json


def sepay_feed(db: Any, name: str = "sepay-cho") -> str:
    """A SePay feed; returns its API key."""
    _, key = create_feed_from_cli(name, "sepay", None, None)
    db.session.commit()
    return key


def sepay_credit(client: Any, key: str, amount: int, content: str, ident: int,
                 account_number: str = BOARD_ACCOUNT, name: str = "sepay-cho") -> Any:
    """SePay's documented delivery, to the board's account, with this amount, memo and id."""
    body = sample("sepay")
    body.update({"id": ident, "accountNumber": account_number, "transferAmount": amount, "content": content,
                 "transactionDate": local_now(), "referenceCode": f"FT{ident}"})
    return client.post(url(name), data=json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Apikey {key}"})


def matrix_payee(market: Market, status: str = "active") -> MarketPayee:
    """The board account of a role-matrix market (entered by someone else), created once."""
    from market.core.extensions import db

    row = db.session.query(MarketPayee).filter_by(market_id=market.id).one_or_none()
    if row is None:
        row = MarketPayee(market_id=market.id, bin="970436", account_number="0123400001",
                          holder_name="BAN QUAN LY CHO", status=status, changed_by="someone-else")
        db.session.add(row)
    row.status = status
    db.session.commit()
    return row


def matrix_bill(market: Market, merchant: Merchant) -> int:
    """A fresh unpaid bill of the merchant at the market (each cash receipt pays one)."""
    import secrets

    from market.core.extensions import db
    from market.fees.models import Bill

    matrix_payee(market)
    kind = fee(db, market, name=f"Phí {secrets.token_hex(3)}", code=secrets.token_hex(2)[:3].upper())
    row = Bill(market_id=market.id, merchant_id=merchant.id, fee_id=kind.id, period=this_month(), stall="A1",
               amount=10_000, payment_code=f"PHIT{secrets.token_hex(4).upper()}", share_token=secrets.token_urlsafe(16))
    db.session.add(row)
    db.session.commit()
    return row.id


def matrix_credit(market: Market) -> int:
    """A fresh credit to the board's account that named no bill."""
    import secrets

    from market.core.dbtypes import utcnow
    from market.core.extensions import db
    from market.fees.models import FeeCredit

    row = FeeCredit(market_id=market.id, source="feed", account_number="0123400001", amount=10_000,
                    content="chuyen tien", reference=secrets.token_hex(6), occurred_at=utcnow(), status="open")
    db.session.add(row)
    db.session.commit()
    return row.id
