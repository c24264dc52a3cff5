"""Stall-card geometry: turns a card's content into positioned drawing operations in millimetres.

Both back ends (Pillow for PNG, reportlab for PDF) draw the same operations, so the PNG and
the PDF of a card look alike. Origin is the card's top-left corner, y grows downwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal, Union

from vietqr.card.text import PT_TO_MM, fit, wrap
from vietqr.image import MIN_CARD_BORDER, Matrix

PAGE_SIZES_MM = {"A6": (105.0, 148.0), "A5": (148.0, 210.0)}
TITLE = "QUÉT MÃ ĐỂ THANH TOÁN"
SUBTITLE = "VietQR · NAPAS 247 · mọi ứng dụng ngân hàng"
WARNING = "Kiểm tra tên người nhận trên app ngân hàng trước khi chuyển"
QR_MIN_SHARE = 0.55
QR_MAX_SHARE = 0.62
# Printers rarely print the outer 4-5 mm; sheet cards touch the page edge, so keep clear of it.
MARGIN_MM = 6.0
LEADING = 1.18
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class CardInfo:
    """Everything printed on one stall card."""

    place_name: str
    stall: str | None
    display_name: str
    bank_short_name: str
    holder_name: str
    account_number: str
    payload: str
    serial: str
    verify_url: str


def check_info(info: CardInfo) -> CardInfo:
    """The card's content, refused when a printed field is missing or blank."""
    if not isinstance(info, CardInfo):
        raise TypeError(f"info must be a CardInfo, not {type(info).__name__}")
    for field in fields(info):
        value = getattr(info, field.name)
        if field.name != "stall" and (not isinstance(value, str) or not value.strip()):
            raise ValueError(f"{field.name} must be a non-empty string")
    return info


@dataclass(frozen=True)
class TextOp:
    """One line of text; y is its baseline."""

    x: float
    y: float
    text: str
    size_pt: float
    bold: bool = False
    align: Align = "center"
    white: bool = False


@dataclass(frozen=True)
class BoxOp:
    """A rounded rectangle, filled black or outlined with a line `stroke` mm wide."""

    x: float
    y: float
    w: float
    h: float
    radius: float
    filled: bool
    stroke: float = 0.0


@dataclass(frozen=True)
class QrOp:
    """The QR symbol without its quiet zone (the layout keeps that area blank)."""

    x: float
    y: float
    module: float
    matrix: Matrix


Op = Union[TextOp, BoxOp, QrOp]


@dataclass(frozen=True)
class CardLayout:
    """Every drawing operation of one card and the card's size in millimetres."""

    width: float
    height: float
    ops: list[Op]


def block_height(size_pt: float, count: int) -> float:
    """Return the height in mm of `count` lines, from accent top to descender bottom."""
    # One em above the first baseline holds stacked Vietnamese accents (Ể, Ấ); 0.3 em the descenders.
    return size_pt * PT_TO_MM * (1.3 + LEADING * (count - 1)) if count else 0.0


def _lines(ops: list[Op], lines: list[str], top: float, size: float, bold: bool, cx: float) -> float:
    for index, text in enumerate(lines):
        ops.append(TextOp(cx, top + size * PT_TO_MM * (1.0 + LEADING * index), text, size, bold))
    return top + block_height(size, len(lines))


def place_line(info: CardInfo) -> str:
    """Return 'place · stall', prefixing a bare stall number with 'Số'."""
    stall = (info.stall or "").strip()
    if not stall:
        return info.place_name
    label = f"Số {stall}" if stall[0].isdigit() else stall
    return f"{info.place_name} · {label}"


def _header(ops: list[Op], width: float, k: float) -> float:
    inner = width - 2 * MARGIN_MM * k
    height = 13.0 * k
    ops.append(BoxOp(MARGIN_MM * k, MARGIN_MM * k, inner, height, 2.5 * k, True))
    cx = width / 2
    title_size, _ = fit(TITLE, True, inner - 6 * k, (14 * k, 9 * k), 1)
    sub_size, _ = fit(SUBTITLE, False, inner - 6 * k, (7 * k, 5 * k), 1)
    ops.append(TextOp(cx, MARGIN_MM * k + 7.0 * k, TITLE, title_size, True, white=True))
    ops.append(TextOp(cx, MARGIN_MM * k + 10.9 * k, SUBTITLE, sub_size, False, white=True))
    return MARGIN_MM * k + height + 1.5 * k


def _bottom(info: CardInfo, width: float, height: float, k: float) -> tuple[list[Op], float]:
    """Lay out bank, holder, account, warning and footer upwards from the bottom edge."""
    inner, cx = width - 2 * MARGIN_MM * k, width / 2
    footer = f"Mã thẻ {info.serial} · Kiểm tra thẻ: {info.verify_url}"
    foot_size, foot_lines = fit(footer, False, inner, (7.5 * k, 5.5 * k), 2)
    warn_size, warn_lines = fit(WARNING, True, inner - 6 * k, (8.5 * k, 6 * k), 2)
    warn_h = block_height(warn_size, len(warn_lines)) + 2.2 * k
    foot_h = block_height(foot_size, len(foot_lines))
    holder_size, holder_lines = fit(info.holder_name, True, inner, (15 * k, 8 * k), 2)
    account = f"{info.bank_short_name} · STK {info.account_number}"
    acc_size, acc_lines = fit(account, True, inner, (12.5 * k, 8 * k), 2)
    blocks = [(holder_lines, holder_size), (acc_lines, acc_size)]
    bank_h = sum(block_height(size, len(lines)) for lines, size in blocks) + 1.6 * k
    top = height - MARGIN_MM * k - foot_h - 1.2 * k - warn_h - bank_h
    ops: list[Op] = []
    y = top
    for lines, size in blocks:
        y = _lines(ops, lines, y, size, True, cx)
    y += 1.6 * k
    ops.append(BoxOp(MARGIN_MM * k + 1.5 * k, y, inner - 3 * k, warn_h, 1.8 * k, False, 0.45 * k))
    _lines(ops, warn_lines, y + 1.1 * k, warn_size, True, cx)
    _lines(ops, foot_lines, y + warn_h + 1.0 * k, foot_size, False, cx)
    return ops, top


def _module_mm(n: int, width: float, room: float, grid_mm: float) -> float:
    """Pick the QR module size: a whole number of printer dots, 55-62 % of the card width."""
    smallest = math.ceil(QR_MIN_SHARE * width / (n * grid_mm))
    by_width = math.floor(QR_MAX_SHARE * width / (n * grid_mm))
    by_room = math.floor(room / ((n + 2 * MIN_CARD_BORDER) * grid_mm))
    return max(smallest, min(by_width, by_room)) * grid_mm


def layout_card(info: CardInfo, matrix: Matrix, size: str, dpi: int) -> CardLayout:
    """Return the drawing operations of a card; QR modules snap to the `dpi` grid."""
    width, height = PAGE_SIZES_MM[size]
    k = width / PAGE_SIZES_MM["A6"][0]
    grid, n, cx = 25.4 / dpi, len(matrix), width / 2
    ops: list[Op] = []
    top = _header(ops, width, k)
    place_size, place_lines = fit(place_line(info), False, width - 2 * MARGIN_MM * k, (11 * k, 7 * k), 1)
    top = _lines(ops, place_lines, top, place_size, False, cx)
    bottom_ops, bottom = _bottom(info, width, height, k)
    qr_floor = (n + 2 * MIN_CARD_BORDER) * math.ceil(QR_MIN_SHARE * width / (n * grid)) * grid
    name_size, name_lines = _fit_name(info.display_name, width - 2 * MARGIN_MM * k, bottom - top - qr_floor, k)
    top = _lines(ops, name_lines, top, name_size, True, cx)
    module = _module_mm(n, width, bottom - top, grid)
    side = module * n
    qr_top = top + max(module * MIN_CARD_BORDER, (bottom - top - side) / 2)
    ops.append(QrOp(_snap((width - side) / 2, grid), _snap(qr_top, grid), module, matrix))
    return CardLayout(width, height, ops + bottom_ops)


def _snap(value: float, grid: float) -> float:
    return round(value / grid) * grid


def _fit_name(name: str, width: float, room: float, k: float) -> tuple[float, list[str]]:
    """Return the name size and lines: one line if it fits at 15 pt or more, else the biggest."""
    one_size, one_line = fit(name, True, width, (19.0 * k, 15.0 * k), 1)
    if len(wrap(name, True, one_size, width)) == 1 and block_height(one_size, 1) <= room:
        return one_size, one_line
    size = 19.0 * k
    while size > 10.0 * k:
        lines = wrap(name, True, size, width)
        if len(lines) <= 3 and block_height(size, len(lines)) <= room:
            return size, lines
        size -= 0.5 * k
    lines_allowed = 1
    while lines_allowed < 3 and block_height(10.0 * k, lines_allowed + 1) <= room:
        lines_allowed += 1
    return fit(name, True, width, (10.0 * k, 10.0 * k), lines_allowed)
