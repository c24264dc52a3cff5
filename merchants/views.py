"""Pages of the register: list, detail, public page, create and edit forms, status changes."""
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from market.auth.principal import Principal, current_principal, login_required
from market.core.extensions import db
from market.core.forms import attempt, confirm_step, form_values, load, parse, render_form
from market.core.i18n import gettext
from market.places.models import Market, Street, Village
from merchants import consequences, search, services
from merchants.accounts import services as accounts
from merchants.cards import services as cards
from merchants.cards.issue import live_card
from merchants.labels import STATUS_VI
from merchants.models import MERCHANT_STATUSES
from merchants.ocop import services as ocop
from merchants.schemas import MerchantInSchema, MerchantQuerySchema, MerchantUpdateSchema, StatusPageSchema

blueprint = Blueprint("merchants", __name__, url_prefix="/merchants")
FIELDS = ("display_name", "owner_name", "phone", "category", "village_id", "market_id", "stall_number",
          "street_id", "house_number", "legacy_address")
FILTERS = ("q", "village", "market", "street", "status", "ocop", "has_qr", "sort", "page")


@blueprint.get("/")
def index() -> str:
    """The register, searchable and filtered, one page at a time."""
    principal = current_principal()
    query = {name: request.args[name] for name in FILTERS if request.args.get(name, "").strip()}
    args, errors = parse(MerchantQuerySchema(), query)
    if errors:  # a hand-edited URL: show the unfiltered list rather than an error page
        args, query = load(MerchantQuerySchema(), {}), {}
    page = search.list_merchants(principal, args)
    return render_template("merchants/index.html", page=page, query=query, statuses=MERCHANT_STATUSES,
                           manager=search.is_manager(principal), villages=services.manageable_villages(principal))


def _places(commune_code: str | None) -> dict[str, list[Any]]:
    if not commune_code:
        return {"markets": [], "streets": []}
    return {kind: list(db.session.scalars(select(model).where(model.commune_code == commune_code)
                                          .order_by(model.name)))
            for kind, model in (("markets", Market), ("streets", Street))}


@blueprint.get("/<int:merchant_id>")
def detail(merchant_id: int) -> Any:
    """Everything about a merchant for its managers and itself; others go to the public page."""
    principal = current_principal()
    merchant = services.get_merchant(merchant_id)
    if not services.may_see_private(principal, merchant):
        return redirect(url_for("merchants.public", merchant_id=merchant_id))
    return render_template("merchants/detail.html", merchant=services.present(merchant, True), row=merchant,
                           accounts=accounts.list_accounts(principal, merchant_id),
                           products=list(merchant.products), transitions=sorted(services.TRANSITIONS[merchant.status]),
                           manager=search.is_manager(principal), me=principal.client_key,
                           card=live_card(merchant_id))


@blueprint.get("/<int:merchant_id>/public")
def public(merchant_id: int) -> str:
    """The shopper's page: name, stall, products, no private data unless consented."""
    principal = current_principal()
    merchant = services.read_merchant(principal, merchant_id)
    row = services.get_merchant(merchant_id)
    return render_template("merchants/public.html", merchant=services.present(row, False),
                           active=merchant["status"] == "active", payee=cards.public_payee(row),
                           products=ocop.list_products(principal, merchant_id))


@blueprint.route("/new", methods=["GET", "POST"])
def create() -> Any:
    """The form to register a merchant (managers)."""
    who = login_required()
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, FIELDS, ("is_ocop", "consent_public"))
        created, errors, message = attempt(
            lambda: services.create_merchant(who, load(MerchantInSchema(), values)))
        if created:
            flash(gettext("Đã đăng ký hộ kinh doanh; chờ duyệt."))
            return redirect(url_for("merchants.detail", merchant_id=created["id"]))
    village_id = request.values.get("village_id", type=int) or who.village_id
    village = db.session.get(Village, village_id) if village_id else None
    return render_form("merchants/create.html", errors, message, villages=services.manageable_villages(who),
                       manager=True, **_places(village.commune_code if village else who.commune_code))


@blueprint.route("/<int:merchant_id>/edit", methods=["GET", "POST"])
def edit(merchant_id: int) -> Any:
    """The form to change a merchant's fields."""
    who = login_required()
    merchant = services.merchant_for_actor(who, merchant_id)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, FIELDS, ("is_ocop", "consent_public"))
        values.update({name: request.form[name] for name in ("display_name", "owner_name") if name in request.form})
        for name in ("phone", "market_id", "street_id", "stall_number", "house_number"):
            values.setdefault(name, None)
        done, errors, message = attempt(
            lambda: services.update_merchant(who, merchant_id, load(MerchantUpdateSchema(), _own(who, values))))
        if done:
            flash(gettext("Đã lưu thay đổi."))
            return redirect(url_for("merchants.detail", merchant_id=merchant_id))
    return render_form("merchants/edit.html", errors, message, merchant=merchant,
                       villages=services.manageable_villages(who),
                       manager=search.is_manager(who), **_places(merchant.village.commune_code))


def _own(who: Principal, values: dict[str, Any]) -> dict[str, Any]:
    """A merchant's own form has no placement fields: leave them as they are."""
    if search.is_manager(who):
        return values
    return {k: v for k, v in values.items() if k not in services.MANAGED_FIELDS}


def _button(status: str | None) -> str:
    """The confirm button names what it does."""
    return {"active": gettext("Xác nhận cho hoạt động"), "suspended": gettext("Xác nhận tạm ngừng"),
            "closed": gettext("Xác nhận đóng vĩnh viễn")}.get(status or "", "")


@blueprint.route("/<int:merchant_id>/status", methods=["GET", "POST"])
def change_status(merchant_id: int) -> Any:
    """Approve, suspend, reactivate or close: choose (nothing preselected), give a reason, then confirm."""
    who = login_required()
    merchant = services.get_merchant(merchant_id)
    services.ensure_manager(who, merchant)
    transitions = sorted(services.TRANSITIONS[merchant.status])
    data, errors, confirmed = confirm_step(StatusPageSchema(), ("status", "reason"))
    if data and errors is None and data["status"] not in transitions:
        errors, confirmed = {"status": [gettext("Chọn trạng thái mới.")]}, False
    message = None
    if confirmed:
        _, errors, message = attempt(lambda: services.change_status(who, merchant_id, data["status"], data["reason"]))
        if errors is None:
            flash(gettext("Đã đổi trạng thái: %(status)s.", status=STATUS_VI[data["status"]]))
            return redirect(url_for("merchants.detail", merchant_id=merchant_id))
    confirming = bool(data) and errors is None
    preselected = request.args.get("status") if request.args.get("status") == "active" else ""
    return render_form("merchants/status.html", errors, message, merchant=merchant, transitions=transitions,
                       confirming=confirming, preselected=preselected, button=_button(data.get("status")),
                       consequences=consequences.status_change(merchant, data["status"]) if confirming else [])
