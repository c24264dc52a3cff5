"""What the dashboard page shows: headline rates, trend, method mix, to-do list and expiring OCOP."""
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from market.auth.principal import Principal
from market.core.extensions import db
from market.core.i18n import gettext
from market.stats import adoption, charts, series
from market.stats.scopes import Scope, merchant_filter
from merchants.models import Merchant, OcopProduct

EXPIRY_DAYS = 90
WITHOUT_QR_LIMIT = 300


def merchants_without_qr(scope: Scope) -> list[str]:
    """Names of active merchants of the scope with no active payment account (the digital team's to-do)."""
    query = (select(Merchant.display_name).where(merchant_filter(scope.kind, scope.ident),
                                                 Merchant.is_active, ~Merchant.has_active_account)
             .order_by(Merchant.display_name).limit(WITHOUT_QR_LIMIT))
    return list(db.session.scalars(query))


def expiring_ocop(scope: Scope, day: date) -> list[dict[str, Any]]:
    """OCOP products of the scope whose certificate ends within 90 days of `day`."""
    query = (select(OcopProduct.name, OcopProduct.stars, OcopProduct.expires_on, Merchant.display_name)
             .join(Merchant, Merchant.id == OcopProduct.merchant_id)
             .where(merchant_filter(scope.kind, scope.ident), Merchant.status == "active",
                    OcopProduct.expires_on.between(day, day + timedelta(days=EXPIRY_DAYS)))
             .order_by(OcopProduct.expires_on))
    return [{"name": n, "stars": s, "expires_on": e, "merchant": m} for n, s, e, m in db.session.execute(query)]


def _charts(figures: dict[str, Any], months: list[dict[str, Any]]) -> dict[str, Any]:
    acceptance = next((t["target"] for t in figures["targets"] if t["indicator"] == "acceptance_rate"), None)
    trend = charts.trend_chart(
        [m["month"][5:] + "/" + m["month"][2:4] for m in months],
        [(gettext("Có QR"), [m["acceptance_rate"] for m in months]),
         (gettext("Có giao dịch"), [m["activity_rate"] for m in months]),
         (gettext("Số GD không TM"), [m["cashless_share_count"] for m in months])], acceptance)
    tx = figures["transactions"]
    counts = [(row["method"], row["count"]) for row in tx["by_method"]]
    counts += [("tally_cashless", tx["tallies"]["cashless_count"]), ("tally_cash", tx["tallies"]["cash_count"])]
    return {"trend": trend, "methods": charts.method_chart(counts)}


def dashboard(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """All the dashboard needs for one scope on one day; the to-do list only for its managers."""
    figures = adoption.adoption(principal, scope_text, day, days)
    scope = adoption.load_scope(scope_text)
    months = series.series(principal, scope_text, *series.default_months(day))["months"]
    manager = adoption.is_manager(principal, scope)
    return {"scope": scope, "figures": figures, "charts": _charts(figures, months), "manager": manager,
            "without_qr": merchants_without_qr(scope) if manager else None,
            "expiring": expiring_ocop(scope, day), "day": day, "window": days}
