"""Page input, read one way across the app: a marshmallow schema (the API's own, where there is one)
turns form or query fields into values and per-field messages; pages keep what the user typed."""
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import marshmallow as ma
from flask import flash, redirect, render_template, request, session
from werkzeug.wrappers import Response

from market.core.errors import AppError
from market.core.fields import Reason
from market.core.i18n import N_, gettext
from market.core.messages import translate_message, translate_messages

FIX_FIELDS = N_("Vui lòng sửa các ô được đánh dấu.")


class ReasonForm(ma.Schema):
    """A page form that only asks why (removing, revoking, restoring)."""

    reason = Reason(max_length=120)


class FormInvalid(Exception):
    """The form has errors per field; the page shows them next to each field."""

    def __init__(self, errors: dict[str, Any]):
        super().__init__("invalid form")
        self.errors = errors


def form_values(form: Mapping[str, str], fields: Iterable[str],
                booleans: Iterable[str] = ()) -> dict[str, Any]:
    """Form fields as the schemas expect them: blanks left out, checkboxes as booleans."""
    values: dict[str, Any] = {name: form[name] for name in fields if (form.get(name) or "").strip()}
    values.update({name: name in form for name in booleans})
    return values


def parse(schema: ma.Schema, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The valid values and the messages per field; never raises for bad input."""
    try:
        return schema.load({key: value for key, value in data.items() if value is not None}), {}
    except ma.ValidationError as error:
        valid = error.valid_data if isinstance(error.valid_data, dict) else {}
        return valid, translate_messages(error.normalized_messages())


def load(schema: ma.Schema, data: Mapping[str, Any]) -> dict[str, Any]:
    """The values, or FormInvalid carrying the messages per field."""
    values, errors = parse(schema, data)
    if errors:
        raise FormInvalid(errors)
    return values


def load_or_422(schema: ma.Schema, data: Mapping[str, Any],
                message: str = N_("Dữ liệu không hợp lệ.")) -> dict[str, Any]:
    """The values, or a 422 error page naming each bad field (for filters in a query string)."""
    values, errors = parse(schema, data)
    if errors:
        raise AppError(422, "validation_error", message, errors)
    return values


def attempt(action: Callable[[], Any]) -> tuple[Any, dict[str, Any] | None, str | None]:
    """Run a service call; a refusal with fields becomes inline errors, others a page message."""
    try:
        return action(), None, None
    except FormInvalid as error:
        return None, error.errors, translate_message(FIX_FIELDS)
    except AppError as error:
        if error.code in (401, 403, 404):
            raise
        return None, translate_messages(error.fields or {}), translate_message(error.description)


def render_form(template: str, errors: dict[str, Any] | None, message: str | None, **context: Any) -> Any:
    """The form page, with 422 when it carries errors (a GET shows what an expired form had kept)."""
    form = request.form if request.method == "POST" else (kept_form() or request.form)
    html = render_template(template, errors=errors or {}, message=message, form=form, **context)
    return (html, 422) if errors is not None else html




def confirm_step(schema: ma.Schema, fields: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any] | None, bool]:
    """A two-step destructive form: (values, errors or None, confirmed?). A GET has no values and no errors;
    a valid POST without `confirmed` shows the consequences; with it, the action runs."""
    if request.method != "POST":
        return {}, None, False
    values, errors = parse(schema, form_values(request.form, fields))
    return values, errors or None, not errors and "confirmed" in request.form


KEPT = "_kept_form"
NEVER_KEPT = ("csrf_token", "password", "current_password", "confirm", "confirmed")


def _from_this_site() -> bool:
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return origin.rstrip("/") + "/" == request.host_url or origin.startswith(request.host_url)


def keep_form_after_csrf_failure() -> Response | None:
    """A page form of this site posted with an expired token: keep what was typed (never passwords) and
    show the same form again with a fresh token. Forged posts from elsewhere get nothing kept (None)."""
    if request.method != "POST" or request.path.startswith("/api/") or not _from_this_site():
        return None
    session[KEPT] = {"path": request.path,
                     "values": {k: v for k, v in request.form.items() if k not in NEVER_KEPT and len(v) <= 1000}}
    flash(gettext("Trang đã mở quá lâu nên phiên gửi đã hết hạn. Số liệu bạn nhập vẫn còn đây: "
                  "kiểm tra lại rồi bấm gửi lần nữa."), "error")
    return redirect(request.full_path.rstrip("?"), 303)


def kept_form() -> dict[str, str]:
    """The values an expired form of this very page carried, once (empty when there are none)."""
    kept = session.get(KEPT)
    if not kept or kept.get("path") != request.path:
        return {}
    session.pop(KEPT)
    return dict(kept.get("values") or {})
