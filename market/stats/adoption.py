"""Use cases behind the statistics API: adoption of a scope on a day, with its targets."""
from datetime import date
from typing import Any

from market.auth.permissions import can_manage_village
from market.auth.principal import Principal
from market.stats import fee_share, survey, targets
from market.stats import figures as fig
from market.stats.periods import Period, window
from market.stats.scopes import Scope, merchant_filter, parse_scope, resolve

# Below this many reporting merchants, money totals would show one household's takings.
MIN_MERCHANTS_FOR_VALUES = 3


def load_scope(text: str) -> Scope:
    """Resolve an already validated `kind:id` scope, or 404."""
    return resolve(*parse_scope(text))


def is_manager(principal: Principal, scope: Scope) -> bool:
    """Managers of the scope's village (or commune) see money totals of small scopes."""
    return can_manage_village(principal, scope.village_id, scope.commune_code)


def figures_dict(figures: fig.Figures, show_values: bool) -> dict[str, Any]:
    """The JSON shape of one set of figures; money totals are None when hidden."""
    totals, rates = figures.totals(), figures.rates()

    def money(value: int) -> int | None:
        return value if show_values else None

    return {
        "merchants_total": figures.merchants_total, "merchants_accepting": figures.merchants_accepting,
        "merchants_transacting": figures.merchants_transacting,
        "acceptance_rate": rates["acceptance_rate"], "activity_rate": rates["activity_rate"],
        "cashless_share_count": rates["cashless_share_count"], "cashless_share_value": rates["cashless_share_value"],
        "transactions": {
            "count": totals["all_count"], "value": money(totals["all_value"]),
            "cashless_count": totals["cashless_count"], "cashless_value": money(totals["cashless_value"]),
            "by_method": [{"method": m, "count": c, "value": money(v)} for m, (c, v) in figures.by_method.items()],
            "tallies": {k: (money(v) if k.endswith("value") else v) for k, v in figures.tally.items()},
        },
        "ocop": {"producers": figures.ocop_producers, "online": figures.ocop_online,
                 "online_share": rates["ocop_online_share"]},
        "values_hidden": not show_values,
    }


def _shows_values(principal: Principal, scope: Scope, figures: fig.Figures) -> bool:
    return is_manager(principal, scope) or figures.merchants_reporting >= MIN_MERCHANTS_FOR_VALUES


def target_rows(scope: Scope, figures: fig.Figures, day: date,
                fees: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each indicator of the scope kind: target, actual and whether it is met (None: no data)."""
    actual_by_code: dict[str, float | None] = {**figures.rates(), **survey.actuals(scope, day),
                                               **fee_share.actuals(fees)}
    counts = figures.fractions()
    rows = []
    for item in targets.effective_targets(scope.commune_code, (scope.kind,), day):
        actual = actual_by_code.get(item.indicator.code)
        met = None if actual is None or item.value is None else actual >= item.value
        rows.append({"indicator": item.indicator.code, "name": item.indicator.name_vi,
                     "numerator": item.indicator.numerator, "denominator": item.indicator.denominator,
                     "unit": item.indicator.unit, "source": item.indicator.source,
                     "target": item.value, "actual": actual, "met": met,
                     "counts": counts.get(item.indicator.code) if actual is not None else None})
    return rows


def scope_dict(scope: Scope) -> dict[str, Any]:
    """Names and codes of a scope and the places above it."""
    return {"kind": scope.kind, "id": scope.ident, "name": scope.name, "village_id": scope.village_id,
            "village_name": scope.village_name, "commune_code": scope.commune_code,
            "commune_name": scope.commune_name, "province_code": scope.province_code,
            "province_name": scope.province_name}


def compute_one(scope: Scope, period: Period) -> fig.Figures:
    """The figures of one scope over one period."""
    found = fig.compute(merchant_filter(scope.kind, scope.ident), [period])
    return found.get((None, period.key), fig.Figures())


def adoption(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """Adoption figures of a scope on `day` over the `days` before it, with targets."""
    scope = load_scope(scope_text)
    period = window(day, days)
    figures = compute_one(scope, period)
    fees = fee_share.figures(scope, period)
    return {"scope": scope_dict(scope), "date": day, "window": days, "from": period.start, "to": period.end,
            **figures_dict(figures, _shows_values(principal, scope, figures)), "fees": fees,
            "targets": target_rows(scope, figures, day, fees)}
