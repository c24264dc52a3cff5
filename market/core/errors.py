"""The one error path: every failure becomes `{"error": {code, message, fields?}}` or an HTML page."""
import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from market.core.i18n import N_
from market.core.messages import translate_message, translate_messages

log = logging.getLogger(__name__)

MESSAGES_VI = {
    400: N_("Yêu cầu không hợp lệ."),
    401: N_("Cần mã truy cập (Authorization: Bearer …) hoặc đăng nhập."),
    403: N_("Bạn không có quyền thực hiện thao tác này."),
    404: N_("Không tìm thấy."),
    405: N_("Phương thức không được hỗ trợ cho địa chỉ này."),
    409: N_("Xung đột với dữ liệu hiện có."),
    413: N_("Dữ liệu gửi lên quá lớn."),
    415: N_("Kiểu dữ liệu không được hỗ trợ."),
    422: N_("Dữ liệu không hợp lệ."),
    429: N_("Quá nhiều yêu cầu, vui lòng thử lại sau."),
    500: N_("Lỗi máy chủ. Vui lòng thử lại sau."),
}
LOGIN_NEEDED = N_("Cần đăng nhập để xem trang này.")


class AppError(HTTPException):
    """A refusal raised by a service: status, code, Vietnamese message and per-field messages."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, Any] | None = None):
        super().__init__(description=message)
        self.code = status
        self.error_code = code
        self.fields = fields


def invalid(field: str, message: str, status: int = 422, code: str = "validation_error") -> AppError:
    """A refusal naming one field."""
    return AppError(status, code, message, {field: [message]})


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON error document shared by the whole API."""
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def _describe(error: HTTPException) -> tuple[str, str, dict[str, Any] | None]:
    """Code, message and per-field messages, in the reader's language."""
    code, message, fields = _describe_source(error)
    return code, translate_message(message), translate_messages(fields) if fields else fields


def _describe_source(error: HTTPException) -> tuple[str, str, dict[str, Any] | None]:
    if isinstance(error, AppError):
        return error.error_code, error.description or "", error.fields
    data = getattr(error, "data", None) or {}
    fields = _webargs_fields(data.get("messages"))
    status = error.code or 500
    code = (error.name or "error").lower().replace(" ", "_")
    message = data.get("message") or MESSAGES_VI.get(status) or MESSAGES_VI[400 if status < 500 else 500]
    if fields:
        code, message = "validation_error", MESSAGES_VI[422]
    return code, message, fields


def _webargs_fields(messages: Any) -> dict[str, Any] | None:
    """Flatten webargs' {location: {field: [...]}} into {field: [...]}."""
    if not isinstance(messages, dict):
        return None
    fields: dict[str, Any] = {}
    for location_errors in messages.values():
        if isinstance(location_errors, dict):
            fields.update(location_errors)
    return fields or None


def wants_json() -> bool:
    """API paths and clients that prefer JSON get JSON errors; browsers get pages."""
    if request.path.startswith("/api/") or request.path == "/healthz":
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def handle_http_exception(error: HTTPException) -> Response | tuple[Any, int]:
    """Render any HTTPException in the shape the client expects."""
    if error.response is not None:  # abort(response), e.g. a redirect to the login page
        return error.response
    status = error.code or 500
    code, message, fields = _describe(error)
    headers = dict(error.get_headers()) if not isinstance(error, AppError) else {}
    headers.pop("Content-Type", None)
    if wants_json():
        response = jsonify(error_body(code, message, fields))
    else:
        html = _error_page(status, message, fields)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    response.headers.update(headers)
    return response


def _error_page(status: int, message: str, fields: dict[str, Any] | None) -> str:
    """The HTML error page; a 401 says to sign in and links the login page (then back here)."""
    login_url = None
    if status == 401:
        message, login_url = translate_message(LOGIN_NEEDED), url_for("auth.login", next=request.full_path)
    return render_template(
        "errors/error.html", status=status, message=message, fields=fields, login_url=login_url
    )


def handle_unexpected(error: Exception) -> Response | tuple[Any, int]:
    """Log the traceback; the client sees a plain 500 with no internals."""
    log.exception("Unhandled error on %s %s", request.method, request.path, exc_info=error)
    return handle_http_exception(InternalServerError())


def handle_csrf_error(error: CSRFError) -> Response | tuple[Any, int]:
    """An expired form of this site comes back with its values kept; anything else is a plain 400."""
    from market.core.forms import keep_form_after_csrf_failure  # forms imports this module

    return keep_form_after_csrf_failure() or handle_http_exception(error)


def register_error_handlers(app: Flask) -> None:
    """Route every failure through the single error path."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
