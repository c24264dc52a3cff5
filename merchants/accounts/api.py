"""JSON API of payment accounts and OCOP products of a merchant."""
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants import accounts, ocop
from merchants.schemas import (
    AccountInSchema, AccountSchema, AccountUpdateSchema, ExpiringQuerySchema, ProductInSchema,
    ProductSchema, ProductUpdateSchema,
)

blueprint = Blueprint("accounts_api", __name__, url_prefix="/api/v1",
                      description="Tài khoản nhận tiền và sản phẩm OCOP")


@blueprint.route("/merchants/<int:merchant_id>/accounts")
class Accounts(MethodView):
    @blueprint.response(200, AccountSchema(many=True))
    def get(self, merchant_id):
        """A merchant's payment accounts (managers and the merchant)."""
        return accounts.list_accounts(current_principal(), merchant_id)

    @blueprint.arguments(AccountInSchema)
    @blueprint.response(201, AccountSchema)
    def post(self, data, merchant_id):
        """Add an account; it waits for a second person to confirm it."""
        return accounts.add_account(current_principal(), merchant_id, data)


@blueprint.route("/merchants/<int:merchant_id>/accounts/<int:account_id>")
class AccountItem(MethodView):
    @blueprint.arguments(AccountUpdateSchema)
    @blueprint.response(200, AccountSchema)
    def patch(self, data, merchant_id, account_id):
        """Change an account (a new destination must be confirmed again; its cards are revoked)."""
        return accounts.update_account(current_principal(), merchant_id, account_id, data)

    @blueprint.response(204)
    def delete(self, merchant_id, account_id):
        """Remove an account (kept in history; its cards are revoked)."""
        accounts.remove_account(current_principal(), merchant_id, account_id)


@blueprint.route("/merchants/<int:merchant_id>/accounts/<int:account_id>/confirm", methods=["POST"])
@blueprint.response(200, AccountSchema)
def account_confirm(merchant_id, account_id):
    """Confirm a pending account (a manager of the village other than who entered it)."""
    return accounts.confirm_account(current_principal(), merchant_id, account_id)


@blueprint.route("/merchants/<int:merchant_id>/products")
class Products(MethodView):
    @blueprint.response(200, ProductSchema(many=True))
    def get(self, merchant_id):
        """A merchant's OCOP products."""
        return ocop.list_products(current_principal(), merchant_id)

    @blueprint.arguments(ProductInSchema)
    @blueprint.response(201, ProductSchema)
    def post(self, data, merchant_id):
        """Add an OCOP product (expiry = issue date + 36 months)."""
        return ocop.add_product(current_principal(), merchant_id, data)


@blueprint.route("/merchants/<int:merchant_id>/products/<int:product_id>")
class ProductItem(MethodView):
    @blueprint.arguments(ProductUpdateSchema)
    @blueprint.response(200, ProductSchema)
    def patch(self, data, merchant_id, product_id):
        """Change an OCOP product."""
        return ocop.update_product(current_principal(), merchant_id, product_id, data)

    @blueprint.response(204)
    def delete(self, merchant_id, product_id):
        """Remove an OCOP product."""
        ocop.remove_product(current_principal(), merchant_id, product_id)


@blueprint.route("/ocop/expiring")
@blueprint.arguments(ExpiringQuerySchema, location="query")
@blueprint.response(200, ProductSchema(many=True))
def ocop_expiring(args):
    """OCOP products whose certificate expires within `days` (default 90)."""
    return ocop.expiring(args["days"])
