"""Chợ 4.0: the Flask application factory, the only wiring point."""
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from market.config import check_secret, engine_options, load_config
from market.routing import IdConverter

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
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extension objects to this app."""
    from market import audit, database, models, security  # noqa: F401  (every table known to the metadata)
    from market.api import reject_nul_characters
    from market.auth import principal, sessions
    from market.extensions import api, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(ROOT, "migrations"), render_as_batch=True)
    api.init_app(app)
    login_manager.init_app(app)
    sessions.configure(login_manager)
    app.before_request(sessions.forget_cached_user)
    csrf.init_app(app)
    security.init_app(app)
    limiter.init_app(app)
    database.commit_request(app)
    app.before_request(principal.authenticate_api_request)
    app.before_request(reject_nul_characters)


def register_blueprints(app: Flask) -> None:
    """Pages and API, one blueprint per feature."""
    from market import audit_views
    from market.auth import api as auth_api
    from market.auth import user_pages
    from market.auth import views as auth_views
    from market.core import views as core_views
    from market.places import api as places_api
    from market.places import views as places_views
    from market.stats import api as stats_api
    from market.stats import views as stats_views
    from market.transactions import api as transactions_api
    from market.transactions import views as transactions_views
    from merchants import api as merchants_api
    from merchants import api_accounts, cards_api, cards_views
    from merchants import pages as merchant_pages

    for pages in (core_views.blueprint, auth_views.blueprint, user_pages.blueprint, audit_views.pages,
                  merchant_pages.blueprint, places_views.blueprint, stats_views.blueprint,
                  cards_views.blueprint, transactions_views.blueprint):
        app.register_blueprint(pages)
    for blueprint in (places_api.blueprint, auth_api.blueprint, audit_views.blueprint, merchants_api.blueprint,
                      api_accounts.blueprint, stats_api.blueprint, cards_api.blueprint, transactions_api.blueprint):
        register_api_blueprint(blueprint)


def register_api_blueprint(blueprint: Any) -> None:
    """Add a flask-smorest blueprint to the API; API clients use bearer tokens, not CSRF."""
    from market.extensions import api, csrf

    csrf.exempt(blueprint)
    api.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    """One JSON/HTML error path for the whole app."""
    from market.errors import register_error_handlers

    register_error_handlers(app)


def register_commands(app: Flask) -> None:
    """`flask --app wsgi …` commands."""
    from market import cli
    from market.stats import cli as stats_cli
    from market.transactions import cli as transactions_cli
    from merchants import cli as merchant_cli

    for command in (*cli.COMMANDS, *stats_cli.COMMANDS, *merchant_cli.COMMANDS, *transactions_cli.COMMANDS):
        app.cli.add_command(command)
