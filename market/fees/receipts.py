"""Receipts (biên lai) of paid bills: what they show, and the A5 PDF."""
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from market.auth.principal import Principal
from market.core.clock import local_text
from market.core.errors import AppError
from market.core.extensions import db
from market.core.filters import vnd
from market.core.i18n import N_
from market.core.i18n import gettext as _
from market.fees.access import readable_bill
from market.fees.models import Bill, FeePayment
from vietqr.card.text import pdf_font

METHOD_NAMES = {"transfer": N_("Chuyển khoản"), "cash": N_("Tiền mặt"), "credit": N_("Tiền nộp thừa kỳ trước")}


@dataclass(frozen=True)
class Receipt:
    """A paid bill and the payments that paid it."""

    bill: Bill
    payments: list[FeePayment]

    def lines(self) -> list[tuple[str, str]]:
        """Label and value pairs printed on the receipt."""
        bill = self.bill
        rows = [(_("Số biên lai"), bill.receipt_serial or ""), (_("Chợ"), bill.market.name),
                (_("Hộ kinh doanh"), bill.merchant.display_name), (_("Sạp"), bill.stall or "—"),
                (_("Khoản phí"), _("%(fee)s, kỳ %(month)s/%(year)s", fee=bill.fee.name, month=bill.period[5:],
                                   year=bill.period[:4])),
                (_("Số tiền"), vnd(bill.amount)), (_("Mã thanh toán"), bill.payment_code),
                (_("Ngày nộp đủ"), local_text(bill.paid_at))]
        for payment in self.payments:
            reference = payment.receipt_number or (payment.credit.reference if payment.credit else "")
            rows.append((_(METHOD_NAMES[payment.method]), f"{vnd(payment.amount)} — {reference}".rstrip(" —")))
        return rows


def receipt_of(principal: Principal, bill_id: int) -> Receipt:
    """The receipt of a fully paid bill (409 before it is paid)."""
    bill = readable_bill(principal, bill_id)
    if bill.receipt_serial is None:
        raise AppError(409, "not_paid", _("Hoá đơn chưa nộp đủ nên chưa có biên lai."),
                       {"status": [bill.status]})
    payments = db.session.scalars(select(FeePayment).where(FeePayment.bill_id == bill.id)
                                  .options(selectinload(FeePayment.credit)).order_by(FeePayment.id))
    return Receipt(bill, list(payments))


def receipt_pdf(principal: Principal, bill_id: int) -> bytes:
    """The receipt as a one-page A5 PDF."""
    receipt = receipt_of(principal, bill_id)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    canvas.setTitle(f"Biên lai {receipt.bill.receipt_serial}")
    width, height = A5
    canvas.setFont(pdf_font(True), 15)
    canvas.drawCentredString(width / 2, height - 20 * mm, "BIÊN LAI THU PHÍ CHỢ")
    y = height - 35 * mm
    for label, value in receipt.lines():
        canvas.setFont(pdf_font(False), 10)
        canvas.drawString(14 * mm, y, f"{label}:")
        canvas.setFont(pdf_font(True), 10)
        canvas.drawString(52 * mm, y, value[:60])
        y -= 7 * mm
    canvas.setFont(pdf_font(False), 8)
    canvas.drawString(14 * mm, 14 * mm, "Biên lai điện tử do Chợ 4.0 lập từ giao dịch đã ghi nhận.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
