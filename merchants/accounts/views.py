"""Pages for a merchant's payment accounts and OCOP products, and the village head's import."""
from typing import Any

from flask import flash, redirect, render_template, request, url_for

from merchants import accounts, imports, ocop, services
from merchants.forms import attempt, form_values, load, login_required, render_form
from merchants.schemas import AccountInSchema, AccountUpdateSchema, ProductInSchema
from merchants.views import manageable_villages
from vietqr.banks import all_banks

ACCOUNT_FIELDS = ("bin", "account_number", "holder_name", "kind")
PRODUCT_FIELDS = ("name", "group", "stars", "level", "certificate_number", "issued_on")


def _back(merchant_id: int) -> Any:
    return redirect(url_for("merchants.detail", merchant_id=merchant_id))


def account_new(merchant_id: int) -> Any:
    """Add a payment account; it waits for a second person to confirm it."""
    who = login_required()
    merchant = services.get_merchant(merchant_id)
    services.ensure_actor(who, merchant)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, ACCOUNT_FIELDS, ("is_primary",))
        done, errors, message = attempt(lambda: accounts.add_account(who, merchant_id, load(AccountInSchema(), values)))
        if done:
            flash("Đã thêm tài khoản; cần trưởng thôn hoặc cán bộ xã khác xác nhận.")
            return _back(merchant_id)
    return render_form("merchants/account_new.html", errors, message, merchant=merchant, banks=_banks())


def account_edit(merchant_id: int, account_id: int) -> Any:
    """Change an account's bank, number or holder: its cards are revoked and it needs a new confirmation."""
    who = login_required()
    merchant = services.get_merchant(merchant_id)
    services.ensure_actor(who, merchant)
    account = accounts.get_account(merchant, account_id)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, ("bin", "account_number", "holder_name"))
        done, errors, message = attempt(
            lambda: accounts.update_account(who, merchant_id, account_id, load(AccountUpdateSchema(), values)))
        if done:
            flash("Đã sửa tài khoản; thẻ QR cũ đã bị thu hồi. Cần người thứ hai xác nhận tài khoản mới.")
            return _back(merchant_id)
    current = {name: getattr(account, name) for name in ("bin", "account_number", "holder_name")}
    return render_form("merchants/account_edit.html", errors, message, merchant=merchant, account=account,
                       banks=_banks(), values=request.form if request.method == "POST" else current)


def _banks() -> list[Any]:
    return sorted(all_banks(), key=lambda bank: bank.short_name.casefold())


def account_confirm(merchant_id: int, account_id: int) -> Any:
    """A second person confirms a pending account."""
    who = login_required()
    _, errors, message = attempt(lambda: accounts.confirm_account(who, merchant_id, account_id))
    flash(message or "Đã xác nhận tài khoản.", "error" if errors is not None else "message")
    return _back(merchant_id)


def account_remove(merchant_id: int, account_id: int) -> Any:
    """Remove an account (its cards are revoked)."""
    who = login_required()
    accounts.remove_account(who, merchant_id, account_id)
    flash("Đã gỡ tài khoản; thẻ QR của tài khoản này đã bị thu hồi.")
    return _back(merchant_id)


def product_new(merchant_id: int) -> Any:
    """Add an OCOP product with its certificate and sales links."""
    who = login_required()
    merchant = services.get_merchant(merchant_id)
    services.ensure_actor(who, merchant)
    errors = message = None
    if request.method == "POST":
        values = form_values(request.form, PRODUCT_FIELDS)
        urls = [line.strip() for line in request.form.get("channels", "").splitlines() if line.strip()]
        values["channels"] = [{"url": url} for url in urls]
        done, errors, message = attempt(lambda: ocop.add_product(who, merchant_id, load(ProductInSchema(), values)))
        if done:
            flash("Đã thêm sản phẩm OCOP.")
            return _back(merchant_id)
    return render_form("merchants/product_new.html", errors, message, merchant=merchant)


def import_file() -> Any:
    """The village head uploads the Excel list: dry run first, then import."""
    who = login_required()
    report = errors = message = None
    if request.method == "POST":
        upload = request.files.get("file")
        village_id = request.form.get("village_id", type=int) or who.village_id or 0
        dry_run = request.form.get("action") != "commit"
        imports.import_village(who, village_id)
        if upload is None or not upload.filename:
            errors, message = {"file": ["Hãy chọn tệp .xlsx hoặc .csv."]}, "Chưa chọn tệp."
        else:
            report, errors, message = attempt(lambda: imports.run_import(who, upload, village_id, dry_run))
        if report and report["created"]:
            flash(f"Đã nhập {report['created']} hộ kinh doanh.")
            return redirect(url_for("merchants.index", village=village_id))
    return render_form("merchants/import_file.html", errors, message, report=report,
                       villages=manageable_villages(who))
