"""JSON API for accounts (managers), API tokens (admins) and the caller's own identity."""
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from market.users import services, tokens
from market.users.schemas import (
    IssuedTokenSchema,
    MeSchema,
    SetupLinkSchema,
    TokenCreateSchema,
    TokenSchema,
    UserCreateSchema,
    UserQuerySchema,
    UserSchema,
    UserUpdateSchema,
)

blueprint = Blueprint("users_api", __name__, url_prefix="/api/v1",
                      description="Tài khoản người dùng và mã truy cập API")


def _link(result: tuple) -> dict:
    user, url, expires = result
    return {"user": user, "setup_url": url, "expires_at": expires}


@blueprint.route("/me")
@blueprint.response(200, MeSchema)
def me():
    """Who the caller is: role and scope (public when anonymous)."""
    return current_principal()


@blueprint.route("/users")
class Users(MethodView):
    @blueprint.arguments(UserQuerySchema, location="query")
    @blueprint.response(200, UserSchema(many=True))
    def get(self, args):
        """Accounts the caller manages (admin, commune officer, village head)."""
        return services.list_users(current_principal(), args)

    @blueprint.arguments(UserCreateSchema)
    @blueprint.response(201, SetupLinkSchema)
    def post(self, data):
        """Create an account; the response holds its one-time set-password link (72 h)."""
        return _link(services.create_user(current_principal(), data))


@blueprint.route("/users/<int:user_id>")
class UserItem(MethodView):
    @blueprint.response(200, UserSchema)
    def get(self, user_id):
        """One account the caller manages."""
        return services.get_user(current_principal(), user_id)

    @blueprint.arguments(UserUpdateSchema)
    @blueprint.response(200, UserSchema)
    def patch(self, data, user_id):
        """Rename, deactivate, or change role/scope (audited; open sessions end)."""
        return services.update_user(current_principal(), user_id, data)


@blueprint.route("/users/<int:user_id>/setup-link", methods=["POST"])
@blueprint.response(201, SetupLinkSchema)
def new_setup_link(user_id):
    """Issue a new one-time set-password link; earlier links stop working."""
    return _link(services.reissue_setup_link(current_principal(), user_id))


@blueprint.route("/tokens")
class Tokens(MethodView):
    @blueprint.response(200, TokenSchema(many=True))
    def get(self):
        """Every API token (prefix only, never the token), newest first. Admins only."""
        return tokens.list_tokens(current_principal())

    @blueprint.arguments(TokenCreateSchema)
    @blueprint.response(201, IssuedTokenSchema, headers={"Cache-Control": {
        "description": "no-store: the token must not be kept by any cache", "schema": {"type": "string"}}})
    def post(self, data):
        """Issue a token for a role and its scope (a merchant's village and commune come from the register).
        The token is in this response only. Admins only."""
        token, plain = tokens.create_token(current_principal(), data)
        issued = {name: getattr(token, name) for name in TokenSchema().fields} | {"token": plain}
        return issued, 201, {"Cache-Control": "no-store"}


@blueprint.route("/tokens/<int:token_id>", methods=["DELETE"])
@blueprint.response(200, TokenSchema)
def revoke_api_token(token_id):
    """Revoke a token; it is refused from the very next request. Admins only."""
    return tokens.revoke_token(token_id, current_principal())
