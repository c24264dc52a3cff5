"""Pages for managers: list accounts, create one (e.g. a merchant's), hand out a one-time link."""
from flask import Blueprint, render_template
from flask_login import login_required

from market.auth.permissions import MANAGERS, require_role
from market.auth.principal import Principal, current_principal
from market.core.errors import AppError
from market.core.forms import load_or_422
from market.users import services as users
from market.users.forms import ActionForm, CreateUserForm
from market.users.schemas import UserCreateSchema

blueprint = Blueprint("users", __name__, url_prefix="/users")
ROLE_NAMES = {"admin": "Quản trị", "commune": "Cán bộ xã", "village_head": "Trưởng thôn / BQL chợ",
              "merchant": "Tiểu thương"}


def _manager() -> Principal:
    return require_role(current_principal(), *MANAGERS)


def _create_form(principal: Principal) -> CreateUserForm:
    form = CreateUserForm()
    form.role.choices = [(role, ROLE_NAMES[role]) for role in users.assignable_roles(principal)]
    form.merchant_id.choices = [("", "—")] + [
        (m.id, f"{m.display_name} (#{m.id})") for m in users.merchants_without_account(principal)]
    return form


def _index(principal: Principal, form: CreateUserForm, error: AppError | None = None, status: int = 200):
    rows = users.list_users(principal, {})
    return render_template("users/index.html", users=rows, form=form, role_names=ROLE_NAMES,
                           action_form=ActionForm(), error=error), status


@blueprint.get("/")
@login_required
def index():
    """Accounts the manager looks after, and the form to create one."""
    principal = _manager()
    return _index(principal, _create_form(principal))


@blueprint.post("/")
@login_required
def create():
    """Create an account and show its one-time set-password link."""
    principal = _manager()
    form = _create_form(principal)
    if not form.validate_on_submit():
        return _index(principal, form, status=422)
    raw = {name: value for name, value in form.data.items() if name != "csrf_token" and value not in (None, "")}
    try:
        user, link, expires = users.create_user(principal, load_or_422(UserCreateSchema(), raw))
    except AppError as refusal:
        if refusal.code in (401, 403):
            raise
        return _index(principal, form, refusal, status=refusal.code or 422)
    return render_template("users/link.html", user=user, link=link, expires=expires)


@blueprint.post("/<int:user_id>/setup-link")
@login_required
def new_setup_link(user_id: int):
    """A new one-time link for an account (forgotten password); older links stop working."""
    principal = _manager()
    if not ActionForm().validate_on_submit():
        raise AppError(400, "csrf_failed", "Phiên biểu mẫu đã hết hạn, vui lòng thử lại.")
    user, link, expires = users.reissue_setup_link(principal, user_id)
    return render_template("users/link.html", user=user, link=link, expires=expires)
