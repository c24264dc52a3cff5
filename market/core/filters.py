"""Every template filter and global, in one module: Vietnamese numbers, money and verdicts."""
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from market.core.request_input import BIDI_CONTROLS

PER_MILLE = Decimal("0.001")
_DROP_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def share(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator rounded half-up to 0.1 %, once, from the raw counts (0.522523 → 0.523)."""
    return (Decimal(numerator) / Decimal(denominator)).quantize(PER_MILLE, ROUND_HALF_UP)


def percent_vi(value: float | Decimal | None) -> str:
    """0.725 → '72,5 %' (half-up, as written); None → '—'."""
    if value is None:
        return "—"
    percent = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{percent}".replace(".", ",") + " %"


def number_vi(value: int | None) -> str:
    """1234567 → '1.234.567'; None → '—'."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", ".")


def vnd(amount: int | None) -> str:
    """12500000 → "12.500.000 đ" (Vietnamese thousands separator)."""
    return number_vi(amount or 0) + " đ"


def met_vi(met: bool | None, target: float | None, missed: str = "Không đạt") -> str:
    """The Đạt/Không đạt column (the dashboard says "Chưa đạt")."""
    if target is None:
        return "Chưa đặt chỉ tiêu"
    if met is None:
        return "Chưa có số liệu"
    return "Đạt" if met else missed


def csrf_field() -> Markup:
    """The hidden CSRF input every page form carries (checked for every POST by CSRFProtect)."""
    return Markup('<input id="csrf_token" name="csrf_token" type="hidden" value="{}">').format(generate_csrf())


def without_bidi_controls(value: Any) -> Any:
    """Every value a template prints, with direction-override characters dropped: text stored before they
    were refused cannot make a page read backwards ("gnp.exe" shown as "exe.png")."""
    if isinstance(value, str) and not BIDI_CONTROLS.isdisjoint(value):
        return value.translate(_DROP_BIDI)
    return value


def register(app: Flask) -> None:
    """Make the filters and globals above available to every template (called by the factory)."""
    app.jinja_env.finalize = without_bidi_controls
    app.add_template_filter(percent_vi, "percent_vi")
    app.add_template_filter(number_vi, "number_vi")
    app.add_template_filter(vnd, "vnd")
    app.add_template_global(met_vi, "met_vi")
    app.add_template_global(csrf_field, "csrf_field")
