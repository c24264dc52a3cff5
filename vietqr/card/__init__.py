"""Printable stall cards: lay out a card's content, then draw it as PNG, PDF or A4 sheets of four."""

from vietqr.card.layout import CardInfo, CardLayout
from vietqr.card.render import (
    card_layout,
    iter_sheet_pdf,
    render_card_image,
    render_card_pdf,
    render_card_png,
    render_sheet_pdf,
    write_sheet_pdf,
)

__all__ = [
    "CardInfo",
    "CardLayout",
    "card_layout",
    "iter_sheet_pdf",
    "render_card_image",
    "render_card_pdf",
    "render_card_png",
    "render_sheet_pdf",
    "write_sheet_pdf",
]
