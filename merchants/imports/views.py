"""The village head's import page: upload the Excel list, dry run first, then import."""
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from market.auth.principal import login_required
from market.core.forms import attempt, render_form
from market.core.i18n import gettext
from merchants import services as merchants
from merchants.imports import services
from merchants.imports.read import MAX_ROWS

blueprint = Blueprint("imports", __name__, url_prefix="/merchants")


@blueprint.route("/import", methods=["GET", "POST"])
def upload() -> Any:
    """The village head uploads the Excel list: dry run first, then import."""
    who = login_required()
    report = errors = message = None
    if request.method == "POST":
        file = request.files.get("file")
        village_id = request.form.get("village_id", type=int) or who.village_id or 0
        dry_run = request.form.get("action") != "commit"
        services.import_village(who, village_id)
        if file is None or not file.filename:
            errors, message = {"file": [gettext("Hãy chọn tệp .xlsx hoặc .csv.")]}, gettext("Chưa chọn tệp.")
        else:
            report, errors, message = attempt(lambda: services.run_import(who, file, village_id, dry_run))
        if report and report["created"]:
            flash(gettext("Đã nhập %(created)s hộ kinh doanh.", created=report['created']))
            return redirect(url_for("merchants.index", village=village_id))
    return render_form("imports/upload.html", errors, message, report=report, max_rows=MAX_ROWS,
                       villages=merchants.manageable_villages(who))
