"""Every template filter and global, in one module: Vietnamese numbers, money, times and verdicts."""
import json
import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from market.core.clock import local_text
from market.core.i18n import gettext, lazy_gettext
from market.core.request_input import BIDI_CONTROLS

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")
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
    return number_vi(amount or 0) + gettext(" đ")


def met_vi(met: bool | None, target: float | None, missed: str = lazy_gettext("Không đạt")) -> str:
    """The Đạt/Không đạt column (the dashboard says "Chưa đạt")."""
    if target is None:
        return gettext("Chưa đặt chỉ tiêu")
    if met is None:
        return gettext("Chưa có số liệu")
    return gettext("Đạt") if met else str(missed)


def translated(text: str | None) -> str:
    """Seeded catalogue text stored in Vietnamese (indicator names, village kinds) in the reader's language."""
    return gettext(text) if text else ""


def readable_value(value: Any) -> str:
    """One value of an audit change as a person reads it: local times, letters not \\u escapes."""
    if isinstance(value, str) and ISO_MOMENT.fullmatch(value):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return local_text(moment if len(value) > 10 else moment.date())
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "—" if value is None else str(value)


def change_text(change: dict[str, Any] | None) -> str:
    """An audit before/after mapping as `key: value; …` (empty for none)."""
    return "; ".join(f"{key}: {readable_value(value)}" for key, value in (change or {}).items())


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
    app.add_template_filter(local_text, "local_time")
    app.add_template_filter(change_text, "change_text")
    app.add_template_filter(translated, "translated")
    app.add_template_global(met_vi, "met_vi")
    app.add_template_global(csrf_field, "csrf_field")
