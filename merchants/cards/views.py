"""Pages: the merchant's 'QR with an amount', the public card check and QR check, the print page."""

from flask import Blueprint, redirect, render_template, request, url_for

from market.auth.principal import current_principal
from market.core.errors import AppError
from market.core.forms import parse
from market.core.i18n import gettext
from merchants.cards import qr_check, services, sheets
from merchants.cards.schemas import PrintQuerySchema, QrCheckFormSchema, QrQuerySchema
from merchants.cards.verify import lookup_serial

blueprint = Blueprint("cards", __name__)


@blueprint.get("/merchants/<int:merchant_id>/qr")
def sale_qr(merchant_id: int):
    """'Tạo mã QR có số tiền': the merchant types an amount and shows the QR full-screen."""
    args, errors = parse(QrQuerySchema(), request.args.to_dict())
    page = services.sale_qr_page(current_principal(), merchant_id, args, errors)
    status = 400 if page.errors else 200
    return render_template("cards/sale_qr.html", page=page, raw=request.args), status


@blueprint.get("/verify/<serial>")
def verify_card(serial: str):
    """Public: is the card with this serial genuine, revoked or unknown?"""
    answer = lookup_serial(serial)
    return render_template("cards/verify_card.html", answer=answer, serial=serial), 200 if answer else 404


@blueprint.get("/verify")
def check():
    """Public 'Kiểm tra mã QR' form: paste a payload, upload a photo or type a card serial."""
    serial = request.args.get("serial", "").strip()
    if serial:
        return redirect(url_for("cards.verify_card", serial=serial[:40]))
    return render_template("cards/check.html", result=None, errors={})


@blueprint.post("/verify")
def check_submit():
    """Public: classify a pasted payload or a photo of a QR (never stored); rate-limited by the verify bucket."""
    args, errors = parse(QrCheckFormSchema(), request.form.to_dict())
    result = None if errors else qr_check.check_submission(args.get("payload"), request.files.get("photo"))
    return render_template("cards/check.html", result=result, errors=errors), 400 if errors else 200


@blueprint.get("/cards/print")
def print_sheets():
    """The village head's print page: one sheet per market and street, with progress while it downloads."""
    args, errors = parse(PrintQuerySchema(), request.args.to_dict())
    if errors:
        raise AppError(400, "validation_error", gettext("Dữ liệu không hợp lệ."), errors)
    village, rows = sheets.print_overview(current_principal(), args.get("village"))
    return render_template("cards/print_sheets.html", village=village, rows=rows)
