"""Card fonts (DejaVu Sans, shipped in vietqr/card/fonts) and text fitting: measure, wrap, shrink."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")
FONT_FILES = {False: FONT_DIR / "DejaVuSans.ttf", True: FONT_DIR / "DejaVuSans-Bold.ttf"}
_PDF_NAMES = {False: "VietQRCardSans", True: "VietQRCardSans-Bold"}
PT_TO_MM = 25.4 / 72
ELLIPSIS = "…"


@lru_cache(maxsize=None)
def pdf_font(bold: bool) -> str:
    """Register the card font with reportlab once and return its name there."""
    name = _PDF_NAMES[bold]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(FONT_FILES[bold])))
    return name


def text_width_mm(text: str, bold: bool, size_pt: float) -> float:
    """Return the advance width of text in millimetres."""
    return float(pdfmetrics.stringWidth(text, pdf_font(bold), size_pt)) * PT_TO_MM


def _split_long_word(word: str, bold: bool, size_pt: float, width_mm: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width_mm(current + char, bold, size_pt) > width_mm:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current] if current else pieces


def wrap(text: str, bold: bool, size_pt: float, width_mm: float) -> list[str]:
    """Greedily wrap text on spaces; a word wider than the line is broken between letters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width_mm(candidate, bold, size_pt) <= width_mm:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, bold, size_pt, width_mm)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    return lines + [current] if current else lines


def ellipsize(text: str, bold: bool, size_pt: float, width_mm: float) -> str:
    """Return text cut at the end with an ellipsis so that it fits width_mm."""
    if text_width_mm(text, bold, size_pt) <= width_mm:
        return text
    while text and text_width_mm(text.rstrip() + ELLIPSIS, bold, size_pt) > width_mm:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit(
    text: str, bold: bool, width_mm: float, sizes: tuple[float, float], max_lines: int
) -> tuple[float, list[str]]:
    """Return the largest size (within sizes, step 0.5 pt) whose wrap fits max_lines lines.

    When even the smallest size needs more lines, the text is cut with an ellipsis.
    """
    largest, smallest = sizes
    size = largest
    while size >= smallest:
        lines = wrap(text, bold, size, width_mm)
        if len(lines) <= max_lines:
            return size, lines
        size -= 0.5
    lines = wrap(text, bold, smallest, width_mm)
    kept = lines[:max_lines]
    kept[-1] = ellipsize(kept[-1] + ELLIPSIS, bold, smallest, width_mm)
    return smallest, kept
