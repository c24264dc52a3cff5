"""JSON API of a merchant's payment accounts."""
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants.accounts import services
from merchants.accounts.schemas import AccountInSchema, AccountSchema, AccountUpdateSchema

blueprint = Blueprint("accounts_api", __name__, url_prefix="/api/v1", description="Tài khoản nhận tiền")


@blueprint.route("/merchants/<int:merchant_id>/accounts")
class Accounts(MethodView):
    @blueprint.response(200, AccountSchema(many=True))
    def get(self, merchant_id):
        """A merchant's payment accounts (managers and the merchant)."""
        return services.list_accounts(current_principal(), merchant_id)

    @blueprint.arguments(AccountInSchema)
    @blueprint.response(201, AccountSchema)
    def post(self, data, merchant_id):
        """Add an account; it waits for a second person to confirm it."""
        return services.add_account(current_principal(), merchant_id, data)


@blueprint.route("/merchants/<int:merchant_id>/accounts/<int:account_id>")
class AccountItem(MethodView):
    @blueprint.arguments(AccountUpdateSchema)
    @blueprint.response(200, AccountSchema)
    def patch(self, data, merchant_id, account_id):
        """Change an account (a new destination must be confirmed again; its cards are revoked)."""
        return services.update_account(current_principal(), merchant_id, account_id, data)

    @blueprint.response(204)
    def delete(self, merchant_id, account_id):
        """Remove an account (kept in history; its cards are revoked)."""
        services.remove_account(current_principal(), merchant_id, account_id)


@blueprint.route("/merchants/<int:merchant_id>/accounts/<int:account_id>/confirm", methods=["POST"])
@blueprint.response(200, AccountSchema)
def account_confirm(merchant_id, account_id):
    """Confirm a pending account (a manager of the village other than who entered it)."""
    return services.confirm_account(current_principal(), merchant_id, account_id)
