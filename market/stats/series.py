"""Monthly series of a scope and the side-by-side comparison of a commune's places."""
from datetime import date
from typing import Any

from sqlalchemy import select

from market.auth.permissions import can_manage_commune
from market.auth.principal import Principal
from market.core.extensions import db
from market.places.models import Market, Street, Village
from market.places.services import get_commune
from market.stats import figures as fig
from market.stats.adoption import MIN_MERCHANTS_FOR_VALUES, figures_dict, is_manager, load_scope, scope_dict
from market.stats.periods import months_between, window
from market.stats.scopes import merchant_filter
from merchants.models import Merchant


def default_months(today: date, count: int = 12) -> tuple[date, date]:
    """The `count` months ending with today's."""
    last = today.replace(day=1)
    months = last.year * 12 + last.month - count
    return date(months // 12, months % 12 + 1, 1), last


def series(principal: Principal, scope_text: str, first: date, last: date) -> dict[str, Any]:
    """Each month's figures as of its last day, over that month's days."""
    scope = load_scope(scope_text)
    periods = months_between(first, last)
    found = fig.compute(merchant_filter(scope.kind, scope.ident), periods)
    manager = is_manager(principal, scope)
    months = []
    for period in periods:
        figures = found.get((None, period.key), fig.Figures())
        shown = manager or figures.merchants_reporting >= MIN_MERCHANTS_FOR_VALUES
        months.append({"month": period.key, "from": period.start, "to": period.end, **figures_dict(figures, shown)})
    return {"scope": scope_dict(scope), "from": first.strftime("%Y-%m"), "to": last.strftime("%Y-%m"),
            "months": months}


PLACE_GROUPS: tuple[tuple[str, Any, Any], ...] = (
    ("village", Village, Merchant.village_id), ("market", Market, Merchant.market_id),
    ("street", Street, Merchant.street_id))


def _sort_key(field: str, descending: bool) -> Any:
    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        value = row[field]
        if value is None:
            return (1, 0)  # no data goes last whichever the order
        if isinstance(value, str):
            return (0, value.casefold())
        return (0, -value if descending else value)
    return key


def compare(principal: Principal, commune_code: str, day: date, days: int, sort: str, order: str) -> dict[str, Any]:
    """Every village, market and street of a commune side by side on `day`."""
    commune = get_commune(commune_code)
    period = window(day, days)
    scope = merchant_filter("commune", commune.code)
    manager = can_manage_commune(principal, commune.code)
    rows = []
    for kind, model, column in PLACE_GROUPS:
        found = fig.compute(scope, [period], group=column)
        places = db.session.execute(select(model.id, model.name).where(model.commune_code == commune.code))
        for place_id, name in places:
            figures = found.get((place_id, period.key), fig.Figures())
            shown = manager or figures.merchants_reporting >= MIN_MERCHANTS_FOR_VALUES
            rows.append({"kind": kind, "id": place_id, "name": name, **figures_dict(figures, shown)})
    descending = order == "desc"
    rows.sort(key=_sort_key(sort, descending))
    if descending and sort in ("name", "kind"):
        rows.reverse()
    return {"commune_code": commune.code, "commune_name": commune.full_name, "date": day, "window": days,
            "from": period.start, "to": period.end, "sort": sort, "order": order, "rows": rows}
