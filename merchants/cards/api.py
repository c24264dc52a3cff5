"""JSON/binary API for merchant QR codes, stall cards, street sheets and card verification."""
from flask import Response, stream_with_context
from flask_smorest import Blueprint

from market.auth.principal import current_principal, public_write
from market.core.clock import today
from merchants.cards import render, services, sheets
from merchants.cards.http_cache import PRIVATE_CARD, PUBLIC_QR, cached_response
from merchants.cards.schemas import (
    BankSchema,
    CardQuerySchema,
    CardSchema,
    CardVerifySchema,
    DecodedSchema,
    DecodeRequestSchema,
    QrPayloadSchema,
    QrQuerySchema,
    SheetQuerySchema,
)
from merchants.cards.verify import verify_serial
from vietqr.banks import all_banks
from vietqr.decode import decode

blueprint = Blueprint("cards_api", __name__, url_prefix="/api/v1", description="Mã QR, thẻ QR và kiểm tra thẻ")

NOT_MODIFIED = "Không đổi so với ETag trong If-None-Match"
PNG, SVG, PDF = "image/png", "image/svg+xml", "application/pdf"


def _qr(merchant_id: int, args: dict, fmt: str) -> Response:
    _, payload = services.sale_qr(merchant_id, args.get("amount"), args.get("purpose"))
    draw = render.qr_png if fmt == "png" else render.qr_svg
    return cached_response(render.qr_key(payload, fmt), lambda: draw(payload),
                           PNG if fmt == "png" else SVG, PUBLIC_QR)


@blueprint.route("/merchants/<int:merchant_id>/qr.png")
@blueprint.arguments(QrQuerySchema, location="query", error_status_code=400)
@blueprint.response(200, content_type=PNG, description="Mã QR (PNG 1-bit)")
@blueprint.alt_response(304, description=NOT_MODIFIED, success=True)
def qr_png(args, merchant_id):
    """A merchant's VietQR as PNG: static, or for one sale with ?amount= and ?purpose=."""
    return _qr(merchant_id, args, "png")


@blueprint.route("/merchants/<int:merchant_id>/qr.svg")
@blueprint.arguments(QrQuerySchema, location="query", error_status_code=400)
@blueprint.response(200, content_type=SVG, description="Mã QR (SVG)")
@blueprint.alt_response(304, description=NOT_MODIFIED, success=True)
def qr_svg(args, merchant_id):
    """A merchant's VietQR as SVG."""
    return _qr(merchant_id, args, "svg")


@blueprint.route("/merchants/<int:merchant_id>/qr.json")
@blueprint.arguments(QrQuerySchema, location="query", error_status_code=400)
@blueprint.response(200, QrPayloadSchema)
def qr_json(args, merchant_id):
    """The payload text of a merchant's VietQR."""
    return services.qr_document(merchant_id, args.get("amount"), args.get("purpose"))


def _card(merchant_id: int, size: str, fmt: str) -> Response:
    info = services.card_for(current_principal(), merchant_id)
    draw = render.card_png if fmt == "png" else render.card_pdf
    return cached_response(render.card_key(info, fmt, size), lambda: draw(info, size),
                           PNG if fmt == "png" else PDF, PRIVATE_CARD, f"the-qr-{info.serial}.{fmt}")


@blueprint.route("/merchants/<int:merchant_id>/card.png")
@blueprint.arguments(CardQuerySchema, location="query")
@blueprint.response(200, content_type=PNG, description="Thẻ QR 300 dpi (1-bit)")
@blueprint.alt_response(304, description=NOT_MODIFIED, success=True)
def card_png(args, merchant_id):
    """The stall card as PNG; managers and the merchant get one issued if none is live."""
    return _card(merchant_id, args["size"], "png")


@blueprint.route("/merchants/<int:merchant_id>/card.pdf")
@blueprint.arguments(CardQuerySchema, location="query")
@blueprint.response(200, content_type=PDF, description="Thẻ QR (PDF khổ A6 hoặc A5)")
@blueprint.alt_response(304, description=NOT_MODIFIED, success=True)
def card_pdf(args, merchant_id):
    """The stall card as a one-page PDF."""
    return _card(merchant_id, args["size"], "pdf")


@blueprint.route("/merchants/<int:merchant_id>/cards", methods=["POST"])
@blueprint.response(201, CardSchema)
def reprint_card(merchant_id):
    """Reprint: revoke the live card and issue one with a new serial."""
    card = services.reprint(current_principal(), merchant_id)
    return {"serial": card.serial, "merchant_id": card.merchant_id, "issued_at": card.issued_at,
            "verify_url": services.info_for(card).verify_url}


@blueprint.route("/cards.pdf")
@blueprint.arguments(SheetQuerySchema, location="query")
@blueprint.response(200, content_type=PDF, description="Thẻ của mọi người bán, 4 thẻ A6 trên mỗi trang A4")
def cards_pdf(args):
    """Every active merchant's card of a street, market or village, streamed."""
    sheet = sheets.sheet_cards(current_principal(), args)
    body = stream_with_context(sheets.sheet_chunks(sheet.infos))
    headers = {"Content-Disposition": sheets.disposition(sheet.name, today()), "Cache-Control": "private, no-store",
               "X-Cards-Count": str(len(sheet.infos)), "X-Cards-Skipped": str(sheet.skipped)}
    return Response(body, mimetype=PDF, headers=headers)


@blueprint.route("/cards/<serial>")
@blueprint.response(200, CardVerifySchema)
def verify_card(serial):
    """Is this card genuine or revoked? (404 for a serial that was never issued.)"""
    return verify_serial(serial)


@blueprint.route("/banks")
@blueprint.response(200, BankSchema(many=True))
def banks():
    """The bank directory (NAPAS247 participants and e-wallets): BIN, code, names, transfer support."""
    return list(all_banks())


@blueprint.route("/vietqr/decode", methods=["POST"])
@blueprint.arguments(DecodeRequestSchema)
@blueprint.response(200, DecodedSchema)
@public_write
def decode_payload(data):
    """Decode a scanned payload exactly as `python -m vietqr decode` does (nothing is stored).

    `kind` is vietqr, vnpay, emv_other or invalid; a valid VietQR has no `errors`."""
    return decode(data["payload"]).to_dict()
