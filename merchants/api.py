"""JSON API of the register: merchants, their status, and export."""
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants import exports, search, services
from merchants.schemas import (
    ExportQuerySchema,
    MerchantInSchema,
    MerchantPageSchema,
    MerchantQuerySchema,
    MerchantSchema,
    MerchantUpdateSchema,
    StatusChangeSchema,
)

blueprint = Blueprint("merchants_api", __name__, url_prefix="/api/v1",
                      description="Sổ đăng ký hộ kinh doanh và chủ thể OCOP")


@blueprint.route("/merchants")
class Merchants(MethodView):
    @blueprint.arguments(MerchantQuerySchema, location="query")
    @blueprint.response(200, MerchantPageSchema)
    def get(self, args):
        """Search the register (public callers see active merchants and public fields only)."""
        return search.list_merchants(current_principal(), args)

    @blueprint.arguments(MerchantInSchema)
    @blueprint.response(201, MerchantSchema)
    def post(self, data):
        """Register a merchant in a village (starts as pending)."""
        return services.create_merchant(current_principal(), data)


@blueprint.route("/merchants/<int:merchant_id>")
class MerchantItem(MethodView):
    @blueprint.response(200, MerchantSchema)
    def get(self, merchant_id):
        """One merchant, with private fields only for its managers and itself."""
        return services.read_merchant(current_principal(), merchant_id)

    @blueprint.arguments(MerchantUpdateSchema)
    @blueprint.response(200, MerchantSchema)
    def patch(self, data, merchant_id):
        """Change a merchant's fields."""
        return services.update_merchant(current_principal(), merchant_id, data)


@blueprint.route("/merchants/<int:merchant_id>/status", methods=["POST"])
@blueprint.arguments(StatusChangeSchema)
@blueprint.response(200, MerchantSchema)
def merchant_status(data, merchant_id):
    """Approve, suspend, reactivate or close a merchant (managers; audited with the reason)."""
    return services.change_status(current_principal(), merchant_id, data["status"], data["reason"])


@blueprint.route("/merchants/export.csv")
@blueprint.arguments(ExportQuerySchema, location="query")
@blueprint.response(200, content_type="text/csv", description="CSV UTF-8 có BOM")
def merchant_export_csv(args) -> Response:
    """Export the filtered register as CSV (UTF-8 with BOM, for Excel)."""
    return exports.csv_response(current_principal(), args)


@blueprint.route("/merchants/export.xlsx")
@blueprint.arguments(ExportQuerySchema, location="query")
@blueprint.response(200, content_type=exports.XLSX, description="Bảng tính Excel")
def merchant_export_xlsx(args) -> Response:
    """Export the filtered register as an Excel workbook."""
    return exports.xlsx_response(current_principal(), args)
