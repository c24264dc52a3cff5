"""Server-side SVG charts: no script, no CDN, scale to a phone screen and print in black and white.

The viewBox is about as wide as a phone's content area (≈ 310 px at 360 px), so a font size of 14 units
stays at least 12 px on a phone. Labels sit below the plot, never on the lines.
"""
import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from market.core.filters import number_vi, percent_vi
from market.core.i18n import gettext

WIDTH = 360
PLOT_H = 170
LEFT, RIGHT, TOP = 46, 12, 10
FONT = 14
LEGEND_ROW = 22
# Colour for screens, dash pattern so the lines stay apart on a black-and-white printout.
SERIES_STYLE = (("#0a7d4f", ""), ("#1f5fbf", "6 3"), ("#b3541e", "2 3"))
TARGET_STYLE = ("#b3261e", "4 4")


def method_names() -> dict[str, str]:
    """The payment methods as the chart names them."""
    return {"vietqr": "VietQR", "bank_transfer": gettext("Chuyển khoản"), "ewallet": gettext("Ví điện tử"),
            "card": gettext("Thẻ"), "cash": gettext("Tiền mặt"),
            "tally_cashless": gettext("Sổ ngày (không tiền mặt)"), "tally_cash": gettext("Sổ ngày (tiền mặt)")}


def _svg(body: list[str], title: str, height: int, width: int = WIDTH) -> Markup:
    head = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, label: str, anchor: str = "start", size: int = FONT) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="#1d2a24">{escape(label)}</text>')


def _axes(labels: Sequence[str]) -> list[str]:
    parts = []
    for tick in (0, 50, 100):
        y = _y(tick / 100)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dde3e0"/>')
        parts.append(_text(LEFT - 4, y + 5, f"{tick} %", "end"))
    step = max(1, math.ceil(len(labels) / 4))
    for index, label in enumerate(labels):
        if (len(labels) - 1 - index) % step == 0:  # counted from the end so the last month is labelled
            anchor = "end" if index == len(labels) - 1 and len(labels) > 1 else "middle"
            parts.append(_text(_x(index, len(labels)), TOP + PLOT_H + 20, label, anchor))
    return parts


def _x(index: int, count: int) -> float:
    inner_w = WIDTH - LEFT - RIGHT
    return LEFT + (inner_w / 2 if count == 1 else inner_w * index / (count - 1))


def _y(value: float) -> float:
    return TOP + PLOT_H * (1 - min(max(value, 0.0), 1.0))


def _line(values: Sequence[float | None], colour: str, dash: str, partial_last: bool) -> list[str]:
    points = [(i, _x(i, len(values)), _y(v)) for i, v in enumerate(values) if v is not None]
    if not points:
        return []
    path = " ".join(f"{x:.1f},{y:.1f}" for _, x, y in points)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>']
    for index, x, y in points:
        hollow = partial_last and index == len(values) - 1  # a month not over yet: an open circle
        fill = "#fff" if hollow else colour
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 if hollow else 3}" fill="{fill}" stroke="{colour}"/>')
    return parts


def _legend(entries: Sequence[tuple[str, str, str]], top: float) -> list[str]:
    parts = []
    for index, (name, colour, dash) in enumerate(entries):
        x, y = 4 + (index % 2) * 178, top + (index // 2) * LEGEND_ROW
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{x}" y1="{y - 5}" x2="{x + 18}" y2="{y - 5}" stroke="{colour}" '
                     f'stroke-width="2"{dash_attr}/>')
        parts.append(_text(x + 22, y, name))
    return parts


def trend_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
                target: float | None = None, partial_last: bool = False) -> Markup:
    """Monthly rates as lines on a 0–100 % scale; the acceptance target a dashed rule named in the legend;
    a month not over yet drawn with open circles and a star on its label."""
    shown = [*labels[:-1], f"{labels[-1]}*"] if partial_last and labels else list(labels)
    parts = _axes(shown)
    entries = [(name, *SERIES_STYLE[i % len(SERIES_STYLE)]) for i, (name, _) in enumerate(series)]
    if target is not None:
        y = _y(target)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{TARGET_STYLE[0]}" '
                     f'stroke-dasharray="{TARGET_STYLE[1]}"/>')
        entries.append((gettext("Chỉ tiêu %(value)s", value=percent_vi(target)), *TARGET_STYLE))
    for index, (_, values) in enumerate(series):
        parts += _line(values, *SERIES_STYLE[index % len(SERIES_STYLE)], partial_last)
    legend_top = TOP + PLOT_H + 46
    parts += _legend(entries, legend_top)
    height = int(legend_top + (len(entries) + 1) // 2 * LEGEND_ROW)
    return _svg(parts, gettext("Xu hướng theo tháng"), height)


def method_chart(counts: Sequence[tuple[str, int]]) -> Markup:
    """Bars: sales per payment method, each named on its own line with count and share beside the bar."""
    total = sum(max(c, 0) for _, c in counts)
    names, bar_h, row_h = method_names(), 16, 44
    parts = []
    for index, (method, count) in enumerate(counts):
        y = 4 + index * row_h
        share = count / total if total > 0 else 0.0
        width = (WIDTH - 130) * max(share, 0.0)
        colour = "#8a948f" if method in ("cash", "tally_cash") else "#0a7d4f"
        parts.append(_text(0, y + 14, names.get(method, method)))
        parts.append(f'<rect x="0" y="{y + 20}" width="{width:.1f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(_text(width + 6, y + 33, f"{number_vi(count)} · {percent_vi(share if total else None)}"))
    return _svg(parts, gettext("Cơ cấu phương thức thanh toán"), max(len(counts), 1) * row_h + 8)
