"""PDF back end for stall cards: draws a CardLayout on a reportlab canvas, QR as vector runs."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from vietqr.card.layout import BoxOp, CardLayout, QrOp, TextOp
from vietqr.card.text import pdf_font
from vietqr.image import dark_runs

A4_MM = (210.0, 297.0)
SLOTS_PER_PAGE = 4
CUT_GRAY = 0.55


def draw_card(canvas: Canvas, layout: CardLayout, left_mm: float, top_mm: float, page_h_mm: float) -> None:
    """Draw one card with its top-left corner at (left_mm, top_mm) from the page's top-left."""
    canvas.saveState()
    # Flip to the layout's top-left origin in millimetres; text is flipped back where drawn.
    canvas.translate(left_mm * mm, (page_h_mm - top_mm) * mm)
    canvas.scale(mm, -mm)
    for op in layout.ops:
        if isinstance(op, TextOp):
            _draw_text(canvas, op)
        elif isinstance(op, BoxOp):
            _draw_box(canvas, op)
        else:
            _draw_qr(canvas, op)
    canvas.restoreState()


def _draw_text(canvas: Canvas, op: TextOp) -> None:
    canvas.saveState()
    canvas.translate(op.x, op.y)
    canvas.scale(1 / mm, -1 / mm)
    canvas.setFillGray(1 if op.white else 0)
    canvas.setFont(pdf_font(op.bold), op.size_pt)
    if op.align == "center":
        canvas.drawCentredString(0, 0, op.text)
    elif op.align == "right":
        canvas.drawRightString(0, 0, op.text)
    else:
        canvas.drawString(0, 0, op.text)
    canvas.restoreState()


def _draw_box(canvas: Canvas, op: BoxOp) -> None:
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    canvas.setLineWidth(op.stroke)
    canvas.roundRect(op.x, op.y, op.w, op.h, op.radius, stroke=int(not op.filled), fill=int(op.filled))


def _draw_qr(canvas: Canvas, op: QrOp) -> None:
    canvas.saveState()
    # In module units every run is "x y w 1 re" with small integers: compact and gap-free.
    canvas.translate(op.x, op.y)
    canvas.scale(op.module, op.module)
    canvas.setFillGray(0)
    path = canvas.beginPath()
    for x, y, length in dark_runs(op.matrix):
        path.rect(x, y, length, 1)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_cut_marks(canvas: Canvas, card_mm: tuple[float, float], top_mm: float) -> None:
    """Draw dashed cut guides between the four A6 slots of an A4 page."""
    width, height = A4_MM
    canvas.saveState()
    canvas.setStrokeGray(CUT_GRAY)
    canvas.setLineWidth(0.3)
    canvas.setDash(3, 2)
    middle_y = (height - top_mm - card_mm[1]) * mm
    canvas.line(card_mm[0] * mm, 0, card_mm[0] * mm, height * mm)
    canvas.line(0, middle_y, width * mm, middle_y)
    canvas.restoreState()


def slot_origin(index: int, card_mm: tuple[float, float]) -> tuple[float, float]:
    """Return the top-left corner (mm) of slot 0-3 on an A4 page: left-right, then top-bottom."""
    top_margin = (A4_MM[1] - 2 * card_mm[1]) / 2
    return (index % 2) * card_mm[0], top_margin + (index // 2) * card_mm[1]
