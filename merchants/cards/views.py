"""Pages: the merchant's 'QR with an amount', the public card check and QR check, the print page."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from market.auth.principal import current_principal, login_required
from market.core.config import is_loopback_url
from market.core.errors import AppError, wants_json
from market.core.forms import ReasonForm, confirm_step, parse, render_form
from market.core.i18n import gettext
from merchants import consequences
from merchants import services as merchants
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
    result, status = None, 400 if errors else 200
    if not errors:
        try:
            result = qr_check.check_submission(args.get("payload"), request.files.get("photo"))
        except AppError as refusal:  # no QR in the photo, a broken image: said next to the field, text kept
            if not refusal.fields or wants_json():
                raise
            errors, status = refusal.fields, refusal.code
    return render_template("cards/check.html", result=result, errors=errors, form=request.form), status


@blueprint.get("/cards/print")
def print_sheets():
    """The village head's print page: one sheet per market and street, with progress while it downloads."""
    args, errors = parse(PrintQuerySchema(), request.args.to_dict())
    if errors:
        raise AppError(400, "validation_error", gettext("Dữ liệu không hợp lệ."), errors)
    village, rows = sheets.print_overview(current_principal(), args.get("village"))
    if village is None:
        return render_template("cards/print_choose.html", villages=merchants.manageable_villages(current_principal()))
    base_url = current_app.config["PUBLIC_BASE_URL"]
    return render_template("cards/print_sheets.html", village=village, rows=rows, base_url=base_url,
                           unreachable=is_loopback_url(base_url))


@blueprint.route("/merchants/<int:merchant_id>/card/revoke", methods=["GET", "POST"])
def revoke_card(merchant_id: int):
    """A village head revokes the live card (a fake sticker, a lost card) and, by default, prints a new one."""
    who = login_required()
    merchant = merchants.get_merchant(merchant_id)
    merchants.ensure_manager(who, merchant)
    reprint = request.form.get("then", "reprint") != "revoke"
    data, errors, confirmed = confirm_step(ReasonForm(), ("reason",))
    if confirmed:
        if reprint:
            card = services.reprint(who, merchant_id, data["reason"])
            flash(gettext("Đã thu hồi thẻ cũ và cấp thẻ mới %(serial)s: tải thẻ QR (PDF) để in.", serial=card.serial))
        else:
            services.revoke(who, merchant_id, data["reason"])
            flash(gettext("Đã thu hồi thẻ QR."))
        return redirect(url_for("merchants.detail", merchant_id=merchant_id))
    return render_form("cards/revoke.html", errors, None, merchant=merchant, reprint=reprint,
                       confirming=bool(data) and errors is None,
                       consequences=consequences.card_revocation(merchant, reprint))
