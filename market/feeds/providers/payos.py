"""payOS payment webhooks (https://payos.vn/docs/du-lieu-tra-ve/webhook/).

Body: `{code, desc, success, data{orderCode, amount, description, accountNumber, reference,
transactionDateTime, currency, paymentLinkId, code, desc, counterAccount…, virtualAccount…}, signature}`.
Authentication: `signature` is the hex HMAC-SHA256, keyed with the payment channel's checksum key (issued
by payOS, so `create-bank-feed --secret`), of the `data` fields sorted by key as `key=value&key=value`
(a null value is written empty). Answer: `{"success": true}` with 200.
"""
import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from market.core.errors import AppError
from market.core.i18n import N_
from market.feeds.providers.base import (
    Credit,
    Result,
    error_answer,
    load_object,
    provider_time,
    refused,
    same,
    text,
    vnd_only,
)
from market.feeds.providers.base import amount as read_amount

SECRET_ISSUED_BY_PROVIDER = True
PAID = "00"
refusal = error_answer


def signature(checksum_key: str, data: Mapping[str, Any]) -> str:
    """payOS's signature of a `data` object."""
    message = "&".join(f"{key}={'' if data[key] is None else data[key]}" for key in sorted(data))
    return hmac.new(checksum_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def authenticate(secret: str, _headers: Mapping[str, str], raw: bytes) -> None:
    """The body's `signature` over its `data`, with the checksum key."""
    try:
        document = load_object(raw)
    except AppError:  # an unreadable body cannot carry a valid signature
        raise refused("signature", N_("Không đọc được chữ ký trong nội dung.")) from None
    data, given = document.get("data"), document.get("signature")
    if not isinstance(data, dict) or not isinstance(given, str):
        raise refused("signature", N_("Thiếu `data` hoặc `signature`."))
    if any(isinstance(value, dict | list) for value in data.values()):
        raise refused("signature", N_("Trường lồng nhau trong `data` không có trong tài liệu payOS."))
    if not same(given.lower(), signature(secret, data)):
        raise refused("signature", N_("Chữ ký không khớp với checksum key."))


def parse(raw: bytes) -> Credit:
    """One paid payment link; a `data.code` other than "00" is not a completed credit."""
    data = load_object(raw)["data"]
    vnd_only(text(data, "currency", required=False, limit=10), "data.currency")
    order = text(data, "orderCode", limit=40)
    reference = text(data, "reference", required=False, limit=80)
    return Credit(
        provider_id=f"{order}:{reference or text(data, 'paymentLinkId', required=False, limit=60)}",
        incoming=text(data, "code", required=False, limit=10) in (PAID, None),
        account_number=text(data, "accountNumber", limit=40),  # type: ignore[arg-type]
        amount=read_amount(data, "amount"), content=text(data, "description", required=False),
        reference=reference or f"payos:{order}",
        occurred_at=provider_time(text(data, "transactionDateTime"), "data.transactionDateTime"), raw=data)


def answer(_result: Result) -> tuple[dict[str, Any], int]:
    """payOS reads only the 2xx."""
    return {"success": True}, 200


def delivery(secret: str, account: str, amount: int, content: str, moment: str,
             ident: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A delivery as payOS would send it (for `send-test-credit`)."""
    data = {"orderCode": ident, "amount": amount, "description": content, "accountNumber": account,
            "reference": f"TEST{ident}", "transactionDateTime": moment, "currency": "VND",
            "paymentLinkId": f"test{ident}", "code": PAID, "desc": "success", "counterAccountBankId": "",
            "counterAccountBankName": "", "counterAccountName": "", "counterAccountNumber": "",
            "virtualAccountName": "", "virtualAccountNumber": ""}
    body = {"code": PAID, "desc": "success", "success": True, "data": data, "signature": signature(secret, data)}
    return body, {}
