"""JSON API of adoption statistics, indicators, targets, survey figures and the criterion report."""
from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from market.core.clock import today
from market.stats import adoption, document, report, series, survey, targets
from market.stats.periods import parse_month
from market.stats.schemas import (
    AdoptionQuerySchema,
    AdoptionSchema,
    CommuneQuerySchema,
    CompareQuerySchema,
    CompareSchema,
    IndicatorSchema,
    SeriesQuerySchema,
    SeriesSchema,
    SurveyUpdateSchema,
    SurveyValueSchema,
    TargetSchema,
    TargetUpdateSchema,
)

blueprint = Blueprint("stats_api", __name__, url_prefix="/api/v1", description="Thống kê, chỉ tiêu, báo cáo")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _binary(content_type: str) -> dict[str, Any]:
    return {"responses": {"200": {"description": "OK", "content": {
        content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


@blueprint.route("/stats/adoption")
@blueprint.arguments(AdoptionQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.response(200, AdoptionSchema)
def adoption_figures(args):
    """Adoption of a street, market, village or commune on a day (aggregates only)."""
    return adoption.adoption(current_principal(), args["scope"], args["date"] or today(), args["window"])


@blueprint.route("/stats/series")
@blueprint.arguments(SeriesQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.response(200, SeriesSchema)
def monthly_series(args):
    """The same figures per month (each as of the month's last day, over that month)."""
    first, last = series.default_months(today())
    if args["first"] and args["last"]:
        first, last = parse_month(args["first"]), parse_month(args["last"])
    return series.series(current_principal(), args["scope"], first, last)


@blueprint.route("/stats/compare")
@blueprint.arguments(CompareQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.response(200, CompareSchema)
def compare(args):
    """Every village, market and street of a commune side by side, sortable."""
    return series.compare(current_principal(), args["commune"], args["date"] or today(), args["window"],
                          args["sort"], args["order"])


@blueprint.route("/stats/indicators")
@blueprint.response(200, IndicatorSchema(many=True))
def indicators():
    """The indicator catalogue in report order."""
    return targets.indicators()


@blueprint.route("/stats/targets")
@blueprint.arguments(CommuneQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.response(200, TargetSchema(many=True))
def commune_targets(args):
    """The targets a commune applies, per scope kind (its own, or the defaults)."""
    return targets.list_targets(args["commune"])


@blueprint.route("/stats/targets/<commune>/<scope_kind>/<indicator>")
class CommuneTarget(MethodView):
    @blueprint.arguments(TargetUpdateSchema)
    @blueprint.response(200, TargetSchema)
    def put(self, data, commune, scope_kind, indicator):
        """Set a target of a commune (commune officers); audited."""
        return targets.set_target(current_principal(), commune, scope_kind, indicator, data["value"])

    @blueprint.response(204, description="Removed: the default target applies again")
    def delete(self, commune, scope_kind, indicator):
        """Remove a commune's own target so the default applies again (commune officers); audited.

        404 when the commune had no target of its own for it, or the kind or indicator is unknown.
        """
        targets.reset_target(current_principal(), commune, scope_kind, indicator)


@blueprint.route("/stats/survey/<int:village_id>")
@blueprint.response(200, SurveyValueSchema(many=True))
def survey_values(village_id):
    """Survey figures entered for a village."""
    return survey.list_values(village_id)


@blueprint.route("/stats/survey/<int:village_id>/<indicator>/<period>", methods=["PUT"])
@blueprint.arguments(SurveyUpdateSchema)
@blueprint.response(200, SurveyValueSchema)
def set_survey_value(data, village_id, indicator, period):
    """Enter a survey figure of a village for a month YYYY-MM (village head, commune); audited."""
    return survey.set_value(current_principal(), village_id, indicator, period, data["value"])


@blueprint.route("/stats/report.xlsx")
@blueprint.arguments(AdoptionQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.doc(**_binary(XLSX))
def report_xlsx(args):
    """The criterion report of a scope as a formatted Excel workbook."""
    data = report.build(current_principal(), args["scope"], args["date"] or today(), args["window"])
    return Response(document.to_xlsx(data), mimetype=XLSX, headers=report.disposition(data, "xlsx"))


@blueprint.route("/stats/report.csv")
@blueprint.arguments(AdoptionQuerySchema, location="query", unknown=ma.RAISE)
@blueprint.doc(**_binary("text/csv"))
def report_csv(args):
    """The criterion report of a scope as CSV (UTF-8 with BOM, opens in Excel)."""
    data = report.build(current_principal(), args["scope"], args["date"] or today(), args["window"])
    return Response(report.to_csv(data), mimetype="text/csv", headers=report.disposition(data, "csv"))
