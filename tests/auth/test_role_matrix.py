"""Every write endpoint × every role: allowed, or refused with 401/403 (pages: sent to log in).

A new write endpoint (POST/PUT/PATCH/DELETE under /api/v1 or a page) makes
test_every_write_endpoint_has_a_row fail until it gets one row in ROWS: how to call it on the
objects of `World` (the village "A" of commune COMMUNE), and which roles may.
"""
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from market.auth.credentials import new_setup_token
from market.users.tokens import issue_token
from tests import factories
from tests.factories import COMMUNE, OTHER_COMMUNE

ROLES = ("public", "merchant", "village_head_other", "village_head", "commune_other", "commune", "admin")
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"public"}
MANAGERS_OF_A = frozenset({"village_head", "commune", "admin"})
COMMUNE_OF_A = frozenset({"commune", "admin"})
ADMIN = frozenset({"admin"})
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class World:
    """Village A (with a merchant), village B in the same commune, one user per role."""

    def __init__(self) -> None:
        self.village = factories.village()
        self.other_village = factories.village()
        self.merchant = factories.merchant(self.village)
        self.market = factories.market(self.village)
        self.street = factories.street(self.village)
        self.merchant_user = factories.user("merchant", merchant=self.merchant)
        self.users = {
            "merchant": self.merchant_user,
            "village_head": factories.user("village_head", village=self.village),
            "village_head_other": factories.user("village_head", village=self.other_village),
            "commune": factories.user("commune", commune_code=COMMUNE),
            "commune_other": factories.user("commune", commune_code=OTHER_COMMUNE),
            "admin": factories.user("admin"),
        }
        self._seq = itertools.count(1)
        factories.db.session.commit()

    def fresh(self, prefix: str) -> str:
        return f"{prefix} {next(self._seq)}"

    def new_merchant_id(self) -> int:
        merchant = factories.merchant(self.village)
        factories.db.session.commit()
        return merchant.id

    def new_token_id(self) -> int:
        token, _ = issue_token("village_head", "victim", commune_code=COMMUNE, village_id=self.village.id)
        factories.db.session.commit()
        return token.id

    def new_setup_token(self) -> str:
        user = factories.user("merchant", village=self.village, password=None)
        token, _ = new_setup_token(user)
        factories.db.session.commit()
        return token

    def token_headers(self, role: str) -> dict[str, str]:
        if role == "public":
            return {}
        user = self.users[role]
        _, plain = issue_token(user.role, role, commune_code=user.commune_code, village_id=user.village_id,
                               merchant_id=user.merchant_id)
        factories.db.session.commit()
        return {"Authorization": f"Bearer {plain}"}


@dataclass(frozen=True)
class Row:
    """How to call one endpoint, and who may."""

    call: Callable[[World], tuple[str, dict[str, Any]]]
    allowed: frozenset[str]
    also_fine: frozenset[int] = field(default_factory=frozenset)  # statuses an allowed caller may get
    hidden: bool = False  # refused callers get the 404 of an unknown id, so they learn nothing


PASSWORD = "mat-khau-moi-123"


def _sale_id(world: "World") -> int:
    """A fresh sale of the merchant of village A (each reversal needs its own)."""
    row = factories.transaction(world.merchant)
    factories.db.session.commit()
    return row.id


def _helper(world: "World") -> tuple[int, str]:
    """(id, one-time link secret) of a fresh read-only helper of the merchant of village A."""
    from market.auth import viewers

    helper, secret = viewers.create(world.merchant.id, world.fresh("Người nhà"), "test")
    factories.db.session.commit()
    return helper.id, secret


def _statement(world: "World", *, page: bool = False) -> dict[str, Any]:
    """A one-line statement upload for a fresh account of the merchant of village A."""
    account = factories.account(world.merchant)
    factories.db.session.commit()
    content = f"Ngày giao dịch,Ghi có,Số tham chiếu\n{date.today():%d/%m/%Y},50000,RM-1\n".encode()
    data = {"account_id": str(account.id), "file": (io.BytesIO(content), "saoke.csv")}
    return {"data": {**data, "action": "dry_run"} if page else data, "content_type": "multipart/form-data"}


def _open_credit(world: "World") -> int:
    """A fresh bank credit in the review queue (each assignment or dismissal closes one)."""
    row = factories.unmatched_credit()
    factories.db.session.commit()
    return row.id


def _dismissed_credit(world: "World") -> int:
    """A fresh bank credit someone dismissed (each reopening puts one back in the queue)."""
    row = factories.unmatched_credit(status="dismissed", reason="Chuyển thử")
    factories.db.session.commit()
    return row.id


def _assigned_credit(world: "World") -> int:
    """A fresh bank credit an admin assigned to the merchant of village A (each undo reverses its sale)."""
    from market.auth.principal import SYSTEM
    from market.transactions import review

    credit_id = _open_credit(world)
    review.assign(SYSTEM, credit_id, _account_id(world))
    factories.db.session.commit()
    return credit_id


def _assign_credit(world: "World", *, page: bool = False) -> tuple[str, dict[str, Any]]:
    """Assign a fresh credit to the account of the merchant of village A (commune COMMUNE)."""
    account_id = _account_id(world)
    if page:
        return f"/ban-hang/tien-vao-chua-khop/{_open_credit(world)}/gan", {"data": {"account_id": str(account_id),
                                                                                     "confirmed": "1"}}
    return f"/api/v1/webhooks/unmatched/{_open_credit(world)}/assign", {"json": {"account_id": account_id}}


def _feed(world: "World", provider: str = "sepay", commune_code: str | None = None) -> Any:
    """A fresh bank feed (province-wide unless `commune_code`)."""
    from market.feeds.services import create_feed_from_cli

    feed, _ = create_feed_from_cli(world.fresh("feed").replace(" ", "-"), provider, commune_code,
                                   "issued-key-123456" if provider == "payos" else None)
    factories.db.session.commit()
    return feed


def _queued_delivery(world: "World") -> int:
    """A delivery of a province-wide feed, queued, whose account is now the merchant of A's: replay records it."""
    from market.feeds.models import FeedDelivery

    feed = _feed(world)
    account = factories.account(world.merchant)
    credit = factories.unmatched_credit(account.account_number, integration=feed.integration)
    line = FeedDelivery(feed_id=feed.id, outcome="queued", status_code=200, unmatched_id=credit.id)
    factories.db.session.add(line)
    factories.db.session.commit()
    return line.id


def _with_indicators(url: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Statistics writes need the indicator catalogue (seeded idempotently)."""
    factories.stats_indicators()
    factories.db.session.commit()
    return url, kwargs


def _own_target(url: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Resetting a target needs the commune's own street acceptance target to exist."""
    from market.stats.models import Target

    factories.stats_indicators()
    if not factories.db.session.query(Target).filter_by(commune_code=COMMUNE, scope_kind="street",
                                                        indicator_code="acceptance_rate").count():
        factories.db.session.add(Target(commune_code=COMMUNE, scope_kind="street",
                                        indicator_code="acceptance_rate", value=0.9, set_by="test"))
    factories.db.session.commit()
    return url, kwargs


SELLERS_OF_A = MANAGERS_OF_A | {"merchant"}
MERCHANT = frozenset({"merchant"})
# An open credit names no place, so any commune officer may dismiss it; assigning needs an account in scope.
COMMUNE_OFFICERS = frozenset({"commune", "commune_other", "admin"})

ROWS: dict[tuple[str, str], Row] = {
    # transactions (the bank webhook is signed, not role-based: no role may call it unsigned)
    ("POST", "/api/v1/transactions"): Row(
        lambda w: ("/api/v1/transactions", {"json": {"merchant_id": w.merchant.id, "amount": 20_000,
                                                     "method": "cash"}}), SELLERS_OF_A),
    ("POST", "/api/v1/transactions/<int:transaction_id>/reverse"): Row(
        lambda w: (f"/api/v1/transactions/{_sale_id(w)}/reverse", {"json": {"reason": "Nhập nhầm"}}), SELLERS_OF_A,
        hidden=True),
    ("POST", "/api/v1/tallies"): Row(
        lambda w: ("/api/v1/tallies", {"json": {"merchant_id": w.merchant.id, "day": date.today().isoformat(),
                                                "cash_count": 1, "cash_value": 5_000, "cashless_count": 0,
                                                "cashless_value": 0}}), SELLERS_OF_A),
    ("POST", "/api/v1/statement-imports"): Row(lambda w: ("/api/v1/statement-imports", _statement(w)), SELLERS_OF_A),
    ("POST", "/api/v1/webhooks/bank"): Row(lambda w: ("/api/v1/webhooks/bank", {"json": {}}), frozenset()),
    ("POST", "/api/v1/vietqr/decode"): Row(lambda w: ("/api/v1/vietqr/decode", {"json": {"payload": "000201"}}),
                                           EVERYONE),
    # bank feeds: receivers authenticate the provider's way, so no role's token opens them
    ("POST", "/api/v1/feeds/<name>"): Row(lambda w: (f"/api/v1/feeds/{_feed(w).name}", {"json": {}}), frozenset()),
    ("POST", "/api/v1/feeds/<name>/api/token_generate"): Row(
        lambda w: (f"/api/v1/feeds/{_feed(w, 'vietqr_vn').name}/api/token_generate", {}), frozenset()),
    ("POST", "/api/v1/feeds/<name>/bank/api/transaction-sync"): Row(
        lambda w: (f"/api/v1/feeds/{_feed(w, 'vietqr_vn').name}/bank/api/transaction-sync", {"json": {}}),
        frozenset()),
    ("POST", "/api/v1/feeds"): Row(
        lambda w: ("/api/v1/feeds", {"json": {"name": w.fresh("f").replace(" ", "-"), "provider": "sepay"}}), ADMIN),
    ("POST", "/api/v1/feeds/<int:feed_id>/rotate"): Row(
        lambda w: (f"/api/v1/feeds/{_feed(w).id}/rotate", {"json": {}}), ADMIN),
    ("POST", "/api/v1/feeds/<int:feed_id>/disable"): Row(
        lambda w: (f"/api/v1/feeds/{_feed(w).id}/disable", {"json": {"reason": "Đổi nhà cung cấp"}}), ADMIN),
    ("POST", "/api/v1/feeds/deliveries/<int:delivery_id>/replay"): Row(
        lambda w: (f"/api/v1/feeds/deliveries/{_queued_delivery(w)}/replay", {}), COMMUNE_OF_A),
    ("POST", "/nguon-tien-vao/"): Row(
        lambda w: ("/nguon-tien-vao/", {"data": {"name": w.fresh("f").replace(" ", "-"), "provider": "sepay"}}),
        ADMIN),
    ("POST", "/nguon-tien-vao/<int:feed_id>/doi-khoa"): Row(
        lambda w: (f"/nguon-tien-vao/{_feed(w).id}/doi-khoa", {}), ADMIN),
    ("POST", "/nguon-tien-vao/<int:feed_id>/tat"): Row(
        lambda w: (f"/nguon-tien-vao/{_feed(w).id}/tat", {"data": {"reason": "Đổi nhà cung cấp"}}), ADMIN),
    ("POST", "/nguon-tien-vao/nhat-ky/<int:delivery_id>/phat-lai"): Row(
        lambda w: (f"/nguon-tien-vao/nhat-ky/{_queued_delivery(w)}/phat-lai", {}), COMMUNE_OF_A),
    ("POST", "/api/v1/webhooks/unmatched/<int:credit_id>/assign"): Row(_assign_credit, COMMUNE_OF_A),
    ("POST", "/api/v1/webhooks/unmatched/<int:credit_id>/dismiss"): Row(
        lambda w: (f"/api/v1/webhooks/unmatched/{_open_credit(w)}/dismiss", {"json": {"reason": "Chuyển thử"}}),
        COMMUNE_OFFICERS),
    ("POST", "/ban-hang/tien-vao-chua-khop/<int:credit_id>/gan"): Row(
        lambda w: _assign_credit(w, page=True), COMMUNE_OF_A),
    ("POST", "/api/v1/webhooks/unmatched/<int:credit_id>/reopen"): Row(
        lambda w: (f"/api/v1/webhooks/unmatched/{_dismissed_credit(w)}/reopen", {"json": {"reason": "Tìm ra hộ"}}),
        COMMUNE_OFFICERS),
    ("POST", "/ban-hang/tien-vao-chua-khop/<int:credit_id>/mo-lai"): Row(
        lambda w: (f"/ban-hang/tien-vao-chua-khop/{_dismissed_credit(w)}/mo-lai", {"data": {"reason": "Tìm ra hộ"}}),
        COMMUNE_OFFICERS),
    ("POST", "/ban-hang/tien-vao-chua-khop/<int:credit_id>/go-gan"): Row(
        lambda w: (f"/ban-hang/tien-vao-chua-khop/{_assigned_credit(w)}/go-gan",
                   {"data": {"reason": "Gán nhầm", "confirmed": "1"}}), COMMUNE_OF_A),
    ("POST", "/ban-hang/tien-vao-chua-khop/<int:credit_id>/bo-qua"): Row(
        lambda w: (f"/ban-hang/tien-vao-chua-khop/{_open_credit(w)}/bo-qua", {"data": {"reason": "Chuyển thử"}}),
        COMMUNE_OFFICERS),
    ("POST", "/ban-hang/"): Row(
        lambda w: ("/ban-hang/", {"data": {"amount": "20.000", "method": "cash", "idempotency_key": w.fresh("k")
                                           .replace(" ", "-")}}), MERCHANT),
    ("POST", "/ban-hang/tong-ngay"): Row(
        lambda w: ("/ban-hang/tong-ngay", {"data": {"day": date.today().isoformat(), "cash_count": "1",
                                                    "cash_value": "5000"}}), MERCHANT),
    ("POST", "/ban-hang/sao-ke"): Row(lambda w: ("/ban-hang/sao-ke", _statement(w, page=True)), MERCHANT),
    # the money screen's read-only helpers
    ("POST", "/tien-ve/nguoi-xem"): Row(lambda w: ("/tien-ve/nguoi-xem", {"data": {"name": w.fresh("Con")}}), MERCHANT),
    ("POST", "/tien-ve/nguoi-xem/<int:viewer_id>/thu-hoi"): Row(
        lambda w: (f"/tien-ve/nguoi-xem/{_helper(w)[0]}/thu-hoi", {}), MERCHANT),
    # Whoever holds the one-time link may use it (the merchant hands it over): anyone, once.
    ("POST", "/tien-ve/xem/<secret>"): Row(lambda w: (f"/tien-ve/xem/{_helper(w)[1]}", {}), EVERYONE),
    # places
    ("POST", "/api/v1/villages"): Row(
        lambda w: ("/api/v1/villages", {"json": {"name": w.fresh("Thôn"), "commune_code": COMMUNE}}), COMMUNE_OF_A),
    ("PATCH", "/api/v1/villages/<int:village_id>"): Row(
        lambda w: (f"/api/v1/villages/{w.village.id}", {"json": {"name": w.fresh("Thôn A")}}), MANAGERS_OF_A),
    ("POST", "/api/v1/markets"): Row(
        lambda w: ("/api/v1/markets", {"json": {"name": w.fresh("Chợ"), "village_id": w.village.id}}), MANAGERS_OF_A),
    ("PATCH", "/api/v1/markets/<int:place_id>"): Row(
        lambda w: (f"/api/v1/markets/{w.market.id}", {"json": {"name": w.fresh("Chợ A")}}), MANAGERS_OF_A),
    ("POST", "/api/v1/streets"): Row(
        lambda w: ("/api/v1/streets", {"json": {"name": w.fresh("Đường"), "village_id": w.village.id}}),
        MANAGERS_OF_A),
    ("PATCH", "/api/v1/streets/<int:place_id>"): Row(
        lambda w: (f"/api/v1/streets/{w.street.id}", {"json": {"name": w.fresh("Đường A")}}), MANAGERS_OF_A),
    # accounts and tokens
    ("POST", "/api/v1/users"): Row(
        lambda w: ("/api/v1/users", {"json": {"role": "merchant", "username": w.fresh("tk").replace(" ", "."),
                                              "display_name": "Bà Tư", "merchant_id": w.new_merchant_id()}}),
        MANAGERS_OF_A),
    ("PATCH", "/api/v1/users/<int:user_id>"): Row(
        lambda w: (f"/api/v1/users/{w.merchant_user.id}", {"json": {"display_name": w.fresh("Bà Năm")}}),
        MANAGERS_OF_A),
    ("POST", "/api/v1/users/<int:user_id>/setup-link"): Row(
        lambda w: (f"/api/v1/users/{w.merchant_user.id}/setup-link", {}), MANAGERS_OF_A),
    ("POST", "/api/v1/tokens"): Row(lambda w: ("/api/v1/tokens", {"json": {"name": "POS", "role": "village_head",
                                                                      "village_id": w.village.id}}), ADMIN),
    ("DELETE", "/api/v1/tokens/<int:token_id>"): Row(lambda w: (f"/api/v1/tokens/{w.new_token_id()}", {}), ADMIN),
    # pages
    ("POST", "/auth/login"): Row(
        lambda w: ("/auth/login", {"data": {"username": w.merchant_user.username, "password": "sai-mat-khau"}}),
        EVERYONE),
    ("POST", "/auth/logout"): Row(lambda w: ("/auth/logout", {}), EVERYONE),
    ("POST", "/auth/set-password/<token>"): Row(  # a mismatch: reaches the form without a full-cost hash
        lambda w: (f"/auth/set-password/{w.new_setup_token()}", {"data": {"password": PASSWORD, "confirm": "x"}}),
        EVERYONE, frozenset({422})),
    ("POST", "/auth/password"): Row(
        lambda w: ("/auth/password", {"data": {"current_password": "sai-mat-khau", "password": PASSWORD,
                                               "confirm": PASSWORD}}), LOGGED_IN, frozenset({422})),
    ("POST", "/users/"): Row(
        lambda w: ("/users/", {"data": {"role": "merchant", "username": w.fresh("trang").replace(" ", "."),
                                        "display_name": "Bà Sáu", "merchant_id": str(w.new_merchant_id())}}),
        MANAGERS_OF_A),
    ("POST", "/users/<int:user_id>/setup-link"): Row(
        lambda w: (f"/users/{w.merchant_user.id}/setup-link", {}), MANAGERS_OF_A),
    # statistics: targets (commune) and survey figures (village)
    ("PUT", "/api/v1/stats/targets/<commune>/<scope_kind>/<indicator>"): Row(
        lambda w: _with_indicators(f"/api/v1/stats/targets/{COMMUNE}/street/acceptance_rate",
                                   {"json": {"value": 0.75}}), COMMUNE_OF_A),
    ("DELETE", "/api/v1/stats/targets/<commune>/<scope_kind>/<indicator>"): Row(
        lambda w: _own_target(f"/api/v1/stats/targets/{COMMUNE}/street/acceptance_rate", {}), COMMUNE_OF_A),
    ("POST", "/stats/targets/<commune>/reset"): Row(
        lambda w: _own_target(f"/stats/targets/{COMMUNE}/reset",
                              {"data": {"target": "target__street__acceptance_rate"}}), COMMUNE_OF_A),
    ("PUT", "/api/v1/stats/survey/<int:village_id>/<indicator>/<period>"): Row(
        lambda w: _with_indicators(f"/api/v1/stats/survey/{w.village.id}/smartphone_share/2026-01",
                                   {"json": {"value": 0.5}}), MANAGERS_OF_A),
    ("POST", "/stats/targets/<commune>"): Row(
        lambda w: _with_indicators(f"/stats/targets/{COMMUNE}", {"data": {"target__market__activity_rate": "55"}}),
        COMMUNE_OF_A),
    ("POST", "/stats/survey/<int:village_id>"): Row(
        lambda w: _with_indicators(f"/stats/survey/{w.village.id}",
                                   {"data": {"period": "2026-01", "survey__zalo_household_share": "81,5"}}),
        MANAGERS_OF_A),
    # stall cards and the public QR check
    ("POST", "/api/v1/merchants/<int:merchant_id>/cards"): Row(
        lambda w: (f"/api/v1/merchants/{_payable(w.merchant)}/cards", {}), MANAGERS_OF_A | {"merchant"}),
    ("POST", "/verify"): Row(lambda w: ("/verify", {"data": {"payload": "not a QR"}}), EVERYONE),
}


MERCHANT_AND_MANAGERS = MANAGERS_OF_A | {"merchant"}
PRODUCT = {"name": "Mật ong hoa nhãn", "group": 1, "stars": 4, "level": "province",
           "certificate_number": "12/QĐ", "issued_on": "2024-03-15"}
IMPORT_CSV = "Tên cơ sở,Chủ hộ\r\nSạp Rau Cô Hạnh,Phạm Thị Hạnh\r\n".encode("utf-8-sig")


def _account_id(w: World, **fields: Any) -> int:
    account = factories.account(w.merchant, is_primary=False, account_number=str(10**9 + next(w._seq)), **fields)
    factories.db.session.commit()
    return account.id


def _removed_account_id(w: World) -> int:
    return _account_id(w, status="removed")


def _product_id(w: World) -> int:
    product = factories.product(w.merchant)
    factories.db.session.commit()
    return product.id


def _new_account(w: World) -> dict[str, Any]:
    return {"bin": "970436", "account_number": str(2 * 10**9 + next(w._seq)), "holder_name": "Phạm Thị Hạnh"}


def _merchant_url(w: World, rest: str = "") -> str:
    return f"/api/v1/merchants/{w.merchant.id}{rest}"


MERCHANT_ROWS: dict[tuple[str, str], Row] = {
    ("POST", "/api/v1/merchants"): Row(lambda w: ("/api/v1/merchants", {"json": {
        "display_name": w.fresh("Quán"), "owner_name": "Lê Thị Lan", "village_id": w.village.id}}), MANAGERS_OF_A),
    ("PATCH", "/api/v1/merchants/<int:merchant_id>"): Row(
        lambda w: (_merchant_url(w), {"json": {"display_name": w.fresh("Quán A")}}), MERCHANT_AND_MANAGERS),
    ("POST", "/api/v1/merchants/<int:merchant_id>/status"): Row(
        lambda w: (f"/api/v1/merchants/{w.new_merchant_id()}/status", {"json": {"status": "suspended"}}),
        MANAGERS_OF_A),
    ("POST", "/api/v1/merchants/import"): Row(lambda w: ("/api/v1/merchants/import", {"data": {
        "village_id": str(w.village.id), "dry_run": "true", "file": (io.BytesIO(IMPORT_CSV), "ds.csv")}}),
        MANAGERS_OF_A),
    ("POST", "/api/v1/merchants/<int:merchant_id>/accounts"): Row(
        lambda w: (_merchant_url(w, "/accounts"), {"json": _new_account(w)}), MERCHANT_AND_MANAGERS),
    ("PATCH", "/api/v1/merchants/<int:merchant_id>/accounts/<int:account_id>"): Row(
        lambda w: (_merchant_url(w, f"/accounts/{_account_id(w)}"), {"json": {"holder_name": "Lê Thị Lan"}}),
        MERCHANT_AND_MANAGERS),
    ("DELETE", "/api/v1/merchants/<int:merchant_id>/accounts/<int:account_id>"): Row(
        lambda w: (_merchant_url(w, f"/accounts/{_account_id(w)}"), {}), MERCHANT_AND_MANAGERS),
    ("POST", "/api/v1/merchants/<int:merchant_id>/accounts/<int:account_id>/confirm"): Row(
        lambda w: (_merchant_url(w, f"/accounts/{_account_id(w, status='pending', changed_by='token:0')}/confirm"),
                   {}), MANAGERS_OF_A),
    ("POST", "/api/v1/merchants/<int:merchant_id>/products"): Row(
        lambda w: (_merchant_url(w, "/products"), {"json": PRODUCT}), MERCHANT_AND_MANAGERS),
    ("PATCH", "/api/v1/merchants/<int:merchant_id>/products/<int:product_id>"): Row(
        lambda w: (_merchant_url(w, f"/products/{_product_id(w)}"), {"json": {"stars": 3}}), MERCHANT_AND_MANAGERS),
    ("DELETE", "/api/v1/merchants/<int:merchant_id>/products/<int:product_id>"): Row(
        lambda w: (_merchant_url(w, f"/products/{_product_id(w)}"), {}), MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/new"): Row(lambda w: ("/merchants/new", {"data": {
        "display_name": w.fresh("Sạp"), "owner_name": "Lê Thị Lan", "village_id": str(w.village.id)}}),
        MANAGERS_OF_A),
    ("POST", "/merchants/import"): Row(lambda w: ("/merchants/import", {"data": {
        "village_id": str(w.village.id), "action": "check"}}), MANAGERS_OF_A, frozenset({422})),
    ("POST", "/merchants/<int:merchant_id>/edit"): Row(lambda w: (f"/merchants/{w.merchant.id}/edit", {"data": {
        "display_name": w.fresh("Sạp A"), "owner_name": "Lê Thị Lan", "village_id": str(w.village.id)}}),
        MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/<int:merchant_id>/status"): Row(
        lambda w: (f"/merchants/{w.new_merchant_id()}/status",
                   {"data": {"status": "suspended", "reason": "nghỉ bán", "confirmed": "1"}}), MANAGERS_OF_A),
    ("POST", "/merchants/<int:merchant_id>/accounts/new"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/accounts/new", {"data": _new_account(w)}), MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/<int:merchant_id>/accounts/<int:account_id>/confirm"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/accounts/"
                   f"{_account_id(w, status='pending', changed_by='token:0')}/confirm", {}), MANAGERS_OF_A),
    ("POST", "/merchants/<int:merchant_id>/accounts/<int:account_id>/edit"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/accounts/{_account_id(w)}/edit",
                   {"data": {"holder_name": "Lê Thị Lan"}}), MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/<int:merchant_id>/accounts/<int:account_id>/remove"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/accounts/{_account_id(w)}/remove",
                   {"data": {"reason": "nhập nhầm", "confirmed": "1"}}), MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/<int:merchant_id>/accounts/<int:account_id>/restore"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/accounts/{_removed_account_id(w)}/restore",
                   {"data": {"reason": "gỡ nhầm", "confirmed": "1"}}), MERCHANT_AND_MANAGERS),
    ("POST", "/merchants/<int:merchant_id>/card/revoke"): Row(
        lambda w: (f"/merchants/{_payable(w.merchant)}/card/revoke",
                   {"data": {"reason": "mã dán đè", "confirmed": "1"}}), MANAGERS_OF_A),
    ("POST", "/merchants/<int:merchant_id>/products/new"): Row(
        lambda w: (f"/merchants/{w.merchant.id}/products/new", {"data": PRODUCT}), MERCHANT_AND_MANAGERS),
    ("POST", "/places/villages"): Row(
        lambda w: ("/places/villages", {"data": {"name": w.fresh("Thôn"), "commune_code": COMMUNE}}), COMMUNE_OF_A),
    ("POST", "/places/<any(market, street):kind>s"): Row(lambda w: ("/places/markets", {"data": {
        "name": w.fresh("Chợ"), "commune_code": COMMUNE, "village_id": str(w.village.id)}}), MANAGERS_OF_A),
}
ROWS.update(MERCHANT_ROWS)


def _credit_id(w: World, **fields: Any) -> int:
    """A fresh bank credit of the merchant of village A (a webhook transaction)."""
    row = factories.transaction(w.merchant, 75_000, "bank_transfer", source="webhook",
                                reference=w.fresh("FT").replace(" ", ""), **fields)
    factories.db.session.commit()
    return row.id


# A merchant's books: the merchant themself, and admins through the API (audited); never a village head or commune.
BOOKS_API = frozenset({"merchant", "admin"})
BOOKS_ROWS: dict[tuple[str, str], Row] = {
    ("PUT", "/api/v1/merchants/<int:merchant_id>/tax-code"): Row(
        lambda w: (_merchant_url(w, "/tax-code"), {"json": {"tax_code": "0101234567"}}), BOOKS_API),
    ("POST", "/api/v1/transactions/<int:transaction_id>/not-revenue"): Row(
        lambda w: (f"/api/v1/transactions/{_credit_id(w)}/not-revenue", {"json": {"reason": "Tiền người nhà"}}),
        BOOKS_API),
    ("POST", "/api/v1/transactions/<int:transaction_id>/revenue"): Row(
        lambda w: (f"/api/v1/transactions/{_credit_id(w, not_revenue_reason='Vay')}/revenue",
                   {"json": {"reason": "Là tiền hàng"}}), BOOKS_API),
    ("POST", "/so-sach/giao-dich/<int:transaction_id>/huy"): Row(
        lambda w: (f"/so-sach/giao-dich/{_sale_id(w)}/huy", {"data": {"reason": "Ghi nhầm"}}), MERCHANT),
    ("POST", "/so-sach/giao-dich/<int:transaction_id>/khong-phai-doanh-thu"): Row(
        lambda w: (f"/so-sach/giao-dich/{_credit_id(w)}/khong-phai-doanh-thu", {"data": {"reason": "Vay"}}),
        MERCHANT),
    ("POST", "/so-sach/giao-dich/<int:transaction_id>/doanh-thu"): Row(
        lambda w: (f"/so-sach/giao-dich/{_credit_id(w, not_revenue_reason='Vay')}/doanh-thu",
                   {"data": {"reason": "Là tiền hàng"}}), MERCHANT),
    ("POST", "/so-sach/ma-so-thue"): Row(lambda w: ("/so-sach/ma-so-thue", {"data": {"tax_code": ""}}), MERCHANT),
}
ROWS.update(BOOKS_ROWS)


def _fees(world: "World", build: Callable[..., Any]) -> Any:
    from tests.fees import builders

    return getattr(builders, build.__name__)(world.market, *([world.merchant] if build.__name__ == "matrix_bill" else []))


def _receipt(world: "World") -> str:
    return world.fresh("BL").replace(" ", "-")


def _payee_pending(world: "World") -> int:
    from tests.fees.builders import matrix_payee

    matrix_payee(world.market, "pending")
    return world.market.id


def _board_ready(world: "World") -> int:
    from tests.fees.builders import fee, matrix_payee

    matrix_payee(world.market)
    fee(factories.db, world.market, name=world.fresh("Phí"), code=world.fresh("")[-3:].strip())
    return world.market.id


BOARD_OF_A = frozenset({"village_head", "admin"})
OFFICERS_OF_A = frozenset({"village_head", "commune", "admin"})
BOARD_PAYEE = {"bin": "970436", "account_number": "0123400001", "holder_name": "BAN QUAN LY CHO"}
NEW_FEE = {"name": "Vệ sinh", "amount": 20000, "starts_on": "2030-01-01"}
FEE_ROWS: dict[tuple[str, str], Row] = {
    ("PUT", "/api/v1/markets/<int:market_id>/payee"): Row(
        lambda w: (f"/api/v1/markets/{w.market.id}/payee", {"json": BOARD_PAYEE}), BOARD_OF_A),
    ("POST", "/api/v1/markets/<int:market_id>/payee/confirm"): Row(
        lambda w: (f"/api/v1/markets/{_payee_pending(w)}/payee/confirm", {}), OFFICERS_OF_A),
    ("POST", "/api/v1/markets/<int:market_id>/fees"): Row(
        lambda w: (f"/api/v1/markets/{w.market.id}/fees", {"json": NEW_FEE}), BOARD_OF_A),
    ("POST", "/api/v1/markets/<int:market_id>/bills"): Row(
        lambda w: (f"/api/v1/markets/{_board_ready(w)}/bills", {"json": {"period": "2026-01"}}), BOARD_OF_A),
    ("POST", "/api/v1/bills/<int:bill_id>/cash-payments"): Row(lambda w: (
        f"/api/v1/bills/{_fees(w, _matrix('matrix_bill'))}/cash-payments",
        {"json": {"amount": 10000, "receipt_number": _receipt(w)}}), BOARD_OF_A),
    ("POST", "/api/v1/fee-credits/<int:credit_id>/assign"): Row(lambda w: (
        f"/api/v1/fee-credits/{_fees(w, _matrix('matrix_credit'))}/assign",
        {"json": {"bill_id": _fees(w, _matrix('matrix_bill'))}}), OFFICERS_OF_A),
    ("POST", "/api/v1/fee-credits/<int:credit_id>/dismiss"): Row(lambda w: (
        f"/api/v1/fee-credits/{_fees(w, _matrix('matrix_credit'))}/dismiss", {"json": {"reason": "Chuyển thử"}}),
        OFFICERS_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/tai-khoan"): Row(
        lambda w: (f"/phi-cho/cho/{w.market.id}/tai-khoan", {"data": BOARD_PAYEE}), BOARD_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/tai-khoan/xac-nhan"): Row(
        lambda w: (f"/phi-cho/cho/{_payee_pending(w)}/tai-khoan/xac-nhan", {}), OFFICERS_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/phi"): Row(
        lambda w: (f"/phi-cho/cho/{w.market.id}/phi", {"data": NEW_FEE}), BOARD_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/lap-hoa-don"): Row(
        lambda w: (f"/phi-cho/cho/{_board_ready(w)}/lap-hoa-don", {"data": {"period": "2026-01"}}), BOARD_OF_A),
    ("POST", "/phi-cho/hoa-don/<int:bill_id>"): Row(lambda w: (
        f"/phi-cho/hoa-don/{_fees(w, _matrix('matrix_bill'))}",
        {"data": {"amount": "10000", "receipt_number": _receipt(w)}}), BOARD_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/tien-vao/<int:credit_id>/gan"): Row(lambda w: (
        f"/phi-cho/cho/{w.market.id}/tien-vao/{_fees(w, _matrix('matrix_credit'))}/gan",
        {"data": {"bill_id": str(_fees(w, _matrix('matrix_bill')))}}), OFFICERS_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/tien-vao/<int:credit_id>/bo-qua"): Row(lambda w: (
        f"/phi-cho/cho/{w.market.id}/tien-vao/{_fees(w, _matrix('matrix_credit'))}/bo-qua",
        {"data": {"reason": "Chuyển thử"}}), OFFICERS_OF_A),
    ("POST", "/api/v1/markets/<int:market_id>/fees/<int:fee_id>/readings"): Row(lambda w: (
        f"/api/v1/markets/{w.market.id}/fees/{_metered(w)}/readings",
        {"data": {"period": "2030-01", "file": (io.BytesIO(b"Sap,Chi so cu,Chi so moi\n"), "dien.csv")},
         "content_type": "multipart/form-data"}), BOARD_OF_A),
    ("POST", "/api/v1/markets/<int:market_id>/statement-imports"): Row(lambda w: (
        f"/api/v1/markets/{_board_ready(w)}/statement-imports",
        {"data": {"file": (io.BytesIO(b"Ngay giao dich,Ghi co,So tham chieu\n"), "saoke.csv")},
         "content_type": "multipart/form-data"}), BOARD_OF_A),
    ("POST", "/phi-cho/cho/<int:market_id>/nhap-tep"): Row(lambda w: (
        f"/phi-cho/cho/{_board_ready(w)}/nhap-tep",
        {"data": {"kind": "statement", "file": (io.BytesIO(b"Ngay giao dich,Ghi co,So tham chieu\n"), "saoke.csv")},
         "content_type": "multipart/form-data"}), BOARD_OF_A),
}


def _metered(world: "World") -> int:
    from tests.fees.builders import fee

    return fee(factories.db, world.market, name=world.fresh("Điện"), code=world.fresh("")[-3:].strip(),
               amount=0, unit_price=3000).id


def _matrix(name: str) -> Callable[..., Any]:
    from tests.fees import builders

    return getattr(builders, name)


ROWS.update(FEE_ROWS)


def _payable(merchant) -> int:
    """Make sure the merchant has a confirmed primary account, so a card can be issued."""
    factories.db.session.refresh(merchant)
    if not any(a.is_primary and a.status == "active" for a in merchant.accounts):
        for other in merchant.accounts:
            other.is_primary = False
        factories.account(merchant)
        factories.db.session.commit()
    return merchant.id


def write_endpoints(app) -> set[tuple[str, str]]:
    """(method, rule) of every write endpoint of the API and the pages."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and not rule.rule.startswith("/api/v1/"):
            continue
        found.update((method, rule.rule) for method in rule.methods & WRITE_METHODS)
    return found


def test_every_write_endpoint_has_a_row(app):
    endpoints = write_endpoints(app)
    missing = sorted(endpoints - ROWS.keys())
    stale = sorted(ROWS.keys() - endpoints)
    assert not missing, f"add a row to ROWS in {__file__} for: {missing}"
    assert not stale, f"these ROWS no longer exist: {stale}"


def _outcome(response, row: Row) -> str:
    location = response.headers.get("Location", "")
    # 404: a record outside the caller's scope is not even shown (an assigned credit of another commune).
    if response.status_code in (401, 403, 404) or location.startswith("/auth/login?next="):
        return "denied"
    return "allowed"


def _page_client(app, world: World, role: str):
    client = app.test_client()
    if role != "public":
        assert factories.login(client, world.users[role]).status_code == 302
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_write_exactly_where_the_table_says(app, db, role):
    world = World()
    problems = []
    for (method, rule), row in sorted(ROWS.items()):
        url, kwargs = row.call(world)
        if rule.startswith("/api/"):
            client, kwargs = app.test_client(), {**kwargs, "headers": world.token_headers(role)}
        else:
            client = _page_client(app, world, role)
        response = client.open(url, method=method, **kwargs)
        expected = "allowed" if role in row.allowed else "denied"
        ok_status = response.status_code < 400 or response.status_code in row.also_fine
        if _outcome(response, row) != expected or (expected == "allowed" and not ok_status):
            problems.append(f"{method} {rule}: expected {expected}, got {response.status_code}")
    assert not problems, f"role {role}:\n" + "\n".join(problems)
