"""Pages: the service worker of the phone app, the money screen ("Tiền đã về"), the merchant's helpers, and a helper's one-time sign-in link."""
import os
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_from_directory, url_for

from market.auth import viewers
from market.auth.principal import login_required
from market.core.forms import parse
from market.core.i18n import gettext
from market.transactions.live import services
from market.transactions.live.schemas import ViewerFormSchema

blueprint = Blueprint("live", __name__)
STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))), "static")


@blueprint.get("/sw.js")
def service_worker() -> Any:
    """The service worker, served from the root so that it may keep the merchant's pages for offline use."""
    response = send_from_directory(STATIC, "sw.js", mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@blueprint.get("/tien-ve/")
def money_screen() -> Any:
    """The phone at the stall that says each credit aloud."""
    return render_template("live/money_screen.html", **services.screen_of(login_required()))


def _helpers_page(errors: dict[str, Any] | None = None, link: str | None = None, status: int = 200) -> Any:
    helpers = services.helpers_of(login_required())
    return render_template("live/helpers.html", helpers=helpers, errors=errors or {}, link=link,
                           form=request.form), status


@blueprint.get("/tien-ve/nguoi-xem")
def helpers() -> Any:
    """The merchant's helpers who may watch the money screen."""
    return _helpers_page()


@blueprint.post("/tien-ve/nguoi-xem")
def add_helper() -> Any:
    """Name a helper; the one-time sign-in link is shown once."""
    data, errors = parse(ViewerFormSchema(), request.form.to_dict())
    if errors:
        return _helpers_page(errors, status=422)
    _, link = services.add_helper(login_required(), data["name"])
    return _helpers_page(link=link, status=201)


@blueprint.post("/tien-ve/nguoi-xem/<int:viewer_id>/thu-hoi")
def revoke_helper(viewer_id: int) -> Any:
    """Take a helper's access back."""
    viewer = services.revoke_helper(login_required(), viewer_id)
    flash(gettext("Đã thu hồi quyền xem tiền về của %(name)s.", name=viewer.name), "success")
    return redirect(url_for("live.helpers"))


@blueprint.get("/tien-ve/xem/<secret>")
def viewer_sign_in(secret: str) -> Any:
    """The helper opens the link: a button, so a link preview cannot use it up."""
    viewer = viewers.by_link(secret)
    return render_template("live/sign_in.html", viewer=viewer, secret=secret)


@blueprint.post("/tien-ve/xem/<secret>")
def viewer_signed_in(secret: str) -> Any:
    """Use the link: this phone now watches the merchant's money screen."""
    viewers.sign_in(secret)
    return redirect(url_for("live.money_screen"))
