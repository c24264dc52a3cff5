"""Pages for a merchant's OCOP products."""
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from market.auth.principal import login_required
from market.core.forms import attempt, form_values, load, render_form
from market.core.i18n import gettext
from merchants import services as merchants
from merchants.ocop import services
from merchants.ocop.schemas import ProductInSchema

blueprint = Blueprint("ocop", __name__, url_prefix="/merchants")
PRODUCT_FIELDS = ("name", "group", "stars", "level", "certificate_number", "issued_on")


@blueprint.route("/<int:merchant_id>/products/new", methods=["GET", "POST"])
def new(merchant_id: int) -> Any:
    """Add an OCOP product with its certificate and sales links."""
    who = login_required()
    merchant = merchants.merchant_for_actor(who, merchant_id)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, PRODUCT_FIELDS)
        urls = [line.strip() for line in request.form.get("channels", "").splitlines() if line.strip()]
        values["channels"] = [{"url": url} for url in urls]
        done, errors, message = attempt(lambda: services.add_product(who, merchant_id,
                                                                     load(ProductInSchema(), values)))
        if done:
            flash(gettext("Đã thêm sản phẩm OCOP."))
            return redirect(url_for("merchants.detail", merchant_id=merchant_id))
    return render_form("ocop/new.html", errors, message, merchant=merchant)
