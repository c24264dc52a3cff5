"""Server-side SVG charts: no script, no CDN, scale to a phone screen and print in black and white."""
from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from market.core.filters import number_vi, percent_vi
from market.core.i18n import gettext, lazy_gettext

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 40
# Colour for screens, dash pattern so the lines stay apart on a black-and-white printout.
SERIES_STYLE = (("#0a7d4f", ""), ("#1f5fbf", "6 3"), ("#b3541e", "2 3"))
METHOD_NAMES = {
    "vietqr": "VietQR",
    "bank_transfer": lazy_gettext("Chuyển khoản"),
    "ewallet": lazy_gettext("Ví điện tử"),
    "card": lazy_gettext("Thẻ"),
    "cash": lazy_gettext("Tiền mặt"),
    "tally_cashless": lazy_gettext("Sổ ngày (không tiền mặt)"),
    "tally_cash": lazy_gettext("Sổ ngày (tiền mặt)"),
}


def _svg(body: list[str], title: str, height: int = HEIGHT, width: int = WIDTH) -> Markup:
    head = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, label: str, anchor: str = "start", size: int = 10) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="#1d2a24">{escape(label)}</text>')


def _axes(labels: Sequence[str]) -> list[str]:
    inner_h = HEIGHT - TOP - BOTTOM
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = TOP + inner_h * (1 - tick / 100)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dde3e0"/>')
        parts.append(_text(LEFT - 4, y + 3, f"{tick} %", "end", 10))
    step = max(1, len(labels) // 6)
    for index, label in enumerate(labels):
        if (len(labels) - 1 - index) % step == 0:  # counted from the end so the last month is labelled
            anchor = "end" if index == len(labels) - 1 and len(labels) > 1 else "middle"
            parts.append(_text(_x(index, len(labels)), HEIGHT - BOTTOM + 14, label, anchor, 10))
    return parts


def _x(index: int, count: int) -> float:
    inner_w = WIDTH - LEFT - RIGHT
    return LEFT + (inner_w / 2 if count == 1 else inner_w * index / (count - 1))


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(max(value, 0.0), 1.0))


def _line(values: Sequence[float | None], colour: str, dash: str) -> list[str]:
    points = [(_x(i, len(values)), _y(v)) for i, v in enumerate(values) if v is not None]
    if not points:
        return []
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>']
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in points]
    return parts


def trend_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
                target: float | None = None) -> Markup:
    """Monthly rates as lines on a 0–100 % scale, with the acceptance target as a dashed rule."""
    parts = _axes(labels)
    if target is not None:
        y = _y(target)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#b3261e" '
                     f'stroke-dasharray="4 4"/>')
        parts.append(
            _text(WIDTH - RIGHT, y - 3, gettext("Chỉ tiêu %(target)s", target=percent_vi(target)), "end", 9)
        )
    for index, (name, values) in enumerate(series):
        colour, dash = SERIES_STYLE[index % len(SERIES_STYLE)]
        parts += _line(values, colour, dash)
        x = 4 + index * 118
        legend_dash = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{x}" y1="{HEIGHT - 10}" x2="{x + 16}" y2="{HEIGHT - 10}" stroke="{colour}" '
                     f'stroke-width="2"{legend_dash}/>')
        parts.append(_text(x + 20, HEIGHT - 6, name, size=10))
    return _svg(parts, gettext("Xu hướng theo tháng"))


def method_chart(counts: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars: sales per payment method, with count and share written on each bar."""
    total = sum(max(c, 0) for _, c in counts)
    bar_h, gap, label_w, chart_w = 18, 8, 140, 420
    height = max(len(counts), 1) * (bar_h + gap) + 10
    parts = []
    for index, (method, count) in enumerate(counts):
        y = 5 + index * (bar_h + gap)
        share = count / total if total > 0 else 0.0
        width = (chart_w - label_w - 95) * max(share, 0.0)
        colour = "#8a948f" if method in ("cash", "tally_cash") else "#0a7d4f"
        parts.append(_text(0, y + 13, METHOD_NAMES.get(method, method), size=11))
        parts.append(f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(_text(label_w + width + 4, y + 13,
                           f"{number_vi(count)} · {percent_vi(share if total else None)}", size=10))
    return _svg(parts, gettext("Cơ cấu phương thức thanh toán"), height, chart_w)
