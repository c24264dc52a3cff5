"""The S1a-HKD book as a PDF (reportlab platypus): A4 portrait, the table repeats its header on each page."""
import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from market.core.filters import number_vi
from merchants.books import document
from vietqr.card.text import pdf_font

MARGIN = 15 * mm
WIDTHS = (26 * mm, 124 * mm, 30 * mm)


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = pdf_font(False), pdf_font(True)
    return {"text": ParagraphStyle("text", fontName=regular, fontSize=9, leading=11),
            "right": ParagraphStyle("right", fontName=regular, fontSize=9, leading=11, alignment=2),
            "title": ParagraphStyle("title", fontName=bold, fontSize=13, leading=16, alignment=1),
            "centre": ParagraphStyle("centre", fontName=regular, fontSize=9, leading=11, alignment=1),
            "bold_centre": ParagraphStyle("bold_centre", fontName=bold, fontSize=9, leading=11, alignment=1)}


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _head(book: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    left = [_p(line, styles["text"]) for line in document.header(book)]
    right = [_p(line, styles["right"]) for line in document.form_mark(book)]
    name, period = document.title(book)
    top = Table([[left, right]], colWidths=(120 * mm, 60 * mm))
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [top, Spacer(1, 6 * mm), _p(name, styles["title"]), _p(period, styles["centre"]), Spacer(1, 4 * mm)]


def _table(book: dict[str, Any], styles: dict[str, ParagraphStyle]) -> Table:
    text, bold = styles["text"], pdf_font(True)
    rows: list[list[Any]] = [list(document.COLUMNS), list(document.COLUMN_LETTERS)]
    rows += [[day, _p(description, text), amount] for day, description, amount in document.text_rows(book)]
    rows.append(["", document.TOTAL, number_vi(book["total"])])
    table = Table(rows, colWidths=WIDTHS, repeatRows=2)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), pdf_font(False), 9), ("FONT", (0, 0), (-1, 0), bold, 9),
        ("FONT", (0, -1), (-1, -1), bold, 9), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"), ("ALIGN", (2, 2), (2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _accounts(book: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows = document.account_rows(book)
    if not rows:
        return []
    table = Table([list(document.ACCOUNT_COLUMNS)] + [[_p(v, styles["text"]) for v in row] for row in rows],
                  colWidths=(62 * mm, 38 * mm, 50 * mm, 30 * mm), repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), pdf_font(True), 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 6 * mm), _p("Tài khoản dùng cho hoạt động kinh doanh", styles["bold_centre"]),
            Spacer(1, 2 * mm), table]


def _signature(styles: dict[str, ParagraphStyle]) -> Table:
    lines = [_p(document.SIGNATURE[0], styles["centre"]), _p(document.SIGNATURE[1], styles["bold_centre"]),
             _p(document.SIGNATURE[2], styles["centre"])]
    return Table([["", lines]], colWidths=(100 * mm, 80 * mm))


def to_pdf(book: dict[str, Any]) -> bytes:
    """The book as a PDF: header, the day rows and total, the accounts, the signature block."""
    styles = _styles()
    buffer = io.BytesIO()
    pages = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                              bottomMargin=MARGIN, title=document.title(book)[0], author="Chợ 4.0")
    story = _head(book, styles) + [_table(book, styles)] + _accounts(book, styles)
    story += [Spacer(1, 8 * mm), _signature(styles), Spacer(1, 6 * mm), _p(document.NOTHING_SENT, styles["text"])]
    pages.build(story)
    return buffer.getvalue()
