"""Read the merchant pages' plain HTML forms into the same validated shapes the API uses."""
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from market.core.forms import parse
from market.core.i18n import gettext
from market.transactions.schemas import (
    AssignCreditSchema,
    DismissCreditSchema,
    ReopenCreditSchema,
    TallySchema,
    TransactionInSchema,
)

KEY = re.compile(r"^[!-~]{1,120}$")
SEPARATORS = re.compile(r"[\s.,đ₫]|VND", re.IGNORECASE)


def parse_int(text: str | None) -> int | str | None:
    """"50.000 đ" → 50000; anything else is returned as given so the schema names the field."""
    if text is None or not text.strip():
        return None
    cleaned = SEPARATORS.sub("", text)
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 15 else text


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD day from a form, or None."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_sale(form: Mapping[str, str], merchant_id: int) -> tuple[dict[str, Any], str | None, dict[str, Any]]:
    """(sale data, idempotency key, errors) from the "Ghi bán hàng" form."""
    raw = {"merchant_id": merchant_id, "amount": parse_int(form.get("amount")), "method": form.get("method"),
           "note": form.get("note", "").strip() or None}
    data, errors = parse(TransactionInSchema(), raw)
    if "amount" not in raw or raw["amount"] is None:
        errors["amount"] = [gettext("Nhập số tiền.")]
    key = form.get("idempotency_key", "")
    return data, key if KEY.fullmatch(key) else None, errors


def parse_tally(form: Mapping[str, str], merchant_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(tally data, errors) from the daily tally form; empty counts and values mean 0."""
    raw: dict[str, Any] = {"merchant_id": merchant_id, "day": form.get("day")}
    for name in ("cash_count", "cash_value", "cashless_count", "cashless_value"):
        value = parse_int(form.get(name))
        raw[name] = 0 if value is None else value
    return parse(TallySchema(), raw)


def parse_statement_form(form: Mapping[str, str], files: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """{pending_id} to commit a dry run, or (account, file bytes, column mapping) to dry-run; or errors."""
    if form.get("pending_id"):
        return {"pending_id": form["pending_id"][:100]}, {}
    errors: dict[str, Any] = {}
    account = form.get("account_id", "")
    upload = files.get("file")
    if not (account.isascii() and account.isdigit() and 0 < int(account) < 2**31):
        errors["account_id"] = [gettext("Chọn tài khoản.")]
    if upload is None or not upload.filename:
        errors["file"] = [gettext("Chọn tệp sao kê (CSV hoặc XLSX).")]
    mapping = {name: form[f"{name}_column"].strip()[:100] for name in ("date", "amount", "content", "reference")
               if form.get(f"{name}_column", "").strip()}
    if errors:
        return {}, errors
    content = upload.read()  # type: ignore[union-attr]
    return {"account_id": int(account), "content": content, "mapping": mapping}, {}


def parse_assign(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(account to assign a credit to, errors) from the review page."""
    return parse(AssignCreditSchema(), {"account_id": parse_int(form.get("account_id"))})


def parse_dismiss(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(reason for dismissing a credit, errors) from the review page."""
    return parse(DismissCreditSchema(), {"reason": form.get("reason")})


def parse_reopen(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(reason for reopening a dismissed credit, errors) from the review page."""
    return parse(ReopenCreditSchema(), {"reason": form.get("reason")})
