"""Casso webhook v2 (https://developer.casso.vn/webhook/thiet-lap-webhook-thu-cong, signature:
https://github.com/CassoHQ/casso-webhook-v2-verify-signature).

Body: `{"error": 0, "data": {id, reference, description, amount, runningBalance, transactionDateTime,
accountNumber, bankName, bankAbbreviation, virtualAccount…, counterAccount…}}`.
Authentication: `X-Casso-Signature: t=<ms>,v1=<hex>`, v1 being the HMAC-SHA512, keyed with the
integration's "Key bảo mật" (issued by Casso, so `create-bank-feed --secret`), of `t + "." + body` where
the body's keys are sorted A→Z at every level and it is written as compact JSON. Casso's own samples
differ on non-ASCII text (Python escapes it, JavaScript does not), so both spellings are accepted.
The legacy v1 webhook (`secure-token` header, `data` as a list) is not accepted: Casso documents v2 for
new integrations. The samples show credits only; a negative `amount` is read as money out.
"""
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from market.core.errors import AppError
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

SECRET_ISSUED_BY_PROVIDER = True
HEADER = "X-Casso-Signature"
answer = success_answer
refusal = error_answer


def _sorted(value: Any) -> Any:
    return {key: _sorted(value[key]) for key in sorted(value)} if isinstance(value, dict) else value


def signatures(secret: str, stamp: str, document: dict[str, Any]) -> set[str]:
    """The v1 values Casso may have sent for this body (ASCII-escaped or not)."""
    return {hmac.new(secret.encode(), f"{stamp}.{body}".encode(), hashlib.sha512).hexdigest()
            for body in (json.dumps(_sorted(document), separators=(",", ":"), ensure_ascii=ascii_only)
                         for ascii_only in (True, False))}


def _header_parts(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(",") if "=" in part)


def authenticate(secret: str, headers: Mapping[str, str], raw: bytes) -> None:
    """`X-Casso-Signature` over the sorted body, with the key."""
    parts = _header_parts(headers.get(HEADER, ""))
    stamp, given = parts.get("t", ""), parts.get("v1", "")
    if not (stamp.isascii() and stamp.isdigit() and given):
        raise refused(HEADER, N_("Thiếu hoặc sai định dạng t=…,v1=…."))
    try:
        document = load_object(raw)
    except AppError:
        raise refused(HEADER, N_("Không kiểm được chữ ký của nội dung này.")) from None
    if not any(same(given.lower(), expected) for expected in signatures(secret, stamp, document)):
        raise refused(HEADER, N_("Chữ ký không khớp với khoá bảo mật."))


def parse(raw: bytes) -> Credit:
    """One Casso transaction."""
    document = load_object(raw)
    data = document.get("data")
    if not isinstance(data, dict):
        raise malformed("data", N_("Cần một đối tượng giao dịch (webhook v2)."))
    value = data.get("amount")
    provider_id = text(data, "id", limit=120)
    reference = text(data, "reference", required=False, limit=120)
    return Credit(
        provider_id=provider_id, incoming=not (isinstance(value, int | float) and value < 0),  # type: ignore[arg-type]
        account_number=text(data, "accountNumber", limit=40),  # type: ignore[arg-type]
        amount=read_amount(data, "amount", signed=True), content=text(data, "description", required=False),
        reference=reference or f"casso:{provider_id}",
        occurred_at=provider_time(text(data, "transactionDateTime"), "transactionDateTime"),
        bank=text(data, "bankAbbreviation", required=False, limit=80), raw=document)


def delivery(secret: str, account: str, amount: int, content: str, moment: str,
             ident: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A delivery as Casso would send it (for `send-test-credit`)."""
    data = {"id": ident, "reference": f"TEST{ident}", "description": content, "amount": amount,
            "runningBalance": 0, "transactionDateTime": moment, "accountNumber": account, "bankName": "",
            "bankAbbreviation": "", "virtualAccountNumber": "", "virtualAccountName": "",
            "counterAccountName": "", "counterAccountNumber": "", "counterAccountBankId": "",
            "counterAccountBankName": ""}
    body = {"error": 0, "data": data}
    stamp = str(ident)
    body_text = json.dumps(_sorted(body), separators=(",", ":"))
    digest = hmac.new(secret.encode(), f"{stamp}.{body_text}".encode(), hashlib.sha512).hexdigest()
    return body, {HEADER: f"t={stamp},v1={digest}"}
