"""The merchant's books pages: history with corrections, the revenue book, the tax code on it."""
from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from market.auth.principal import Principal, merchant_required
from market.core.errors import AppError
from market.core.i18n import gettext
from market.transactions.models import METHOD_LABELS
from market.transactions.recording import reverse
from merchants.books import corrections, forms, history, services
from merchants.books.periods import VIEWS

blueprint = Blueprint("books", __name__, url_prefix="/so-sach")


def _history_page(principal: Principal, errors: dict[int, dict[str, Any]] | None = None,
                  status: int = 200) -> Any:
    args = forms.history_query(request.args)
    data = history.history(principal, principal.merchant_id, args)  # type: ignore[arg-type]
    return render_template("books/history.html", errors=errors or {}, form=request.form, views=VIEWS,
                           method_names=METHOD_LABELS, args=args, **data), status


@blueprint.get("/")
def history_page() -> Any:
    """Any day, week, month or year of the merchant's sales, tallies and bank credits."""
    return _history_page(merchant_required())


def _correct(transaction_id: int, act: Callable[[Principal, int, str], Any], done: str) -> Any:
    """Run one correction with the typed reason; a refusal is shown beside the transaction (form kept)."""
    principal = merchant_required()
    data, errors = forms.reason(request.form)
    status = 422
    if not errors:
        try:
            act(principal, transaction_id, data["reason"])
        except AppError as error:
            if not error.fields:
                raise
            errors, status = error.fields, error.code  # type: ignore[assignment]
    if errors:
        return _history_page(principal, {transaction_id: errors}, status)
    flash(done, "message")
    back = request.form.get("back") or ""
    # Only back to a page of this feature: a posted address is never followed elsewhere.
    return redirect(back if back.startswith(blueprint.url_prefix + "/") else url_for("books.history_page"), 303)


@blueprint.post("/giao-dich/<int:transaction_id>/huy")
def reverse_sale(transaction_id: int) -> Any:
    """Reverse a mistaken sale with a reason: a reversal entry is added, the sale is never deleted."""
    return _correct(transaction_id, reverse,
                    gettext("Đã hủy giao dịch bằng một bút toán đảo. Doanh thu đã được trừ."))


@blueprint.post("/giao-dich/<int:transaction_id>/khong-phai-doanh-thu")
def mark_not_revenue(transaction_id: int) -> Any:
    """Mark a bank credit as not revenue, with a reason."""
    return _correct(transaction_id, corrections.mark_not_revenue,
                    gettext("Đã đánh dấu: khoản này không tính vào sổ doanh thu (vẫn nằm trong lịch sử tiền vào)."))


@blueprint.post("/giao-dich/<int:transaction_id>/doanh-thu")
def mark_revenue(transaction_id: int) -> Any:
    """Count a marked credit as revenue again, with a reason."""
    return _correct(transaction_id, corrections.mark_revenue, gettext("Khoản này đã được tính lại vào doanh thu."))


def _book_page(principal: Principal, errors: dict[str, Any] | None = None, status: int = 200) -> Any:
    args = forms.book_query(request.args)
    merchant_id: int = principal.merchant_id  # type: ignore[assignment]
    book = services.revenue_book(principal, merchant_id, args["year"], args.get("quarter"), "page")
    return render_template("books/book.html", book=book, errors=errors or {}, form=request.form,
                           meter=services.meter(merchant_id)), status


@blueprint.get("/doanh-thu")
def book_page() -> Any:
    """The revenue book (S1a-HKD) of a year or quarter, with its downloads and the threshold meter."""
    return _book_page(merchant_required())


@blueprint.post("/ma-so-thue")
def tax_code() -> Any:
    """Enter, change or clear the tax code printed on the book."""
    principal = merchant_required()
    data, errors = forms.tax_code(request.form)
    try:
        if not errors:
            services.set_tax_code(principal, principal.merchant_id, data.get("tax_code"))  # type: ignore[arg-type]
    except AppError as error:
        if not error.fields:
            raise
        errors = error.fields
    if errors:
        return _book_page(principal, errors, 422)
    saved = gettext("Đã lưu mã số thuế in trên sổ.") if data.get("tax_code") else gettext("Đã xóa mã số thuế khỏi sổ.")
    flash(saved, "message")
    return redirect(url_for("books.book_page"), 303)

