"""Printable stall cards: one card as PNG or PDF, and A4 sheets of four A6 cards for a street."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import BinaryIO, overload

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from vietqr.card.layout import PAGE_SIZES_MM, BoxOp, CardInfo, CardLayout, TextOp, check_info, layout_card
from vietqr.card.pdf import A4_MM, SLOTS_PER_PAGE, draw_card, draw_cut_marks, slot_origin
from vietqr.card.text import FONT_FILES
from vietqr.image import check_int, matrix_image, qr_matrix

PDF_GRID_DPI = 300
CHUNK_BYTES = 64 * 1024
_ANCHORS = {"left": "ls", "center": "ms", "right": "rs"}


def _check_size(size: str) -> str:
    if size not in PAGE_SIZES_MM:
        raise ValueError(f"size must be one of {', '.join(PAGE_SIZES_MM)}, not {size!r}")
    return size


def card_layout(info: CardInfo, *, size: str = "A6", dpi: int = PDF_GRID_DPI) -> CardLayout:
    """Return the checked layout of a card, its QR snapped to the `dpi` dot grid."""
    check_info(info)
    return layout_card(info, qr_matrix(info.payload), _check_size(size), dpi)


@lru_cache(maxsize=64)
def _pil_font(bold: bool, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[bold]), pixels)


def _draw_png(layout: CardLayout, dpi: int) -> Image.Image:
    scale = dpi / 25.4
    image = Image.new("1", (round(layout.width * scale), round(layout.height * scale)), 1)
    draw = ImageDraw.Draw(image)
    for op in layout.ops:
        if isinstance(op, TextOp):
            font = _pil_font(op.bold, round(op.size_pt * dpi / 72))
            xy = (op.x * scale, op.y * scale)
            draw.text(xy, op.text, fill=int(op.white), font=font, anchor=_ANCHORS[op.align])
        elif isinstance(op, BoxOp):
            box = (op.x * scale, op.y * scale, (op.x + op.w) * scale, (op.y + op.h) * scale)
            width = max(1, round(op.stroke * scale))
            fill, outline = (0, None) if op.filled else (None, 0)
            draw.rounded_rectangle(box, op.radius * scale, fill=fill, outline=outline, width=width)
        else:
            module = round(op.module * scale)
            symbol = matrix_image(op.matrix, scale=module, border=0)
            image.paste(symbol, (round(op.x * scale), round(op.y * scale)))
    return image


def render_card_image(info: CardInfo, *, size: str = "A6", dpi: int = 300) -> Image.Image:
    """Return a card as a 1-bit Pillow image."""
    check_int("dpi", dpi, 72, 600)
    return _draw_png(card_layout(info, size=size, dpi=dpi), dpi)


def render_card_png(info: CardInfo, *, size: str = "A6", dpi: int = 300) -> bytes:
    """Return a card as a 1-bit PNG (A6 at 300 dpi is 1240×1748 px)."""
    image = render_card_image(info, size=size, dpi=dpi)
    buffer = io.BytesIO()
    # zlib level 2 is ~2x faster than the default here for ~20 % more bytes (18 KB a card).
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=2)
    return buffer.getvalue()


def _canvas(out: BinaryIO, page_mm: tuple[float, float]) -> Canvas:
    # invariant=1 drops timestamps and random ids so the same cards give the same bytes (ETag).
    canvas = Canvas(out, pagesize=(page_mm[0] * mm, page_mm[1] * mm), pageCompression=1, invariant=1)
    canvas.setTitle("Thẻ mã QR thanh toán")
    canvas.setCreator("vietqr")
    return canvas


def render_card_pdf(info: CardInfo, *, size: str = "A6") -> bytes:
    """Return a card as a one-page PDF of the card's own size."""
    layout = card_layout(info, size=size)
    buffer = io.BytesIO()
    canvas = _canvas(buffer, PAGE_SIZES_MM[size])
    draw_card(canvas, layout, 0, 0, layout.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_sheet_pdf(cards: Iterable[CardInfo], out: BinaryIO) -> int:
    """Write every card, four A6 per A4 page with cut marks, to out; return the card count."""
    card_mm = PAGE_SIZES_MM["A6"]
    canvas = _canvas(out, A4_MM)
    count = 0
    for info in cards:
        left, top = slot_origin(count % SLOTS_PER_PAGE, card_mm)
        draw_card(canvas, card_layout(info), left, top, A4_MM[1])
        count += 1
        if count % SLOTS_PER_PAGE == 0:
            _finish_page(canvas, card_mm)
    if count == 0:
        raise ValueError("cards must contain at least one card")
    if count % SLOTS_PER_PAGE:
        _finish_page(canvas, card_mm)
    canvas.save()
    return count


def _finish_page(canvas: Canvas, card_mm: tuple[float, float]) -> None:
    draw_cut_marks(canvas, card_mm, slot_origin(0, card_mm)[1])
    canvas.showPage()


@overload
def render_sheet_pdf(cards: Iterable[CardInfo], out: None = None) -> bytes: ...
@overload
def render_sheet_pdf(cards: Iterable[CardInfo], out: BinaryIO) -> None: ...
def render_sheet_pdf(cards: Iterable[CardInfo], out: BinaryIO | None = None) -> bytes | None:
    """Return the A4 sheet PDF of the cards, or write it to out and return None."""
    if out is not None:
        write_sheet_pdf(cards, out)
        return None
    buffer = io.BytesIO()
    write_sheet_pdf(cards, buffer)
    return buffer.getvalue()


def iter_sheet_pdf(cards: Iterable[CardInfo], chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Yield the A4 sheet PDF in chunks, for a streamed HTTP response."""
    # reportlab keeps each finished page as a compressed stream (a few KB) and writes the file
    # only at save(), because the PDF cross-reference table needs every object's offset; so
    # the first chunk comes after the last page is drawn, and memory grows by ~10 KB a card.
    buffer = io.BytesIO()
    write_sheet_pdf(cards, buffer)
    data = memoryview(buffer.getvalue())
    del buffer
    for start in range(0, len(data), chunk_bytes):
        yield bytes(data[start : start + chunk_bytes])
