"""JSON API of OCOP products."""
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants.ocop import services
from merchants.ocop.schemas import ExpiringQuerySchema, ProductInSchema, ProductSchema, ProductUpdateSchema

blueprint = Blueprint("ocop_api", __name__, url_prefix="/api/v1", description="Sản phẩm OCOP")


@blueprint.route("/merchants/<int:merchant_id>/products")
class Products(MethodView):
    @blueprint.response(200, ProductSchema(many=True))
    def get(self, merchant_id):
        """A merchant's OCOP products."""
        return services.list_products(current_principal(), merchant_id)

    @blueprint.arguments(ProductInSchema)
    @blueprint.response(201, ProductSchema)
    def post(self, data, merchant_id):
        """Add an OCOP product (expiry = issue date + 36 months)."""
        return services.add_product(current_principal(), merchant_id, data)


@blueprint.route("/merchants/<int:merchant_id>/products/<int:product_id>")
class ProductItem(MethodView):
    @blueprint.arguments(ProductUpdateSchema)
    @blueprint.response(200, ProductSchema)
    def patch(self, data, merchant_id, product_id):
        """Change an OCOP product."""
        return services.update_product(current_principal(), merchant_id, product_id, data)

    @blueprint.response(204)
    def delete(self, merchant_id, product_id):
        """Remove an OCOP product."""
        services.remove_product(current_principal(), merchant_id, product_id)


@blueprint.route("/ocop/expiring")
@blueprint.arguments(ExpiringQuerySchema, location="query")
@blueprint.response(200, ProductSchema(many=True))
def ocop_expiring(args):
    """OCOP products whose certificate expires within `days` (default 90)."""
    return services.expiring(args["days"])
