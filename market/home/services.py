"""The work waiting for a manager: counted lists, each item linking to where it is done."""
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from market.auth.permissions import MANAGERS
from market.auth.principal import Principal
from market.core.clock import today
from market.core.extensions import db
from market.core.filters import vnd
from market.core.i18n import gettext
from market.transactions import review
from merchants import search
from merchants.models import Merchant, OcopProduct, PaymentAccount

SHOWN = 5
OCOP_WARNING_DAYS = 90


@dataclass(frozen=True)
class Item:
    """One waiting thing and where to act on it."""

    text: str
    url: str


@dataclass(frozen=True)
class Waiting:
    """One kind of waiting work: how many, the first few, and the page listing them all."""

    title: str
    count: int
    items: list[Item] = field(default_factory=list)
    all_url: str | None = None


def _count(query: Select[Any]) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def _merchants(principal: Principal, title: str, args: dict[str, Any], list_args: dict[str, Any]) -> Waiting:
    query = search.filtered(principal, args)
    rows = db.session.scalars(query.order_by(Merchant.display_name).limit(SHOWN))
    items = [Item(row.display_name, url_for("merchants.detail", merchant_id=row.id)) for row in rows]
    return Waiting(title, _count(query), items, url_for("merchants.index", **list_args))


def _in_scope(principal: Principal) -> Any:
    return search.filtered(principal, {}).with_only_columns(Merchant.id).scalar_subquery()


def _pending_accounts(principal: Principal) -> Waiting:
    query = (select(PaymentAccount).where(PaymentAccount.status == "pending",
                                          PaymentAccount.merchant_id.in_(_in_scope(principal)))
             .options(selectinload(PaymentAccount.merchant)))
    rows = db.session.scalars(query.order_by(PaymentAccount.id).limit(SHOWN))
    items = [Item(f"{row.merchant.display_name} · {row.account_number}"
                  + (gettext(" (bạn đã nhập: cần người khác)") if row.changed_by == principal.client_key else ""),
                  url_for("merchants.detail", merchant_id=row.merchant_id)) for row in rows]
    return Waiting(gettext("Tài khoản chờ người thứ hai xác nhận"), _count(query), items)


def _expiring_ocop(principal: Principal) -> Waiting:
    start = today()
    query = (select(OcopProduct).join(Merchant).where(
        Merchant.status == "active", OcopProduct.expires_on >= start,
        OcopProduct.expires_on <= start + timedelta(days=OCOP_WARNING_DAYS),
        OcopProduct.merchant_id.in_(_in_scope(principal))).options(selectinload(OcopProduct.merchant)))
    rows = db.session.scalars(query.order_by(OcopProduct.expires_on).limit(SHOWN))
    items = [Item(gettext("%(product)s (%(merchant)s) — hết hạn %(day)s", product=row.name,
                          merchant=row.merchant.display_name, day=f"{row.expires_on:%d/%m/%Y}"),
                  url_for("merchants.detail", merchant_id=row.merchant_id)) for row in rows]
    return Waiting(gettext("Chứng nhận OCOP hết hạn trong %(days)s ngày", days=OCOP_WARNING_DAYS), _count(query), items)


def _unmatched(principal: Principal) -> Waiting:
    credits = review.list_unmatched(principal, "open")
    items = [Item(f"{vnd(credit.amount)} · {credit.account_number}",
                  url_for("transactions.unmatched") + f"#khoan-{credit.id}") for credit in credits[:SHOWN]]
    return Waiting(gettext("Tiền vào chưa khớp tài khoản"), len(credits), items, url_for("transactions.unmatched"))


def waiting_work(principal: Principal) -> list[Waiting]:
    """The manager's waiting work, most urgent first; nothing for other roles."""
    if principal.role not in MANAGERS:
        return []
    scope = {"village": principal.village_id} if principal.role == "village_head" else {}
    lists = [_pending_accounts(principal),
             _merchants(principal, gettext("Hộ kinh doanh chờ duyệt"), {"status": "pending"},
                        {**scope, "status": "pending"}),
             _merchants(principal, gettext("Hộ đang hoạt động chưa có mã QR"), {"status": "active", "has_qr": False},
                        {**scope, "status": "active", "has_qr": "false"}),
             _expiring_ocop(principal)]
    if principal.role in review.REVIEWERS:
        lists.insert(1, _unmatched(principal))
    return lists
