"""Survey indicators entered per village and month (e-payment accounts, smartphones, skills, Zalo)."""
import re
from datetime import date
from typing import Any

from sqlalchemy import func, select

from market.auth.permissions import can_manage_village, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Village
from market.places.services import get_village
from market.stats.models import Indicator, SurveyValue
from market.stats.scopes import Scope

PERIOD = re.compile(r"^(20\d\d|2100)-(0[1-9]|1[0-2])$")


def _survey_indicator(code: str) -> Indicator:
    indicator = db.session.get(Indicator, code)
    if indicator is None or indicator.source != "survey":
        raise AppError(404, "not_found", gettext("Không có chỉ tiêu điều tra %(code)s.", code=code))
    return indicator


def set_value(principal: Principal, village_id: int, code: str, period: str, value: float) -> SurveyValue:
    """Enter or correct one survey figure of a village (its head or the commune); audited."""
    village = get_village(village_id)
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    _survey_indicator(code)
    if not PERIOD.fullmatch(period):
        raise AppError(
            422,
            "validation_error",
            gettext("Kỳ điều tra dạng YYYY-MM."),
            {"period": [gettext("Dạng YYYY-MM.")]},
        )
    row = db.session.scalar(select(SurveyValue).where(SurveyValue.village_id == village.id,
                                                      SurveyValue.indicator_code == code,
                                                      SurveyValue.period == period))
    before = {"value": row.value} if row else None
    if row is None:
        row = SurveyValue(village_id=village.id, indicator_code=code, period=period, value=value,
                          entered_by=principal.label)
        db.session.add(row)
    row.value, row.entered_by = value, principal.label
    db.session.flush()
    record(principal, "survey.set", "survey_value", row.id, before=before,
           after={"village_id": village.id, "indicator": code, "period": period, "value": value},
           commune_code=village.commune_code)
    return row


def list_values(village_id: int) -> list[SurveyValue]:
    """Every survey figure of a village, newest period first."""
    get_village(village_id)
    query = (select(SurveyValue).where(SurveyValue.village_id == village_id)
             .order_by(SurveyValue.period.desc(), SurveyValue.indicator_code))
    return list(db.session.scalars(query))


def actuals(scope: Scope, day: date) -> dict[str, float]:
    """Latest survey figure up to `day`'s month: the village's own, or the mean over a commune's villages."""
    if scope.kind not in ("village", "commune"):
        return {}
    villages: Any = ([scope.village_id] if scope.kind == "village" else
                     select(Village.id).where(Village.commune_code == scope.commune_code).scalar_subquery())
    month = day.strftime("%Y-%m")
    latest = (select(SurveyValue.village_id, SurveyValue.indicator_code, func.max(SurveyValue.period).label("period"))
              .where(SurveyValue.village_id.in_(villages), SurveyValue.period <= month)
              .group_by(SurveyValue.village_id, SurveyValue.indicator_code).subquery())
    query = (select(SurveyValue.indicator_code, func.avg(SurveyValue.value))
             .join(latest, (latest.c.village_id == SurveyValue.village_id)
                   & (latest.c.indicator_code == SurveyValue.indicator_code) & (latest.c.period == SurveyValue.period))
             .group_by(SurveyValue.indicator_code))
    return {code: round(float(value), 4) for code, value in db.session.execute(query)}


def field_name(code: str) -> str:
    """The form input name of one survey indicator on the survey page."""
    return f"survey__{code}"


def survey_indicators() -> list[Indicator]:
    """Indicators entered from a survey, in report order."""
    query = select(Indicator).where(Indicator.source == "survey").order_by(Indicator.position)
    return list(db.session.scalars(query))


def save_form(principal: Principal, village_id: int, period: str, values: dict[str, float]) -> int:
    """Store the figures typed on the survey page for one month; returns how many were saved."""
    village = get_village(village_id)
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    by_field = {field_name(i.code): i.code for i in survey_indicators()}
    for name, value in values.items():
        set_value(principal, village_id, by_field[name], period, value)
    return len(values)
