"""Our own signed format (as `POST /api/v1/webhooks/bank`): `X-Cho40-Timestamp` and
`X-Cho40-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}">` within 5 minutes; the feed's
name is in the address, so `X-Cho40-Integration` is not needed. Body: {account_number, bin?, amount,
content, reference, occurred_at}."""
import json
import time
from collections.abc import Mapping
from typing import Any

from market.core.dbtypes import utcnow
from market.core.i18n import N_
from market.feeds.providers.base import Credit, Result, error_answer, refused, same
from market.transactions.webhooks import WINDOW_SECONDS, parse_credit, sign

SECRET_ISSUED_BY_PROVIDER = False
STATUS = {"recorded": 201, "queued": 202}
refusal = error_answer


def authenticate(secret: str, headers: Mapping[str, str], raw: bytes) -> None:
    """A fresh timestamp and the HMAC of it and the body."""
    stamp = headers.get("X-Cho40-Timestamp", "")
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
        raise refused("X-Cho40-Timestamp", N_("Thiếu hoặc sai định dạng (giây Unix)."))
    if abs(time.time() - int(stamp)) > WINDOW_SECONDS:
        raise refused("X-Cho40-Timestamp", N_("Quá 5 phút so với đồng hồ máy chủ."))
    if not same(headers.get("X-Cho40-Signature", ""), sign(secret, stamp, raw)):
        raise refused("X-Cho40-Signature", N_("Chữ ký không khớp."))


def parse(raw: bytes) -> Credit:
    """The credit of our documented schema (422 naming fields, as the webhook answers)."""
    credit, document = parse_credit(raw)
    return Credit(provider_id=credit["reference"], incoming=True, account_number=credit["account_number"],
                  amount=credit["amount"], content=credit.get("content"), reference=credit["reference"],
                  occurred_at=credit["occurred_at"], bank=credit.get("bin"), raw=document)


def answer(result: Result) -> tuple[dict[str, Any], int]:
    """The webhook's own answer: recorded 201, queued 202, a retry 200."""
    body = {"status": "queued" if result.outcome == "queued" else "recorded",
            "transaction_id": result.transaction_id, "unmatched_id": result.unmatched_id,
            "duplicate": result.outcome == "duplicate"}
    if result.outcome == "ignored":
        body["status"] = "ignored"
    return body, STATUS.get(result.outcome, 200)


def delivery(secret: str, account: str, amount: int, content: str, _moment: str,
             ident: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A delivery in our format, signed over `json.dumps(body)` (the bytes `send-test-credit` sends)."""
    body = {"account_number": account, "amount": amount, "content": content, "reference": f"TEST{ident}",
            "occurred_at": utcnow().isoformat()}
    stamp = str(int(time.time()))
    return body, {"X-Cho40-Timestamp": stamp, "X-Cho40-Signature": sign(secret, stamp, json.dumps(body).encode())}
