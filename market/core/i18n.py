"""Languages: Vietnamese is the source text and the default; English is a full translation.

The reader picks a language with the switch on every page (a cookie), else the browser's
`Accept-Language` decides; anything else gets Vietnamese.
"""
import os

from flask import Flask, request
from flask_babel import get_locale, gettext, lazy_gettext, ngettext

from market.core.extensions import babel

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600

__all__ = ["LANGUAGES", "gettext", "lazy_gettext", "ngettext", "select_locale", "current_language", "init_app"]


def select_locale() -> str:
    """The reader's language: the switch's cookie, then `Accept-Language`, then Vietnamese."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language code of this request ("vi" or "en"), for `<html lang>` and the switch."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def init_app(app: Flask, root: str) -> None:
    """Bind Flask-Babel: catalogues in `<root>/translations`, times shown in Viet Nam."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Ho_Chi_Minh")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(root, "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current_language)
