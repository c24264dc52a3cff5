"""Pages: the adoption dashboard, the commune's targets, survey entry and the commune comparison."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from market.auth.permissions import can_manage_commune, can_manage_village, ensure
from market.auth.principal import current_principal
from market.core.clock import today
from market.core.errors import AppError
from market.core.filters import percent_vi
from market.core.forms import form_values, load_or_422, parse
from market.core.i18n import gettext
from market.places.services import get_commune, get_village
from market.stats import dashboard as dashboard_service
from market.stats import series, survey, targets
from market.stats.forms import percents_schema, survey_schema
from market.stats.schemas import CompareQuerySchema
from market.stats.scopes import KIND_NAMES, parse_scope

blueprint = Blueprint("stats", __name__, url_prefix="/stats")


def _day() -> date:
    try:
        day = date.fromisoformat(request.args.get("date") or today().isoformat())
    except ValueError:
        abort(400)
    if not date(2000, 1, 1) <= day <= date(2100, 12, 31):
        abort(400)
    return day


@blueprint.get("/<kind>/<ident>")
def dashboard(kind: str, ident: str):
    """The dashboard of a street, market, village or commune."""
    try:
        parse_scope(f"{kind}:{ident}")
    except ValueError:
        abort(404)
    data = dashboard_service.dashboard(current_principal(), f"{kind}:{ident}", _day(), 30)
    return render_template("stats/dashboard.html", **data)


@blueprint.route("/targets/<commune>", methods=["GET", "POST"])
def targets_page(commune: str):
    """The commune officer sets the targets of the commune (every change audited)."""
    principal = current_principal()
    ensure(principal, can_manage_commune(principal, get_commune(commune).code))
    rows = targets.list_targets(commune)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        names = [targets.field_name(t.scope_kind, t.indicator.code) for t in rows]
        values, errors = parse(percents_schema(names), form_values(request.form, names))
        if not errors:
            changed = targets.save_form(principal, commune, values)
            flash(gettext("Đã lưu %(changed)s chỉ tiêu.", changed=changed), "ok")
            return redirect(url_for("stats.targets_page", commune=commune))
    status = 422 if errors else 200
    return render_template("stats/targets_page.html", commune=get_commune(commune), rows=rows, errors=errors,
                           field_name=targets.field_name, form=request.form), status


@blueprint.post("/targets/<commune>/reset")
def reset_target_page(commune: str):
    """The commune officer drops one of the commune's own targets: the default applies again (audited)."""
    try:
        item = targets.reset_field(current_principal(), commune, request.form.get("target", ""))
    except AppError as error:
        if error.error_code != "no_own_target":
            raise
        flash(gettext("Chỉ tiêu này đang dùng mục tiêu mặc định."), "ok")
    else:
        default = gettext("chưa có") if item.default_value is None else percent_vi(item.default_value)
        what = f"{KIND_NAMES[item.scope_kind]} – {item.indicator.name_vi}"
        flash(
            gettext("%(what)s: dùng lại mục tiêu mặc định (%(default)s).", what=what, default=default), "ok"
        )
    return redirect(url_for("stats.targets_page", commune=commune), 303)


@blueprint.route("/survey/<int:village_id>", methods=["GET", "POST"])
def survey_page(village_id: int):
    """The village head enters the survey figures of a month."""
    principal = current_principal()
    village = get_village(village_id)
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    indicators = survey.survey_indicators()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        names = [survey.field_name(i.code) for i in indicators]
        values, errors = parse(survey_schema(names), form_values(request.form, [*names, "period"]))
        if not errors:
            period = values.pop("period")
            saved = survey.save_form(principal, village.id, period, values)
            flash(
                gettext("Đã lưu %(saved)s số liệu điều tra kỳ %(period)s.", saved=saved, period=period), "ok"
            )
            return redirect(url_for("stats.survey_page", village_id=village.id))
    status = 422 if errors else 200
    return render_template("stats/survey_page.html", village=village, indicators=indicators, errors=errors,
                           values=survey.list_values(village.id), field_name=survey.field_name,
                           form=request.form, this_month=today().strftime("%Y-%m")), status


@blueprint.get("/compare/<commune>")
def compare_page(commune: str):
    """Every village, market and street of a commune side by side."""
    args = load_or_422(CompareQuerySchema(), {"commune": commune, **request.args.to_dict()},
                       gettext("Tham số không hợp lệ."))
    data = series.compare(current_principal(), commune, args["date"] or today(), args["window"],
                          args["sort"], args["order"])
    return render_template("stats/compare_page.html", **data)
