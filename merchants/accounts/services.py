"""Payment accounts: add, change, remove, confirm (two-person rule), exactly one primary."""
from typing import Any

from sqlalchemy import select

from market.auth.permissions import can_manage_village, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from merchants.cards.issue import revoke_cards
from merchants.models import Merchant, PaymentAccount
from merchants.services import get_merchant, merchant_for_actor
from merchants.text import holder_name
from vietqr.banks import bank_by_bin

LIVE = ("pending", "active", "disabled")
# Changing any of these makes the account a different destination: it needs a new confirmation.
IDENTITY = ("bin", "account_number", "holder_name", "kind")


def present(account: PaymentAccount) -> dict[str, Any]:
    """The account with its bank's short name."""
    bank = bank_by_bin(account.bin)
    data = {name: getattr(account, name) for name in (
        "id", "merchant_id", "bin", "account_number", "holder_name", "kind", "status", "is_primary",
        "verified_at", "verified_by", "changed_by", "created_at", "updated_at")}
    data["bank_name"] = bank.short_name if bank else None
    return data


def snapshot(account: PaymentAccount) -> dict[str, Any]:
    """What the audit log keeps of an account."""
    return {name: getattr(account, name) for name in IDENTITY + ("status", "is_primary")}


def live_accounts(merchant: Merchant) -> list[PaymentAccount]:
    """The merchant's accounts that are not removed, oldest first."""
    return [a for a in merchant.accounts if a.status in LIVE]


def list_accounts(principal: Principal, merchant_id: int) -> list[dict[str, Any]]:
    """Every account of a merchant, removed ones included (managers and the merchant)."""
    merchant = merchant_for_actor(principal, merchant_id)
    return [present(a) for a in merchant.accounts]


def get_account(merchant: Merchant, account_id: int) -> PaymentAccount:
    """One account of this merchant, or 404."""
    account = db.session.get(PaymentAccount, account_id)
    if account is None or account.merchant_id != merchant.id or account.status == "removed":
        raise AppError(
            404, "not_found", gettext("Không tìm thấy tài khoản %(account_id)s.", account_id=account_id)
        )
    return account


def check_destination(bin_: str, number: str, merchant: Merchant, ignore_id: int | None) -> None:
    """The BIN must be a known bank; the same bank account may belong to one merchant only."""
    if bank_by_bin(bin_) is None:
        raise invalid("bin", gettext("BIN %(bin_)s không có trong danh bạ ngân hàng NAPAS.", bin_=bin_))
    clash = db.session.scalar(select(PaymentAccount).where(
        PaymentAccount.bin == bin_, PaymentAccount.account_number == number,
        PaymentAccount.status != "removed", PaymentAccount.id != (ignore_id or 0)).limit(1))
    if clash is None:
        return
    owner = gettext("hộ này") if clash.merchant_id == merchant.id else f"“{clash.merchant.display_name}”"
    raise invalid(
        "account_number",
        gettext("Tài khoản này đã được đăng ký cho %(owner)s.", owner=owner),
        409,
        "duplicate_account",
    )


def _holder(raw: str) -> str:
    name = holder_name(raw)
    if not name:
        raise invalid("holder_name", gettext("Tên chủ tài khoản không hợp lệ."))
    return name


def _make_primary(merchant: Merchant, account: PaymentAccount) -> None:
    for other in live_accounts(merchant):
        other.is_primary = other.id == account.id
    account.is_primary = True


def add_account(principal: Principal, merchant_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Add an account; it stays pending until a manager of the village confirms it."""
    merchant = merchant_for_actor(principal, merchant_id)
    check_destination(data["bin"], data["account_number"], merchant, None)
    account = PaymentAccount(merchant_id=merchant.id, bin=data["bin"], account_number=data["account_number"],
                             holder_name=_holder(data["holder_name"]), kind=data["kind"], status="pending",
                             is_primary=False, changed_by=principal.client_key)
    first = not live_accounts(merchant)
    merchant.accounts.append(account)
    db.session.flush()
    if first or data.get("is_primary"):
        _make_primary(merchant, account)
    record(principal, "account.add", "payment_account", account.id, after=snapshot(account),
           commune_code=merchant.village.commune_code)
    return present(account)


def update_account(principal: Principal, merchant_id: int, account_id: int,
                   data: dict[str, Any]) -> dict[str, Any]:
    """Change an account: a new destination goes back to pending and its cards are revoked."""
    merchant = merchant_for_actor(principal, merchant_id)
    account = get_account(merchant, account_id)
    if data.get("is_primary") is False and account.is_primary:
        raise invalid("is_primary", gettext("Hãy chọn tài khoản chính khác thay vì bỏ tài khoản chính."))
    before = snapshot(account)
    if "holder_name" in data:
        data["holder_name"] = _holder(data["holder_name"])
    changed = {k: v for k, v in data.items() if k in IDENTITY and getattr(account, k) != v}
    if changed:
        check_destination(changed.get("bin", account.bin), changed.get("account_number", account.account_number),
                          merchant, account.id)
        for key, value in changed.items():
            setattr(account, key, value)
        account.status, account.verified_at, account.verified_by = "pending", None, None
        account.changed_by = principal.client_key
        revoke_cards(principal, reason="account changed", account_id=account.id)
    if data.get("is_primary") and not account.is_primary:
        _make_primary(merchant, account)
    db.session.flush()
    record(principal, "account.update", "payment_account", account.id, before=before, after=snapshot(account),
           commune_code=merchant.village.commune_code)
    return present(account)


def remove_account(principal: Principal, merchant_id: int, account_id: int, reason: str = "") -> None:
    """Remove an account (kept for history), revoke its cards, promote the oldest remaining one."""
    merchant = merchant_for_actor(principal, merchant_id)
    account = get_account(merchant, account_id)
    before = snapshot(account)
    account.status, account.is_primary = "removed", False
    revoke_cards(principal, reason="account removed", account_id=account.id)
    remaining = live_accounts(merchant)
    if remaining and not any(a.is_primary for a in remaining):
        remaining[0].is_primary = True
    db.session.flush()
    record(principal, "account.remove", "payment_account", account.id, before=before,
           after={**snapshot(account), "reason": reason}, commune_code=merchant.village.commune_code)


def removed_account(merchant: Merchant, account_id: int) -> PaymentAccount:
    """One removed account of this merchant, or 404."""
    account = db.session.get(PaymentAccount, account_id)
    if account is None or account.merchant_id != merchant.id or account.status != "removed":
        raise AppError(404, "not_found", gettext("Không tìm thấy tài khoản đã gỡ %(id)s.", id=account_id))
    return account


def restore_account(principal: Principal, merchant_id: int, account_id: int, reason: str) -> dict[str, Any]:
    """Undo a removal: the account comes back pending (a second person confirms it again); old cards stay revoked."""
    merchant = merchant_for_actor(principal, merchant_id)
    account = removed_account(merchant, account_id)
    check_destination(account.bin, account.account_number, merchant, account.id)
    before = snapshot(account)
    account.status, account.verified_at, account.verified_by = "pending", None, None
    account.changed_by = principal.client_key
    if not any(a.is_primary for a in live_accounts(merchant)):
        account.is_primary = True
    db.session.flush()
    record(principal, "account.restore", "payment_account", account.id, before=before,
           after={**snapshot(account), "reason": reason}, commune_code=merchant.village.commune_code)
    return present(account)


def confirm_account(principal: Principal, merchant_id: int, account_id: int) -> dict[str, Any]:
    """A manager of the village, not the one who entered it, confirms a pending account."""
    merchant = get_merchant(merchant_id)
    ensure(principal, can_manage_village(principal, merchant.village_id, merchant.village.commune_code))
    account = get_account(merchant, account_id)
    if account.status != "pending":
        raise invalid("status", gettext("Tài khoản không ở trạng thái chờ xác nhận."), 409, "not_pending")
    if account.changed_by == principal.client_key:
        raise AppError(
            403, "same_person", gettext("Người nhập tài khoản không được tự xác nhận; cần người thứ hai.")
        )
    before = snapshot(account)
    account.status, account.verified_at, account.verified_by = "active", utcnow(), principal.label
    db.session.flush()
    record(principal, "account.confirm", "payment_account", account.id, before=before,
           after=snapshot(account), commune_code=merchant.village.commune_code)
    return present(account)
