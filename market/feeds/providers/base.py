"""What every provider module shares: the normalised credit, refusals, and reading its fields."""
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from market.core.clock import as_local, check_time
from market.core.errors import AppError, error_body
from market.transactions.models import LARGEST_CASHLESS, OVER_CEILING

PROVIDER_TIME = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Credit:
    """One transfer as a provider reported it, in our words."""

    provider_id: str
    incoming: bool
    account_number: str
    amount: int
    content: str | None
    reference: str
    occurred_at: datetime
    bank: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def as_webhook_credit(self, bin: str | None) -> dict[str, Any]:
        """The credit in the shape the signed-webhook recorder takes."""
        credit = {"account_number": self.account_number, "amount": self.amount, "content": self.content,
                  "reference": self.reference, "occurred_at": self.occurred_at}
        return {**credit, "bin": bin} if bin else credit


@dataclass(frozen=True)
class Result:
    """What became of a delivery, for the provider's answer."""

    outcome: str  # recorded | duplicate | queued | ignored
    delivery_id: int | None = None
    transaction_id: int | None = None
    unmatched_id: int | None = None


def refused(field_name: str, message: str) -> AppError:
    """401: the request does not prove it comes from the provider."""
    return AppError(401, "invalid_signature", message, {field_name: [message]})


def malformed(field_name: str, message: str) -> AppError:
    """400: a body the provider would never send."""
    return AppError(400, "bad_request", message, {field_name: [message]})


def unprocessable(field_name: str, message: str) -> AppError:
    """422: well-formed, but not a credit we can record (amount, currency, time)."""
    return AppError(422, "validation_error", message, {field_name: [message]})


def same(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets or signatures."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))


def load_object(raw: bytes) -> dict[str, Any]:
    """The JSON object of a body, or a 400 naming the body."""
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise malformed("body", "Nội dung không phải JSON hợp lệ.") from None
    if not isinstance(document, dict):
        raise malformed("body", "Cần một đối tượng JSON.")
    return document


def text(document: dict[str, Any], name: str, *, required: bool = True, limit: int = 500) -> str | None:
    """A string field (numbers are read as their digits, as providers send ids either way)."""
    value = document.get(name)
    if value is None or value == "":
        if required:
            raise malformed(name, "Thiếu trường bắt buộc.")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise malformed(name, "Phải là chuỗi ký tự.")
    value = str(value)
    if len(value) > limit or "\x00" in value:
        raise malformed(name, f"Dài quá {limit} ký tự hoặc có ký tự NUL.")
    return value


def amount(document: dict[str, Any], name: str, *, signed: bool = False) -> int:
    """A whole, positive VND amount (its absolute value when the sign says the direction)."""
    value = document.get(name)
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        raise malformed(name, "Thiếu số tiền hoặc số tiền không phải là số.")
    if value != int(value):
        raise unprocessable(name, "Số tiền phải là số nguyên đồng (VND).")
    whole = abs(int(value)) if signed else int(value)
    if whole <= 0:
        raise unprocessable(name, "Số tiền phải lớn hơn 0.")
    if whole > LARGEST_CASHLESS:
        raise unprocessable(name, OVER_CEILING)
    return whole


def vnd_only(currency: str | None, name: str = "currency") -> None:
    """Only Vietnamese dong is recorded."""
    if currency is not None and currency.upper() != "VND":
        raise unprocessable(name, f"Chỉ nhận tiền đồng (VND), không nhận {currency[:10]}.")


def provider_time(value: str | None, name: str) -> datetime:
    """'YYYY-MM-DD HH:MM:SS' (naive: Viet Nam time) or ISO 8601; 422 beyond 5 minutes ahead."""
    if value is None:
        raise malformed(name, "Thiếu thời điểm giao dịch.")
    try:
        moment = datetime.strptime(value, PROVIDER_TIME) if len(value) == 19 and value[10] == " " \
            else datetime.fromisoformat(value)
    except ValueError:
        raise malformed(name, "Thời điểm không đúng định dạng YYYY-MM-DD HH:MM:SS.") from None
    moment = moment if moment.tzinfo else as_local(moment)
    return check_time(moment.astimezone(timezone.utc), name)


def error_answer(error: AppError) -> tuple[dict[str, Any], int]:
    """Our one JSON error shape, for providers that only read the status."""
    return error_body(error.error_code, error.description or "", error.fields), error.code or 400


def success_answer(result: Result) -> tuple[dict[str, Any], int]:
    """`{"success": true}`: 201 for a newly recorded credit, 200 for everything else accepted."""
    return {"success": True}, 201 if result.outcome == "recorded" else 200
