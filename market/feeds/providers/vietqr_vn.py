"""VietQR.vn transaction sync (https://api.vietqr.vn/vi/api-va-test-ket-noi/trien-khai-api-transaction-sync,
token: https://api.vietqr.vn/cn/cn/api-vietqr-callback/api-get-token).

The receiver runs two endpoints under its base path: `POST <base>/api/token_generate` with
`Authorization: Basic base64(username:password)` answers `{access_token, token_type: "Bearer", expires_in}`,
and `POST <base>/bank/api/transaction-sync` with `Authorization: Bearer <access_token>` takes one
transaction `{bankaccount, amount, transType (C|D), content, transactionid, transactiontime,
referencenumber, orderId, terminalCode, subTerminalCode, serviceCode, urlLink, sign}` and answers
`{error, errorReason, toastMessage, object: {reftransactionid}}`. Here the base is `/api/v1/feeds/<name>`,
the username is the feed's name and the password its secret (we make it and give it to VietQR.vn).
The docs' English page spells the fields in camelCase (bankAccount, transactionId…): both are read.
`transactiontime` is documented only as a "timestamp"; we read Unix seconds or milliseconds, or a
"YYYY-MM-DD HH:MM:SS" / ISO time, and use the arrival time when it is absent. The optional `sign` field's
algorithm is not documented, so it is not checked; the bearer token is the authentication.
"""
import base64
import binascii
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

from market.core.clock import check_time
from market.core.dbtypes import utcnow
from market.core.errors import AppError
from market.core.i18n import N_
from market.feeds.providers.base import (
    Credit,
    Result,
    load_object,
    malformed,
    provider_time,
    refused,
    same,
    text,
)
from market.feeds.providers.base import amount as read_amount

SECRET_ISSUED_BY_PROVIDER = False
EXPIRES_IN = 300
SALT = "cho40-vietqr-vn-token"
DIRECTIONS = {"C": True, "D": False}
MILLISECONDS = 10**11  # a Unix time above this is in milliseconds


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def issue_token(name: str, secret: str, headers: Mapping[str, str]) -> dict[str, Any]:
    """The bearer token VietQR.vn asks for with Basic authentication (username = feed name)."""
    header = headers.get("Authorization", "")
    try:
        user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":") \
            if header[:6].lower() == "basic " else ("", "", "")
    except (binascii.Error, UnicodeDecodeError):
        user, password = "", ""
    if not (same(user, name) and same(password, secret)):
        raise refused("Authorization", N_("Sai tên đăng nhập hoặc mật khẩu (Basic)."))
    return {"access_token": _serializer(secret).dumps(name), "token_type": "Bearer", "expires_in": EXPIRES_IN}


def authenticate(secret: str, headers: Mapping[str, str], _raw: bytes) -> None:
    """A bearer token this feed issued in the last five minutes."""
    header = headers.get("Authorization", "")
    if header[:7].lower() != "bearer ":
        raise refused("Authorization", N_("Thiếu Authorization: Bearer <token>."))
    try:
        _serializer(secret).loads(header[7:].strip(), max_age=EXPIRES_IN)
    except BadSignature:
        raise refused("Authorization", N_("Token không hợp lệ hoặc đã hết hạn.")) from None


def _field(document: dict[str, Any], lower: str, camel: str, **options: Any) -> str | None:
    return text(document, camel if lower not in document and camel in document else lower, **options)


def _moment(value: Any) -> datetime:
    if value in (None, ""):
        return utcnow()
    if isinstance(value, str) and not value.isdigit():
        return provider_time(value, "transactiontime")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise malformed("transactiontime", N_("Thời điểm không đúng định dạng."))
    seconds = int(value) / (1000 if int(value) > MILLISECONDS else 1)
    return check_time(datetime.fromtimestamp(seconds, timezone.utc), "transactiontime")


def parse(raw: bytes) -> Credit:
    """One synced transaction."""
    document = load_object(raw)
    direction = text(document, "transType", limit=1)
    if direction not in DIRECTIONS:
        raise malformed("transType", N_("Chỉ nhận 'C' (ghi có) hoặc 'D' (ghi nợ)."))
    reference = _field(document, "referencenumber", "referenceNumber", required=False, limit=120)
    provider_id = _field(document, "transactionid", "transactionId", required=False, limit=120) \
        or reference or _field(document, "orderId", "orderId", limit=120)
    time_key = "transactiontime" if "transactiontime" in document else "transactionTime"
    return Credit(
        provider_id=provider_id, incoming=DIRECTIONS[direction],  # type: ignore[arg-type, index]
        account_number=_field(document, "bankaccount", "bankAccount", limit=40),  # type: ignore[arg-type]
        amount=read_amount(document, "amount"), content=text(document, "content", required=False),
        reference=reference or f"vietqr:{provider_id}", occurred_at=_moment(document.get(time_key)), raw=document)


def answer(result: Result) -> tuple[dict[str, Any], int]:
    """VietQR.vn's success shape, naming our record of the transaction."""
    return {"error": False, "errorReason": "000", "toastMessage": "",
            "object": {"reftransactionid": str(result.delivery_id)}}, 200


def refusal(error: AppError) -> tuple[dict[str, Any], int]:
    """VietQR.vn's error shape."""
    return {"error": True, "errorReason": error.error_code, "toastMessage": error.description or "",
            "object": None}, error.code or 400


def delivery(secret: str, account: str, amount: int, content: str, moment: str,
             ident: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A delivery as VietQR.vn would send it (the token is fetched first by `send-test-credit`)."""
    body = {"bankaccount": account, "amount": amount, "transType": "C", "content": content,
            "transactionid": f"test-{ident}", "transactiontime": ident, "referencenumber": f"TEST{ident}",
            "orderId": "", "terminalCode": "", "subTerminalCode": "", "serviceCode": "", "urlLink": "", "sign": ""}
    return body, {}
