"""SePay webhooks (https://developer.sepay.vn/en/sepay-webhooks, https://docs.sepay.vn/tich-hop-webhooks.html).

Authentication: the "API Key" method, `Authorization: Apikey <key>`; the receiver chooses the key and
types it into SePay, so `create-bank-feed` makes one. SePay's HMAC-SHA256 method is not accepted: the
public page (https://developer.sepay.vn/en/sepay-webhooks/xac-thuc) names the X-SePay-Signature and
X-SePay-Timestamp headers, but the exact signed string could not be read from it, and we do not guess.
Answer: `{"success": true}` with 200 or 201; any other status makes SePay retry (up to 7 times).
"""
from collections.abc import Mapping
from typing import Any

from market.core.i18n import N_
from market.feeds.providers.base import (
    Credit,
    error_answer,
    load_object,
    malformed,
    provider_time,
    refused,
    same,
    success_answer,
    text,
)
from market.feeds.providers.base import amount as read_amount

SECRET_ISSUED_BY_PROVIDER = False
SCHEME = "Apikey "
DIRECTIONS = {"in": True, "out": False}
answer = success_answer
refusal = error_answer


def authenticate(secret: str, headers: Mapping[str, str], _raw: bytes) -> None:
    """The API key SePay was given, in `Authorization: Apikey <key>`."""
    header = headers.get("Authorization", "")
    if not header.startswith(SCHEME):
        raise refused("Authorization", N_("Thiếu tiêu đề Authorization: Apikey <khoá>."))
    if not same(header[len(SCHEME):].strip(), secret):
        raise refused("Authorization", N_("Khoá API không đúng."))


def parse(raw: bytes) -> Credit:
    """One SePay transaction (`transferType` in/out, `transferAmount`, `referenceCode`, …)."""
    document = load_object(raw)
    direction = text(document, "transferType")
    if direction not in DIRECTIONS:
        raise malformed("transferType", N_("Chỉ nhận 'in' hoặc 'out'."))
    reference = text(document, "referenceCode", required=False, limit=120)
    provider_id = text(document, "id", limit=120)
    return Credit(
        provider_id=provider_id, incoming=DIRECTIONS[direction],  # type: ignore[index, arg-type]
        account_number=text(document, "accountNumber", limit=40),  # type: ignore[arg-type]
        amount=read_amount(document, "transferAmount"), content=text(document, "content", required=False),
        reference=reference or f"sepay:{provider_id}",
        occurred_at=provider_time(text(document, "transactionDate"), "transactionDate"),
        bank=text(document, "gateway", required=False, limit=80), raw=document)


def delivery(secret: str, account: str, amount: int, content: str, moment: str,
             ident: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A delivery as SePay would send it (for `send-test-credit`)."""
    body = {"id": ident, "gateway": "", "transactionDate": moment, "accountNumber": account, "code": None,
            "content": content, "transferType": "in", "transferAmount": amount, "accumulated": 0,
            "subAccount": None, "referenceCode": f"TEST.{ident}", "description": content}
    return body, {"Authorization": f"{SCHEME}{secret}"}
