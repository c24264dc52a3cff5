"""Page forms: read an HTML form through the API schemas, and keep what the user typed on errors."""
from collections.abc import Callable, Iterable
from typing import Any

import marshmallow as ma
from flask import abort, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from market.auth.principal import Principal, current_principal
from market.errors import AppError

STATUS_VI = {"pending": "Chờ duyệt", "active": "Đang hoạt động", "suspended": "Tạm ngừng", "closed": "Đã đóng"}
ACCOUNT_STATUS_VI = {"pending": "Chờ xác nhận", "active": "Đã xác nhận", "disabled": "Tạm khoá",
                     "removed": "Đã gỡ"}
KIND_VI = {"bank_account": "Tài khoản ngân hàng", "card": "Thẻ", "ewallet": "Ví điện tử"}
LEVEL_VI = {"province": "Cấp tỉnh", "central": "Trung ương"}


class FormInvalid(Exception):
    """The form has errors per field; the page shows them next to each field."""

    def __init__(self, errors: dict[str, Any]):
        super().__init__("invalid form")
        self.errors = errors


def form_values(form: MultiDict[str, str], fields: Iterable[str], booleans: Iterable[str] = ()) -> dict[str, Any]:
    """Form fields as the API schemas expect them: blanks left out, checkboxes as booleans."""
    values: dict[str, Any] = {name: form[name] for name in fields if form.get(name, "").strip()}
    values.update({name: name in form for name in booleans})
    return values


def load(schema: ma.Schema, values: dict[str, Any]) -> dict[str, Any]:
    """Validate with the schema; errors become FormInvalid."""
    try:
        return schema.load(values)
    except ma.ValidationError as error:
        raise FormInvalid(error.messages if isinstance(error.messages, dict) else {"_": error.messages}) from None


def attempt(action: Callable[[], Any]) -> tuple[Any, dict[str, Any] | None, str | None]:
    """Run a service call; a refusal with fields becomes inline errors, others a page message."""
    try:
        return action(), None, None
    except FormInvalid as error:
        return None, error.errors, "Vui lòng sửa các ô được đánh dấu."
    except AppError as error:
        if error.code in (401, 403, 404):
            raise
        return None, error.fields or {}, error.description


def render_form(template: str, errors: dict[str, Any] | None, message: str | None, **context: Any) -> Any:
    """The form page, with 422 when it carries errors."""
    html = render_template(template, errors=errors or {}, message=message, form=request.form, **context)
    return (html, 422) if errors is not None else html


def login_required() -> Principal:
    """The logged-in caller; anyone else is sent to the login page."""
    principal = current_principal()
    if principal.is_public:
        abort(redirect(url_for("auth.login", next=request.full_path)))
    return principal
