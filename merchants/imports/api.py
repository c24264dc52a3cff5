"""JSON API of the merchant import (XLSX or CSV, dry run first)."""
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants.imports import services
from merchants.imports.schemas import ImportFileSchema, ImportFormSchema, ImportReportSchema

blueprint = Blueprint("imports_api", __name__, url_prefix="/api/v1",
                      description="Nhập danh sách hộ kinh doanh")


@blueprint.route("/merchants/import", methods=["POST"])
@blueprint.arguments(ImportFormSchema, location="form")
@blueprint.arguments(ImportFileSchema, location="files")
@blueprint.response(200, ImportReportSchema)
def merchant_import(form, files):
    """Import merchants and their primary account from XLSX or CSV (dry run by default).

    At most 5 MB and 20,000 rows: a larger, broken or hostile file gets a 413/422 naming the limit.
    """
    return services.run_import(current_principal(), files["file"], form["village_id"], form["dry_run"])
