"""Pages of market fees: the board's page, who has paid, slips, bills, cash, receipts, the share link."""
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, stream_with_context, url_for

from market.auth.principal import current_principal, login_required
from market.core.clock import today
from market.core.forms import attempt, form_values, load, load_or_422
from market.core.i18n import gettext as _
from market.fees import (
    billing,
    bills,
    board,
    credits,
    meters,
    overview,
    payee,
    payments,
    receipts,
    services,
    slips,
    statements,
)
from market.fees.forms import FEE_FIELDS, PAYEE_FIELDS, CashFormSchema, FeeFormSchema
from market.fees.periods import month_of
from market.fees.schemas import (
    AssignInSchema,
    BillRunInSchema,
    DismissInSchema,
    PayeeInSchema,
    WhoPaidQuerySchema,
)

blueprint = Blueprint("fees", __name__)


def _period() -> str:
    return load_or_422(BillRunInSchema(), {"period": request.args.get("period") or month_of(today())})["period"]


@blueprint.get("/phi-cho/")
def index() -> Any:
    """The markets whose fees the caller runs or reads."""
    return render_template("fees/index.html", markets=overview.markets_of(login_required()))


def _market_page(market_id: int, errors: dict[str, Any] | None = None, message: str | None = None,
                 form_name: str = "") -> Any:
    who = login_required()
    page = overview.market_page(who, market_id, _period())
    html = render_template("fees/market.html", errors=errors or {}, message=message, form_name=form_name,
                           form=request.form, **page)
    return (html, 422) if errors is not None else html


@blueprint.get("/phi-cho/cho/<int:market_id>")
def market(market_id: int) -> Any:
    """The board's page: its account, fee kinds, the month's bill run and where to go next."""
    return _market_page(market_id)


def _act(market_id: int, form_name: str, action: Any, done_message: str) -> Any:
    _done, errors, message = attempt(action)
    if errors is not None:
        return _market_page(market_id, errors, message, form_name)
    flash(done_message)
    return redirect(url_for("fees.market", market_id=market_id, period=request.args.get("period")))


@blueprint.post("/phi-cho/cho/<int:market_id>/tai-khoan")
def set_payee(market_id: int) -> Any:
    """Set the board's account (waits for a second person)."""
    who = login_required()
    values = form_values(request.form, PAYEE_FIELDS, ("public_board",))
    return _act(market_id, "payee", lambda: payee.set_payee(who, market_id, load(PayeeInSchema(), values)),
                _("Đã lưu tài khoản ban quản lý chợ; cần người thứ hai xác nhận."))


@blueprint.post("/phi-cho/cho/<int:market_id>/tai-khoan/xac-nhan")
def confirm_payee(market_id: int) -> Any:
    """Confirm the board's account (a second person)."""
    who = login_required()
    return _act(market_id, "confirm", lambda: payee.confirm_payee(who, market_id),
                _("Đã xác nhận tài khoản ban quản lý chợ."))


@blueprint.post("/phi-cho/cho/<int:market_id>/phi")
def create_fee(market_id: int) -> Any:
    """Add a fee kind."""
    who = login_required()
    values = form_values(request.form, FEE_FIELDS)
    return _act(market_id, "fee", lambda: services.create_fee(who, market_id, load(FeeFormSchema(), values)),
                _("Đã thêm khoản phí."))


@blueprint.post("/phi-cho/cho/<int:market_id>/lap-hoa-don")
def run_bills(market_id: int) -> Any:
    """Make the month's bills (a second run adds nothing)."""
    who = login_required()
    values = form_values(request.form, ("period",))
    done, errors, message = attempt(lambda: billing.run_bills(who, market_id, load(BillRunInSchema(), values)["period"]))
    if errors is not None:
        return _market_page(market_id, errors, message, "run")
    flash(_("Đã lập %(created)s hoá đơn mới; kỳ này có %(bills)s hoá đơn.", **done[0]))
    return redirect(url_for("fees.market", market_id=market_id, period=values.get("period")))


@blueprint.get("/phi-cho/cho/<int:market_id>/da-nop")
def who_paid(market_id: int) -> Any:
    """Who has paid this month: a printable list with share links for reminders."""
    args = load_or_422(WhoPaidQuerySchema(), {"period": _period(), **request.args.to_dict()})
    data = board.who_paid(login_required(), market_id, args["period"], args.get("status"))
    return render_template("fees/who_paid.html", shown=args.get("status"), **data)


@blueprint.get("/phi-cho/cho/<int:market_id>/phieu.pdf")
def slip_sheet(market_id: int) -> Any:
    """Every stall's fee slip of the month on A4 (four a page); ?owed=1 only those still owing."""
    infos = slips.sheet_slips(login_required(), market_id, _period(), request.args.get("owed") == "1")
    return Response(stream_with_context(slips.sheet_chunks(infos)), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="phieu-phi-{market_id}.pdf"'})


@blueprint.route("/phi-cho/cho/<int:market_id>/nhap-tep", methods=["GET", "POST"])
def uploads(market_id: int) -> Any:
    """Meter readings or a statement of the board's account from a file: a dry run first, then the real import."""
    who = login_required()
    report, errors, message = None, None, None
    if request.method == "POST":
        dry_run = request.form.get("action") != "commit"
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            errors, message = {"file": [_("Chọn tệp.")]}, _("Chưa chọn tệp.")
        elif request.form.get("kind") == "readings":
            report, errors, message = attempt(lambda: meters.import_readings(
                who, market_id, int(request.form.get("fee_id") or 0), _period_of_form(), upload, dry_run))
        else:
            report, errors, message = attempt(lambda: statements.import_statement(who, market_id, upload, dry_run))
    page = overview.market_page(who, market_id, _period())
    html = render_template("fees/uploads.html", report=report, errors=errors or {}, message=message,
                           form=request.form, **page)
    return (html, 422) if errors is not None else html


def _period_of_form() -> str:
    return load(BillRunInSchema(), form_values(request.form, ("period",)))["period"]


@blueprint.get("/phi-cho/cho/<int:market_id>/tien-vao")
def credits_page(market_id: int, errors: dict[str, Any] | None = None) -> Any:
    """Credits to the board's account that named no bill: assign each to a bill or dismiss it."""
    page = overview.credits_page(login_required(), market_id, request.args.get("status") or "open")
    html = render_template("fees/credits.html", errors=errors or {}, form=request.form, **page)
    return (html, 422) if errors else html


def _resolve(market_id: int, credit_id: int, action: Any, done_message: str) -> Any:
    _done, errors, message = attempt(action)
    if errors is not None:
        return credits_page(market_id, {credit_id: errors or {"status": [message]}})
    flash(done_message)
    return redirect(url_for("fees.credits_page", market_id=market_id))


@blueprint.post("/phi-cho/cho/<int:market_id>/tien-vao/<int:credit_id>/gan")
def assign_credit(market_id: int, credit_id: int) -> Any:
    """Put an unmatched credit towards a bill."""
    who = login_required()
    values = form_values(request.form, ("bill_id",))
    return _resolve(market_id, credit_id, lambda: credits.assign_credit(
        who, credit_id, load(AssignInSchema(), values)["bill_id"]), _("Đã gán khoản tiền vào hoá đơn."))


@blueprint.post("/phi-cho/cho/<int:market_id>/tien-vao/<int:credit_id>/bo-qua")
def dismiss_credit(market_id: int, credit_id: int) -> Any:
    """Dismiss an unmatched credit, with a reason."""
    who = login_required()
    values = form_values(request.form, ("reason",))
    return _resolve(market_id, credit_id, lambda: credits.dismiss_credit(
        who, credit_id, load(DismissInSchema(), values)["reason"]), _("Đã bỏ qua khoản tiền."))


@blueprint.route("/phi-cho/hoa-don/<int:bill_id>", methods=["GET", "POST"])
def bill(bill_id: int) -> Any:
    """A bill: its QR, what is paid, the collector's cash receipt form, the receipt once paid."""
    who = login_required()
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, ("amount", "receipt_number"))
        done, errors, message = attempt(lambda: payments.record_cash(who, bill_id, load(CashFormSchema(), values)))
        if done:
            flash(_("Đã ghi tiền mặt, số biên lai %(n)s.", n=values.get("receipt_number")))
            return redirect(url_for("fees.bill", bill_id=bill_id))
    page = overview.bill_page(who, bill_id)
    html = render_template("fees/bill.html", errors=errors or {}, message=message, form=request.form,
                           **page)
    return (html, 422) if errors is not None else html


@blueprint.get("/phi-cho/hoa-don/<int:bill_id>/bien-lai")
def receipt(bill_id: int) -> Any:
    """The receipt (biên lai) page of a paid bill."""
    return render_template("fees/receipt.html", receipt=receipts.receipt_of(login_required(), bill_id))


@blueprint.get("/phi-cho/hoa-don/<int:bill_id>/bien-lai.pdf")
def receipt_pdf(bill_id: int) -> Any:
    """The receipt as PDF."""
    return Response(receipts.receipt_pdf(login_required(), bill_id), mimetype="application/pdf")


@blueprint.get("/phi-cho/hoa-don/<int:bill_id>/phieu.pdf")
def bill_slip(bill_id: int) -> Any:
    """The stall's slip for this bill (A6, the stall-card layout with the amount and code)."""
    return Response(slips.bill_slip_pdf(login_required(), bill_id), mimetype="application/pdf")


@blueprint.get("/phi-cho/hoa-don/<int:bill_id>/qr.png")
def bill_qr(bill_id: int) -> Any:
    """The bill's QR for the pages (signed-in readers of the bill)."""
    return Response(slips.bill_qr_png(login_required(), bill_id), mimetype="image/png")


@blueprint.get("/phi-cho/cua-toi")
def mine() -> Any:
    """A merchant's own bills and receipts (Vietnamese only)."""
    who = login_required()
    return render_template("fees/mine.html", **overview.merchant_page(who))


@blueprint.get("/phi-cho/cho/<int:market_id>/cong-khai")
def public_board(market_id: int) -> Any:
    """The market's paid/unpaid board for everyone, when the board turned it on (stall and status only)."""
    return render_template("fees/public_board.html", **board.public_board(market_id, _period()))


@blueprint.get("/phi/<token>")
def shared(token: str) -> Any:
    """The share link (Zalo): a stall's bill with its QR and amount, no sign-in."""
    bill_row, others = bills.shared_bill(token)
    return render_template("fees/shared.html", bill=bill_row, others=others, principal=current_principal())


@blueprint.get("/phi/<token>/qr.png")
def shared_qr(token: str) -> Any:
    """The QR of a shared bill."""
    return Response(overview.shared_qr(token), mimetype="image/png", headers={"Cache-Control": "no-store"})
