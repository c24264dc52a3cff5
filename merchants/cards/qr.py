"""Which account a merchant's QR pays into, and the VietQR payload for it (static or for one sale)."""
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import and_, bindparam, select

import vietqr
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext
from merchants.models import Merchant, PaymentAccount
from merchants.services import get_merchant

NO_ACCOUNT = lazy_gettext("Người bán chưa có tài khoản đã xác nhận.")
FIELD_MESSAGES = {
    "amount": lazy_gettext("Số tiền phải là số nguyên từ 1 đến 499.999.999 đồng."),
    "purpose": lazy_gettext("Nội dung chuyển khoản tối đa 25 ký tự (không dấu)."),
}


class AccountLike(Protocol):
    """What a payload needs from an account: a PaymentAccount row or a PayTarget."""

    bin: str
    account_number: str
    kind: str


@dataclass(frozen=True)
class PayTarget:
    """The plain values behind a public QR, read in one query."""

    merchant_id: int
    account_id: int
    bin: str
    account_number: str
    kind: str


@dataclass(frozen=True)
class Payee:
    """An active merchant and the confirmed primary account its QR pays into."""

    merchant: Merchant
    account: PaymentAccount


def primary_account(merchant: Merchant) -> PaymentAccount | None:
    """The merchant's confirmed (active) primary account, if any."""
    query = select(PaymentAccount).where(PaymentAccount.merchant_id == merchant.id, PaymentAccount.is_payee)
    return db.session.scalar(query.order_by(PaymentAccount.id).limit(1))


def payee(merchant_id: int, *, public: bool = True) -> Payee:
    """The payee behind a merchant's QR: 404 unless the merchant is active, 409 without a confirmed account."""
    merchant = get_merchant(merchant_id)
    if public and merchant.status != "active":
        raise AppError(
            404, "not_found", gettext("Không tìm thấy người bán %(merchant_id)s.", merchant_id=merchant_id)
        )
    if merchant.status != "active":
        raise AppError(
            409, "merchant_not_active", gettext("Người bán chưa được duyệt hoặc đang bị tạm dừng.")
        )
    account = primary_account(merchant)
    if account is None:
        raise AppError(409, "no_confirmed_account", NO_ACCOUNT,
                       {"account": [gettext("chưa có tài khoản đã xác nhận")]})
    return Payee(merchant, account)


# Built once with a bound parameter and run on the connection (no ORM layer): the public QR is hot.
_PAY_TARGET = (
    select(Merchant.status, PaymentAccount.id, PaymentAccount.bin, PaymentAccount.account_number,
           PaymentAccount.kind)
    .outerjoin(PaymentAccount, and_(PaymentAccount.merchant_id == Merchant.id, PaymentAccount.is_payee))
    .where(Merchant.id == bindparam("merchant_id")).order_by(PaymentAccount.id).limit(1)
)


def pay_target(merchant_id: int) -> PayTarget:
    """The public QR's account in one query; the same 404/409 refusals as `payee`."""
    row = db.session.connection().execute(_PAY_TARGET, {"merchant_id": merchant_id}).first()
    if row is None or row.status != "active" or row.id is None:
        payee(merchant_id)  # raises the precise refusal
    return PayTarget(merchant_id, row.id, row.bin, row.account_number, row.kind)


def service_for(account: AccountLike) -> str:
    """QRIBFTTC for a card number, QRIBFTTA for an account or e-wallet."""
    return "QRIBFTTC" if account.kind == "card" else "QRIBFTTA"


def static_payload(account: AccountLike) -> str:
    """The reusable payload printed on the stall card."""
    return payload_for(account)


def payload_for(account: AccountLike, amount: int | None = None, purpose: str | None = None) -> str:
    """The payload for this account; a bad amount or purpose is a 400 naming the field."""
    try:
        return vietqr.encode(account.bin, account.account_number, amount=amount, purpose=purpose or None,
                             service=service_for(account))
    except vietqr.VietQRError as error:
        field = error.field if error.field in FIELD_MESSAGES else "account"
        message = FIELD_MESSAGES.get(field, gettext("Tài khoản đã lưu không tạo được mã VietQR."))
        status = 400 if field in FIELD_MESSAGES else 409
        # The library's technical wording stays out: people get the plain message only.
        raise AppError(status, "invalid_" + field, message, {field: [message]}) from None
