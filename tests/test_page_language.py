"""Every page, for every role, in both languages: English pages leak no Vietnamese source text, Vietnamese
pages show no English catalogue text, no page says "UTC", and the catalogue covers every marked string."""
import os
import re
from html.parser import HTMLParser

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select

from market.auth.models import User
from market.fees.models import FeeKind
from market.places.models import Commune, Market, Province, Street, Village
from merchants.models import Merchant, OcopProduct, PaymentAccount
from tests import factories
from tests.conftest import TRANSLATIONS
from tests.fees.builders import matrix_bill
from vietqr.banks import all_banks

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLES = ("public", "merchant", "village_head", "commune", "admin")
SKIPPED = ("/api/", "/static/", "/healthz", "/ngon-ngu/", "/auth/logout")
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
BRAND = "Chợ 4.0"


class _Text(HTMLParser):
    """What a reader sees: text and labelling attributes, outside elements marked lang="vi"."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.vietnamese_depth = 0
        self.stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.parts.extend(attributes[name] or "" for name in SHOWN_ATTRIBUTES if name in attributes)
        if tag in ("br", "input", "img", "meta", "link", "hr"):
            return
        marked = attributes.get("lang") == "vi"
        self.stack.append(marked)
        self.vietnamese_depth += marked

    def handle_endtag(self, tag):
        if self.stack:
            self.vietnamese_depth -= self.stack.pop()

    def handle_data(self, data):
        if not self.vietnamese_depth:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def site(db):
    """A village with a market, a street, a payable merchant with a card and a product, and one user per role."""
    village = factories.village()
    market = factories.market(village)
    factories.street(village)
    merchant = factories.payable_merchant(village, market_id=market.id, stall_number="B16")
    card = factories.card(merchant)
    factories.product(merchant)
    factories.unmatched_credit()
    users = {role: factories.user(role, village=village, merchant=merchant if role == "merchant" else None)
             for role in ROLES if role != "public"}
    db.session.commit()
    account = db.session.scalars(
        select(PaymentAccount).where(PaymentAccount.merchant_id == merchant.id)
    ).first()
    bill_id = matrix_bill(market, merchant)  # the market board's fee pages: a bill and its receipt
    args = {
        "merchant_id": merchant.id,
        "market_id": market.id,
        "bill_id": bill_id,
        "account_id": account.id,
        "village_id": village.id,
        "serial": card.serial,
        "commune": factories.COMMUNE,
        "kind": "village",
        "ident": village.id,
        "token": "no-such-token",
        "secret": "no-such-secret",
    }
    return users, args


def _page_urls(app, args):
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.rule.startswith(SKIPPED):
                continue
            yield url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})


def _data_names(db) -> list[str]:
    """Names people typed or official lists hold: shown as they are, in any language."""
    names = {BRAND, *(bank.name for bank in all_banks())}
    for column in (
        Village.name,
        Market.name,
        Street.name,
        Merchant.display_name,
        Merchant.owner_name,
        Merchant.category,
        OcopProduct.name,
        FeeKind.name,
        User.display_name,
        Province.full_name,
        Commune.full_name,
        Province.name,
        Commune.name,
    ):
        names.update(value for value in db.session.scalars(select(column)) if value)
    return sorted(names, key=len, reverse=True)


def _pages(app, client, users, args, language):
    client.set_cookie("lang", language)
    for role in ROLES:
        if role != "public":
            factories.login_as(client, users[role])
        for url in _page_urls(app, args):
            response = client.get(url, follow_redirects=True)
            html = response.get_data(as_text=True) if response.mimetype == "text/html" else None
            response.close()  # a file sent as it is (the service worker) holds its file open until closed
            if html is not None:
                yield role, url, html
        client.post("/auth/logout")
        client.set_cookie("lang", language)


def _catalogue():
    with open(os.path.join(TRANSLATIONS, "en", "LC_MESSAGES", "messages.po"), "rb") as po_file:
        return read_po(po_file)


def test_english_pages_show_no_untranslated_vietnamese(app, client, db, site):
    users, args = site
    names = re.compile("|".join(re.escape(name) for name in _data_names(db)))
    leaks = {}
    for role, url, html in _pages(app, client, users, args, "en"):
        text = names.sub(" ", _visible_text(html))
        found = [word for word in text.split() if VIETNAMESE.search(word)]
        if found:
            leaks[f"{role} {url}"] = " ".join(found)
    assert not leaks, "\n".join(f"{page}: {words}" for page, words in leaks.items())


def test_vietnamese_pages_show_no_english_catalogue_text(app, client, db, site):
    users, args = site
    english = [message.string for message in _catalogue()
               if message.id and message.string != message.id and " " in message.string
               and "%" not in message.string and "<" not in message.string and len(message.string) >= 12]
    leaks = {}
    for role, url, html in _pages(app, client, users, args, "vi"):
        text = _visible_text(html)
        found = [phrase for phrase in english if phrase in text]
        if found:
            leaks[f"{role} {url}"] = found
    assert leaks == {}


def test_no_page_shows_utc(app, client, db, site):
    users, args = site
    for language in ("vi", "en"):
        shown = [f"{role} {url}" for role, url, html in _pages(app, client, users, args, language)
                 if "UTC" in _visible_text(html)]
        assert shown == []


def test_every_marked_string_is_in_the_english_catalogue():
    method_map = [("market/**.py", "python"), ("merchants/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "N_": None}
    marked = {
        found[2]
        for found in extract_from_dir(ROOT, method_map, keywords=keywords)
        if isinstance(found[2], str)
    }
    translated = {message.id for message in _catalogue() if message.id and message.string}
    assert sorted(marked - translated) == []
