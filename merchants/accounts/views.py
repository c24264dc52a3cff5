"""Pages for a merchant's payment accounts: add, change, confirm (a second person), remove."""
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from market.auth.principal import login_required
from market.core.forms import ReasonForm, attempt, confirm_step, form_values, load, render_form
from market.core.i18n import gettext
from merchants import consequences
from merchants import services as merchants
from merchants.accounts import services
from merchants.accounts.schemas import AccountInSchema, AccountUpdateSchema
from vietqr.banks import all_banks

blueprint = Blueprint("accounts", __name__, url_prefix="/merchants")
ACCOUNT_FIELDS = ("bin", "account_number", "holder_name", "kind")


def _back(merchant_id: int) -> Any:
    return redirect(url_for("merchants.detail", merchant_id=merchant_id))


@blueprint.route("/<int:merchant_id>/accounts/new", methods=["GET", "POST"])
def new(merchant_id: int) -> Any:
    """Add a payment account; it waits for a second person to confirm it."""
    who = login_required()
    merchant = merchants.merchant_for_actor(who, merchant_id)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, ACCOUNT_FIELDS, ("is_primary",))
        done, errors, message = attempt(lambda: services.add_account(who, merchant_id,
                                                                     load(AccountInSchema(), values)))
        if done:
            flash(gettext("Đã thêm tài khoản; cần trưởng thôn hoặc cán bộ xã khác xác nhận."))
            return _back(merchant_id)
    return render_form("accounts/new.html", errors, message, merchant=merchant, banks=_banks())


@blueprint.route("/<int:merchant_id>/accounts/<int:account_id>/edit", methods=["GET", "POST"])
def edit(merchant_id: int, account_id: int) -> Any:
    """Change an account's bank, number or holder: its cards are revoked and it needs a new confirmation."""
    who = login_required()
    merchant = merchants.merchant_for_actor(who, merchant_id)
    account = services.get_account(merchant, account_id)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, ("bin", "account_number", "holder_name"))
        done, errors, message = attempt(
            lambda: services.update_account(who, merchant_id, account_id,
                                            load(AccountUpdateSchema(), values)))
        if done:
            flash(
                gettext(
                    "Đã sửa tài khoản; thẻ QR cũ đã bị thu hồi. Cần người thứ hai xác nhận tài khoản mới."
                )
            )
            return _back(merchant_id)
    current = {name: getattr(account, name) for name in ("bin", "account_number", "holder_name")}
    return render_form("accounts/edit.html", errors, message, merchant=merchant, account=account,
                       banks=_banks(), values=request.form if request.method == "POST" else current)


def _banks() -> list[Any]:
    return sorted(all_banks(), key=lambda bank: bank.short_name.casefold())


@blueprint.post("/<int:merchant_id>/accounts/<int:account_id>/confirm")
def confirm(merchant_id: int, account_id: int) -> Any:
    """A second person confirms a pending account."""
    who = login_required()
    _, errors, message = attempt(lambda: services.confirm_account(who, merchant_id, account_id))
    flash(message or gettext("Đã xác nhận tài khoản."), "error" if errors is not None else "message")
    return _back(merchant_id)


@blueprint.route("/<int:merchant_id>/accounts/<int:account_id>/remove", methods=["GET", "POST"])
def remove(merchant_id: int, account_id: int) -> Any:
    """Remove an account: give a reason, read what happens (its card is revoked), confirm; undone by "Khôi phục"."""
    who = login_required()
    merchant = merchants.merchant_for_actor(who, merchant_id)
    account = services.get_account(merchant, account_id)
    data, errors, confirmed = confirm_step(ReasonForm(), ("reason",))
    if confirmed:
        services.remove_account(who, merchant_id, account_id, data["reason"])
        flash(gettext("Đã gỡ tài khoản; thẻ QR của tài khoản này đã bị thu hồi. "
                      "Có thể khôi phục từ trang hộ kinh doanh."))
        return _back(merchant_id)
    return render_form("accounts/remove.html", errors, None, merchant=merchant, account=account,
                       confirming=bool(data) and errors is None, restoring=False,
                       consequences=consequences.account_removal(account))


@blueprint.route("/<int:merchant_id>/accounts/<int:account_id>/restore", methods=["GET", "POST"])
def restore(merchant_id: int, account_id: int) -> Any:
    """Undo a removal: the account comes back waiting for a second person's confirmation."""
    who = login_required()
    merchant = merchants.merchant_for_actor(who, merchant_id)
    account = services.removed_account(merchant, account_id)
    data, errors, confirmed = confirm_step(ReasonForm(), ("reason",))
    message = None
    if confirmed:
        done, errors, message = attempt(lambda: services.restore_account(who, merchant_id, account_id, data["reason"]))
        if done:
            flash(gettext("Đã khôi phục tài khoản; cần người thứ hai xác nhận trước khi in thẻ mới."))
            return _back(merchant_id)
    return render_form("accounts/remove.html", errors, message, merchant=merchant, account=account,
                       confirming=bool(data) and errors is None, restoring=True,
                       consequences=consequences.account_restoring())
