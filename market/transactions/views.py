"""Merchant pages ("Ghi bán hàng", the daily tally, the statement import) and the officers' review queue."""
import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from market.auth.permissions import require_role
from market.auth.principal import Principal, login_required
from market.core.clock import LOCAL_TZ, today
from market.core.errors import AppError
from market.core.filters import vnd
from market.core.forms import load_or_422
from market.core.i18n import gettext, lazy_gettext
from market.transactions import forms, pending, queries, recording, review, statements, tallies
from market.transactions.models import UnmatchedCredit
from market.transactions.schemas import UnmatchedQuerySchema
from merchants.labels import ACCOUNT_STATUS_VI
from vietqr.banks import bank_by_bin

blueprint = Blueprint("transactions", __name__, url_prefix="/ban-hang")

METHOD_LABELS = {
    "vietqr": "QR",
    "bank_transfer": lazy_gettext("Chuyển khoản"),
    "ewallet": lazy_gettext("Ví"),
    "card": lazy_gettext("Thẻ"),
    "cash": lazy_gettext("Tiền mặt"),
}


def merchant_principal() -> Principal:
    """The logged-in merchant; others get the login page (or 401) and a 403."""
    principal = login_required()
    if principal.role != "merchant" or principal.merchant_id is None:
        raise AppError(403, "forbidden", gettext("Trang này dành cho tiểu thương."))
    return principal


def _sale_page(principal: Principal, errors: dict[str, Any] | None = None, form: dict[str, str] | None = None,
               status: int = 200) -> tuple[str, int]:
    saved_id = request.args.get("saved", type=int)
    saved = None
    if saved_id:
        saved = recording.get_transaction(principal, saved_id) if saved_id < 2**31 else None
    context = {"methods": METHOD_LABELS, "errors": errors or {}, "form": form or {"method": "vietqr"},
               "key": uuid.uuid4().hex, "saved": saved, "day": today(), "tz": LOCAL_TZ,
               "totals": queries.day_totals(principal.merchant_id, today())}  # type: ignore[arg-type]
    return render_template("transactions/sale.html", **context), status


@blueprint.route("/", methods=["GET", "POST"])
def sale() -> Any:
    """The "Ghi bán hàng" page: amount keypad, method buttons, today's totals."""
    principal = merchant_principal()
    if request.method == "GET":
        return _sale_page(principal)
    data, key, errors = forms.parse_sale(request.form, principal.merchant_id)  # type: ignore[arg-type]
    if errors:
        return _sale_page(principal, errors, request.form.to_dict(), 422)
    try:
        row, _ = recording.record_sale(principal, data, key)
    except AppError as error:
        if error.code >= 500 or not error.fields:  # type: ignore[operator]
            raise
        return _sale_page(principal, error.fields, request.form.to_dict(), error.code)  # type: ignore[arg-type]
    return redirect(url_for("transactions.sale", saved=row.id), 303)


@blueprint.route("/tong-ngay", methods=["GET", "POST"])
def tally() -> Any:
    """The daily tally form for merchants who do not log each sale."""
    principal = merchant_principal()
    merchant_id: int = principal.merchant_id  # type: ignore[assignment]
    errors: dict[str, Any] = {}
    form = request.form.to_dict() if request.method == "POST" else {"day": today().isoformat()}
    status, saved = 200, None
    if request.method == "POST":
        data, errors = forms.parse_tally(request.form, merchant_id)
        try:
            saved = None if errors else tallies.report_tally(principal, data)[0]
        except AppError as error:
            if not error.fields:
                raise
            errors = error.fields
        status = 422 if errors else 200
    current = tallies.tally_for(merchant_id, form.get("day") and forms.parse_day(form["day"]) or today())
    return render_template("transactions/tally.html", errors=errors, form=form, saved=saved,
                           current=current), status


@blueprint.route("/sao-ke", methods=["GET", "POST"])
def statement_import() -> Any:
    """Upload a statement for a dry-run report; "Ghi vào sổ" then writes that very file, with no re-upload."""
    principal = merchant_principal()
    accounts = statements.merchant_accounts(principal.merchant_id)  # type: ignore[arg-type]
    report, errors, status = None, {}, 200
    if request.method == "POST":
        data, errors = forms.parse_statement_form(request.form, request.files)
        try:
            report = None if errors else _statement_step(principal, data)
        except AppError as error:
            if not error.fields:
                raise
            errors, status = error.fields, error.code
        status = status if status != 200 else (422 if errors else 200)
    return render_template("transactions/statement_import.html", accounts=accounts, report=report,
                           errors=errors, form=request.form), status


def _statement_step(principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    if "pending_id" in data:
        return pending.commit(principal, data["pending_id"])
    return pending.preview(principal, data["account_id"], data["content"], data["mapping"])


def _reviewer() -> Principal:
    return require_role(login_required(), *review.REVIEWERS)


def _bank_name(bin_: str) -> str:
    bank = bank_by_bin(bin_)
    return bank.short_name if bank else bin_


def _review_page(principal: Principal, errors: dict[int, dict[str, Any]] | None = None,
                 status: int = 200) -> Any:
    message = gettext("Bộ lọc không hợp lệ.")
    shown = load_or_422(UnmatchedQuerySchema(), request.args.to_dict(), message)["status"]
    return render_template("transactions/unmatched.html", shown=shown, errors=errors or {}, form=request.form,
                           tz=LOCAL_TZ, bank_name=_bank_name, account_status=ACCOUNT_STATUS_VI,
                           **review.review_page(principal, shown)), status


@blueprint.get("/tien-vao-chua-khop")
def unmatched() -> Any:
    """Bank credits no account matched: assign each to an account, or dismiss it with a reason."""
    return _review_page(_reviewer())


def _attempt(call: Callable[[], UnmatchedCredit]) -> tuple[UnmatchedCredit | None, dict[str, Any], int]:
    """Run one review action; a refusal naming fields is shown on the page, anything else is raised."""
    try:
        return call(), {}, 200
    except AppError as error:
        if not error.fields:
            raise
        return None, error.fields, error.code  # type: ignore[return-value]


def _resolve(credit_id: int, parse: Callable[[Any], tuple[dict[str, Any], dict[str, Any]]],
             act: Callable[[Principal, dict[str, Any]], UnmatchedCredit],
             done: Callable[[UnmatchedCredit], str]) -> Any:
    """Parse the form, run one review action, then flash `done` and go back to the queue (303);
    a refusal is shown next to the credit."""
    principal = _reviewer()
    data, errors = parse(request.form)
    credit, errors, status = (None, errors, 422) if errors else _attempt(lambda: act(principal, data))
    if credit is None:
        return _review_page(principal, {credit_id: errors}, status)
    flash(done(credit), "message")
    return redirect(url_for("transactions.unmatched"), 303)


@blueprint.post("/tien-vao-chua-khop/<int:credit_id>/gan")
def unmatched_assign(credit_id: int) -> Any:
    """Assign one credit to the chosen account: its one transaction is recorded for that merchant."""
    return _resolve(credit_id, forms.parse_assign,
                    lambda who, data: review.assign(who, credit_id, data["account_id"]),
                    lambda credit: gettext("Đã ghi %(amount)s cho %(name)s (giao dịch #%(id)s).",
                                           amount=vnd(credit.amount), id=credit.transaction_id,
                                           name=credit.transaction.merchant.display_name))


@blueprint.post("/tien-vao-chua-khop/<int:credit_id>/bo-qua")
def unmatched_dismiss(credit_id: int) -> Any:
    """Dismiss one credit with a reason; it stays on record under "Đã bỏ qua"."""
    return _resolve(credit_id, forms.parse_dismiss,
                    lambda who, data: review.dismiss(who, credit_id, data["reason"]),
                    lambda credit: gettext("Đã bỏ qua khoản %(amount)s (mã %(reference)s).",
                                           amount=vnd(credit.amount), reference=credit.reference))


@blueprint.post("/tien-vao-chua-khop/<int:credit_id>/mo-lai")
def unmatched_reopen(credit_id: int) -> Any:
    """Put a dismissed credit back among those waiting, with the reason."""
    return _resolve(credit_id, forms.parse_reopen,
                    lambda who, data: review.reopen(who, credit_id, data["reason"]),
                    lambda credit: gettext("Đã mở lại khoản %(amount)s (mã %(reference)s).",
                                           amount=vnd(credit.amount), reference=credit.reference))
