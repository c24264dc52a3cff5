"""Merchant pages ("Ghi bán hàng", the daily tally, the statement import) and the officers' review queue."""
import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from market.auth.permissions import require_role
from market.auth.principal import Principal, login_required, merchant_required
from market.core.clock import today
from market.core.errors import AppError
from market.core.filters import vnd
from market.core.forms import kept_form, load_or_422
from market.core.i18n import gettext
from market.transactions import forms, pending, queries, recording, review, statements, tallies
from market.transactions.models import METHOD_LABELS, UnmatchedCredit
from market.transactions.schemas import UnmatchedQuerySchema
from market.transactions.statement_files import MAX_LINES
from merchants.labels import ACCOUNT_STATUS_VI
from vietqr.banks import bank_by_bin

blueprint = Blueprint("transactions", __name__, url_prefix="/ban-hang")


def _sale_page(principal: Principal, errors: dict[str, Any] | None = None, form: dict[str, str] | None = None,
               status: int = 200) -> tuple[str, int]:
    saved_id = request.args.get("saved", type=int)
    saved = None
    if saved_id:
        saved = recording.get_transaction(principal, saved_id) if saved_id < 2**31 else None
    context = {"methods": METHOD_LABELS, "errors": errors or {}, "form": form or kept_form() or {"method": "vietqr"},
               "key": uuid.uuid4().hex, "saved": saved, "day": today(),
               "totals": queries.day_totals(principal.merchant_id, today())}  # type: ignore[arg-type]
    return render_template("transactions/sale.html", **context), status


@blueprint.route("/", methods=["GET", "POST"])
def sale() -> Any:
    """The "Ghi bán hàng" page: amount keypad, method buttons, today's totals."""
    principal = merchant_required()
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
    """The daily tally form for merchants who do not log each sale; a saved tally redirects (reload-safe)."""
    principal = merchant_required()
    merchant_id: int = principal.merchant_id  # type: ignore[assignment]
    errors: dict[str, Any] = {}
    saved = None
    asked = forms.parse_day(request.args.get("day", "")) or today()
    form = request.form.to_dict() if request.method == "POST" else (kept_form() or {"day": asked.isoformat()})
    if request.method == "POST":
        data, errors = forms.parse_tally(request.form, merchant_id)
        try:
            saved = None if errors else tallies.report_tally(principal, data)[0]
        except AppError as error:
            if not error.fields:
                raise
            errors = error.fields
        if saved is not None and not errors:
            return redirect(url_for("transactions.tally", day=saved.day.isoformat(), saved=1), 303)
    current = tallies.tally_for(merchant_id, form.get("day") and forms.parse_day(form["day"]) or today())
    saved_now = current if request.method == "GET" and request.args.get("saved") and current else None
    return render_template("transactions/tally.html", errors=errors, form=form, saved=saved_now,
                           current=current), 422 if errors else 200


@blueprint.route("/sao-ke", methods=["GET", "POST"])
def statement_import() -> Any:
    """Upload a statement for a dry-run report; "Ghi vào sổ" then writes that very file, with no re-upload."""
    principal = merchant_required()
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
                           errors=errors, form=request.form, max_lines=MAX_LINES), status


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
    args = request.args.to_dict()
    search_for, wanted = request.args.get("khoan", type=int), args.pop("tim", "").strip()[:100]
    args.pop("khoan", None)
    shown = load_or_422(UnmatchedQuerySchema(), args, gettext("Bộ lọc không hợp lệ."))["status"]
    found = review.assignable_accounts(principal, search=wanted) if wanted and search_for else []
    return render_template("transactions/unmatched.html", shown=shown, errors=errors or {}, form=request.form,
                           bank_name=_bank_name, account_status=ACCOUNT_STATUS_VI,
                           found=found, search_for=search_for, wanted=wanted,
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
    """Assign one credit to the chosen account, after a confirmation naming the merchant and the amount."""
    if "confirmed" not in request.form:
        return _confirm_assign(credit_id)
    return _resolve(credit_id, forms.parse_assign,
                    lambda who, data: review.assign(who, credit_id, data["account_id"]),
                    lambda credit: gettext("Đã ghi %(amount)s cho %(name)s (giao dịch #%(id)s).",
                                           amount=vnd(credit.amount), id=credit.transaction_id,
                                           name=credit.transaction.merchant.display_name))


def _confirm_assign(credit_id: int) -> Any:
    principal = _reviewer()
    data, errors = forms.parse_assign(request.form)
    preview, errors, status = (None, errors, 422) if errors else _attempt(
        lambda: review.assign_preview(principal, credit_id, data["account_id"]))
    if preview is None:
        return _review_page(principal, {credit_id: errors}, status)
    credit, target = preview
    account = target.PaymentAccount
    lines = [gettext("Ghi %(amount)s (mã %(reference)s) là tiền bán hàng của “%(merchant)s”.",
                     amount=vnd(credit.amount), reference=credit.reference, merchant=account.merchant.display_name),
             gettext("Tài khoản nhận: %(bank)s %(number)s · %(holder)s.", bank=_bank_name(account.bin),
                     number=account.account_number, holder=account.holder_name),
             gettext("Gán nhầm thì có thể gỡ ra sau (giao dịch được đảo, không xoá).")]
    return render_template("transactions/review_confirm.html", title=gettext("Gán khoản tiền vào"),
                           consequences=lines, hidden={"account_id": account.id}, button=gettext("Xác nhận gán"))


@blueprint.post("/tien-vao-chua-khop/<int:credit_id>/go-gan")
def unmatched_unassign(credit_id: int) -> Any:
    """Undo a wrong assignment: its transaction is reversed and the credit waits again (confirmed, audited)."""
    if "confirmed" not in request.form:
        principal = _reviewer()
        data, errors = forms.parse_reopen(request.form)
        if errors:
            return _review_page(principal, {credit_id: errors}, 422)
        credit = review.assigned_credit(principal, credit_id)
        merchant = credit.transaction.merchant.display_name if credit.transaction else "—"
        lines = [gettext("Giao dịch #%(id)s (%(amount)s) của “%(merchant)s” sẽ được đảo (ghi một bút toán âm, "
                         "không xoá).", id=credit.transaction_id, amount=vnd(credit.amount), merchant=merchant),
                 gettext("Khoản tiền trở lại danh sách chờ xử lý để gán đúng hộ.")]
        return render_template("transactions/review_confirm.html", title=gettext("Gỡ khoản đã gán"),
                               consequences=lines, hidden={"reason": data["reason"]}, button=gettext("Xác nhận gỡ"))
    return _resolve(credit_id, forms.parse_reopen,
                    lambda who, data: review.unassign(who, credit_id, data["reason"]),
                    lambda credit: gettext("Đã gỡ khoản %(amount)s (mã %(reference)s); khoản này chờ xử lý lại.",
                                           amount=vnd(credit.amount), reference=credit.reference))


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
