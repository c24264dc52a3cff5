"""URL rules of the register's pages (the controllers live in views.py and views_accounts.py)."""
from flask import Blueprint

from merchants import views, views_accounts
from merchants.forms import ACCOUNT_STATUS_VI, KIND_VI, LEVEL_VI, STATUS_VI
from merchants.models import OCOP_GROUPS

blueprint = Blueprint("merchants", __name__, url_prefix="/merchants")
GET_POST = ["GET", "POST"]

blueprint.add_url_rule("/", "index", views.index)
blueprint.add_url_rule("/new", "create", views.create, methods=GET_POST)
blueprint.add_url_rule("/import", "import_file", views_accounts.import_file, methods=GET_POST)
blueprint.add_url_rule("/<int:merchant_id>", "detail", views.detail)
blueprint.add_url_rule("/<int:merchant_id>/public", "public", views.public)
blueprint.add_url_rule("/<int:merchant_id>/edit", "edit", views.edit, methods=GET_POST)
blueprint.add_url_rule("/<int:merchant_id>/status", "change_status", views.change_status, methods=["POST"])
blueprint.add_url_rule("/<int:merchant_id>/accounts/new", "account_new", views_accounts.account_new,
                       methods=GET_POST)
blueprint.add_url_rule("/<int:merchant_id>/accounts/<int:account_id>/edit", "account_edit",
                       views_accounts.account_edit, methods=GET_POST)
blueprint.add_url_rule("/<int:merchant_id>/accounts/<int:account_id>/confirm", "account_confirm",
                       views_accounts.account_confirm, methods=["POST"])
blueprint.add_url_rule("/<int:merchant_id>/accounts/<int:account_id>/remove", "account_remove",
                       views_accounts.account_remove, methods=["POST"])
blueprint.add_url_rule("/<int:merchant_id>/products/new", "product_new", views_accounts.product_new,
                       methods=GET_POST)


@blueprint.context_processor
def labels() -> dict[str, object]:
    """Vietnamese labels for statuses, kinds and OCOP groups."""
    return {"STATUS_VI": STATUS_VI, "ACCOUNT_STATUS_VI": ACCOUNT_STATUS_VI, "KIND_VI": KIND_VI,
            "LEVEL_VI": LEVEL_VI, "OCOP_GROUPS": OCOP_GROUPS}
