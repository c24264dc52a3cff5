"""The officers' page of the bank feeds: health, set-up (admins), the delivery log with replay, reconciliation."""
from typing import Any

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for

from market.auth.permissions import require_role
from market.auth.principal import Principal, login_required
from market.core.forms import attempt
from market.core.i18n import gettext, lazy_gettext
from market.feeds import deliveries, forms, health, reconciliation, services
from market.feeds.models import OUTCOMES, PROVIDERS

blueprint = Blueprint("feeds", __name__, url_prefix="/nguon-tien-vao")
OUTCOME_VI = {"recorded": lazy_gettext("Đã ghi"), "duplicate": lazy_gettext("Lặp lại"),
              "queued": lazy_gettext("Chờ xem xét"), "ignored": lazy_gettext("Bỏ qua (tiền ra)"),
              "refused": lazy_gettext("Từ chối (xác thực)"), "invalid": lazy_gettext("Sai dữ liệu")}
PROVIDER_VI = {"sepay": "SePay", "casso": "Casso", "payos": "payOS", "vietqr_vn": "VietQR.vn",
               "cho40": lazy_gettext("Chợ 4.0 (ký HMAC)")}


def _officer() -> Principal:
    return require_role(login_required(), "admin", "commune")


def _page(principal: Principal, status: int = 200, **context: Any) -> Any:
    filters = forms.log_filters(request.args)
    html = render_template("feeds/index.html", principal=principal, rows=health.feed_health(principal),
                           lines=deliveries.list_deliveries(principal, filters), filters=request.args,
                           outcomes=OUTCOMES, outcome_vi=OUTCOME_VI, providers=PROVIDERS, provider_vi=PROVIDER_VI,
                           errors=context.pop("errors", {}), form=request.form, **context)
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"  # a secret may be on it, shown this once
    return response


@blueprint.get("/")
def index() -> Any:
    """Each feed's health (silent ones flagged), the log with filters, and the set-up form for admins."""
    return _page(_officer())


@blueprint.post("/")
def create() -> Any:
    """Create a feed and show its secret once."""
    principal = _officer()
    created, errors, message = attempt(lambda: services.create_feed(principal, forms.feed_form(request.form)))
    if created is None:
        return _page(principal, 422, errors=errors or {}, message=message)
    feed, secret = created
    return _page(principal, 201, shown=(feed, secret, request.host_url + f"api/v1/feeds/{feed.name}"))


@blueprint.post("/<int:feed_id>/doi-khoa")
def rotate(feed_id: int) -> Any:
    """Give the feed a new secret (the old one stops at once) and show it once."""
    principal = _officer()
    feed, secret = services.rotate_secret(principal, feed_id, request.form.get("secret") or None)
    return _page(principal, shown=(feed, secret, request.host_url + f"api/v1/feeds/{feed.name}"))


@blueprint.post("/<int:feed_id>/tat")
def disable(feed_id: int) -> Any:
    """Stop a feed, with the reason."""
    principal = _officer()
    feed, errors, message = attempt(
        lambda: services.disable(principal, feed_id, forms.disable_form(request.form)["reason"]))
    if feed is None:
        return _page(principal, 422, errors={feed_id: errors or {}}, message=message)
    flash(gettext("Đã tắt nguồn %(name)s. Các lần gửi sau sẽ bị từ chối và ghi vào nhật ký.", name=feed.name),
          "message")
    return redirect(url_for("feeds.index"), 303)


@blueprint.post("/nhat-ky/<int:delivery_id>/phat-lai")
def replay(delivery_id: int) -> Any:
    """Match a queued delivery again after the register was fixed."""
    principal = _officer()
    line, errors, message = attempt(lambda: deliveries.replay(principal, delivery_id))
    if line is None:
        return _page(principal, 409, errors={"replay": {delivery_id: [message]}})
    flash(gettext("Đã ghi lần nhận #%(id)s vào sổ (giao dịch #%(transaction)s).", id=delivery_id,
                  transaction=line.transaction_id), "message")
    return redirect(url_for("feeds.index", outcome="queued"), 303)


@blueprint.get("/doi-soat")
def reconcile() -> Any:
    """Compare an account's imported statement with what the feeds delivered, over a range of days."""
    principal = _officer()
    args = forms.reconcile_filters(request.args)
    report = reconciliation.reconcile(principal, args["account_id"], args["date_from"], args["date_to"]) \
        if args else None
    return render_template("feeds/reconcile.html", report=report, filters=request.args)
