"""Pages for managers: list accounts, create one (e.g. a merchant's), hand out a one-time link."""
from typing import Any

from flask import Blueprint, render_template, request

from market.auth.models import ROLE_NAMES
from market.auth.permissions import MANAGERS, require_role
from market.auth.principal import Principal, login_required
from market.core.filters import translated
from market.core.forms import attempt, form_values, load, render_form
from market.places.labels import place_title
from market.users import services
from market.users.schemas import UserCreateSchema
from merchants.services import manageable_villages

blueprint = Blueprint("users", __name__, url_prefix="/users")
FIELDS = ("role", "username", "display_name", "merchant_id", "village_id", "commune_code")


def _manager() -> Principal:
    return require_role(login_required(), *MANAGERS)


def _choices(principal: Principal) -> dict[str, Any]:
    return {"roles": [(role, ROLE_NAMES[role]) for role in services.assignable_roles(principal)],
            "merchants": [(m.id, f"{m.display_name} (#{m.id})")
                          for m in services.merchants_without_account(principal)],
            "villages": [(v.id, place_title(translated(v.kind), v.name))
                         for v in manageable_villages(principal)]}


def _index(principal: Principal, errors: dict[str, Any] | None = None, message: str | None = None) -> Any:
    return render_form("users/index.html", errors, message, users=services.list_users(principal, {}),
                       role_names=ROLE_NAMES, **_choices(principal))


@blueprint.get("/")
def index():
    """Accounts the manager looks after, and the form to create one."""
    return _index(_manager())


@blueprint.post("/")
def create():
    """Create an account and show its one-time set-password link."""
    principal = _manager()
    created, errors, message = attempt(
        lambda: services.create_user(principal, load(UserCreateSchema(), form_values(request.form, FIELDS))))
    if created is None:
        return _index(principal, errors, message)
    user, link, expires = created
    return render_template("users/link.html", user=user, link=link, expires=expires)


@blueprint.post("/<int:user_id>/setup-link")
def new_setup_link(user_id: int):
    """A new one-time link for an account (forgotten password); older links stop working."""
    user, link, expires = services.reissue_setup_link(_manager(), user_id)
    return render_template("users/link.html", user=user, link=link, expires=expires)
