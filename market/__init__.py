"""Chợ 4.0: the Flask application factory, the only module that imports features."""
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from market.core.config import check_secret, engine_options, load_config
from market.core.routing import IdConverter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the environment, then `config` overrides (tests pass theirs here)."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=os.path.join(ROOT, "templates"), static_folder=os.path.join(ROOT, "static"))
    app.config.update(load_config(os.environ, app.instance_path))
    app.config.update(config or {})
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    check_secret(app.config)
    app.url_map.converters["int"] = IdConverter
    register_models()
    register_listeners()
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_models() -> None:
    """Import every model module so the metadata (and migrations) know all tables."""
    from market.auth import models as auth_models  # noqa: F401
    from market.auth import viewers  # noqa: F401
    from market.core import audit  # noqa: F401
    from market.feeds import models as feeds_models  # noqa: F401
    from market.fees import models as fees_models  # noqa: F401
    from market.places import models as places_models  # noqa: F401
    from market.stats import models as stats_models  # noqa: F401
    from market.transactions import models as transactions_models  # noqa: F401
    from market.transactions.live import models as live_models  # noqa: F401
    from merchants import models as merchants_models  # noqa: F401


def register_listeners() -> None:
    """Session listeners: the audit log stays append-only; every status change is logged."""
    from market.core import audit
    from market.transactions.live import publish
    from merchants import status_history

    audit.register_listeners()
    status_history.register_listeners()
    publish.register_listeners()


def register_extensions(app: Flask) -> None:
    """Bind the unbound extension objects to this app."""
    from market.auth import principal, sessions
    from market.core import api, assets, database, i18n, request_input, security
    from market.core.extensions import compress, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    i18n.init_app(app, ROOT)
    compress.init_app(app)  # its after_request runs last, on the final body
    assets.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(ROOT, "migrations"), render_as_batch=True)
    api.init_app(app)
    login_manager.init_app(app)
    sessions.configure(login_manager)
    app.before_request(sessions.forget_cached_user)
    csrf.init_app(app)
    security.init_app(app)
    limiter.init_app(app)
    database.init_app(app)
    app.before_request(principal.authenticate_api_request)
    app.before_request(request_input.check_request_input)


def register_blueprints(app: Flask) -> None:
    """Pages and API, one pair of blueprints per feature."""
    from market.audit import api as audit_api
    from market.audit import views as audit_views
    from market.auth import views as auth_views
    from market.core import views as core_views
    from market.feeds import api as feeds_api
    from market.feeds import views as feeds_views
    from market.fees import api as fees_api
    from market.fees import views as fees_views
    from market.places import api as places_api
    from market.places import views as places_views
    from market.stats import api as stats_api
    from market.stats import views as stats_views
    from market.transactions import api as transactions_api
    from market.transactions import views as transactions_views
    from market.transactions.live import api as live_api
    from market.transactions.live import views as live_views
    from market.users import api as users_api
    from market.users import views as users_views
    from merchants import api as merchants_api
    from merchants import views as merchants_views
    from merchants.accounts import api as accounts_api
    from merchants.accounts import views as accounts_views
    from merchants.books import api as books_api
    from merchants.books import views as books_views
    from merchants.cards import api as cards_api
    from merchants.cards import views as cards_views
    from merchants.imports import api as imports_api
    from merchants.imports import views as imports_views
    from merchants.ocop import api as ocop_api
    from merchants.ocop import views as ocop_views

    for pages in (core_views, auth_views, users_views, audit_views, merchants_views, accounts_views,
                  ocop_views, imports_views, places_views, stats_views, cards_views, transactions_views,
                  feeds_views, books_views, live_views, fees_views):
        app.register_blueprint(pages.blueprint)
    for feature_api in (places_api, users_api, audit_api, merchants_api, imports_api, accounts_api, ocop_api,
                        stats_api, cards_api, transactions_api, feeds_api, books_api, live_api, fees_api):
        register_api_blueprint(feature_api.blueprint)


def register_api_blueprint(blueprint: Any) -> None:
    """Add a flask-smorest blueprint to the API; API clients use bearer tokens, not CSRF."""
    from market.core.extensions import api, csrf

    csrf.exempt(blueprint)
    api.register_blueprint(blueprint)


def register_template_helpers(app: Flask) -> None:
    """Every Jinja filter, global and label table, registered once for all templates."""
    from market.auth.models import ROLE_NAMES
    from market.core import filters
    from market.places.labels import place_title
    from market.stats.scopes import KIND_NAMES
    from merchants.books.services import meter
    from merchants.labels import labels

    filters.register(app)
    app.add_template_global(meter, "revenue_meter")
    app.add_template_global(KIND_NAMES, "kind_names")
    app.add_template_global(ROLE_NAMES, "role_names")
    app.add_template_global(place_title, "place_title")
    app.context_processor(labels)


def register_errorhandlers(app: Flask) -> None:
    """One JSON/HTML error path for the whole app."""
    from market.core.errors import register_error_handlers

    register_error_handlers(app)


def register_commands(app: Flask) -> None:
    """`flask --app wsgi …` commands, one `cli` module per feature."""
    from market.core import cli as core_cli
    from market.demo import cli as demo_cli
    from market.feeds import cli as feeds_cli
    from market.fees import cli as fees_cli
    from market.places import cli as places_cli
    from market.stats import cli as stats_cli
    from market.transactions import cli as transactions_cli
    from market.users import cli as users_cli

    for feature in (core_cli, places_cli, users_cli, stats_cli, demo_cli, transactions_cli, feeds_cli,
                    fees_cli):
        for command in feature.COMMANDS:
            app.cli.add_command(command)
