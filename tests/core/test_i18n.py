"""Languages: Vietnamese by default, English by the switch or by Accept-Language."""
import os

from babel.messages.pofile import read_po

from tests.conftest import TRANSLATIONS

FOOTER_VI = "Chợ 4.0 không bao giờ hỏi mã OTP"
FOOTER_EN = "Chợ 4.0 never asks for OTPs"


def test_pages_are_vietnamese_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert FOOTER_VI in page and FOOTER_EN not in page


def test_an_english_browser_gets_english(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert FOOTER_EN in page and FOOTER_VI not in page


def test_an_unsupported_browser_language_gets_vietnamese(client):
    page = client.get("/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert FOOTER_VI in page


def test_the_switch_remembers_the_choice_over_the_browser_language(client):
    response = client.get("/ngon-ngu/en?next=/verify")
    assert response.status_code == 302 and response.headers["Location"] == "/verify"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert FOOTER_EN in client.get("/").get_data(as_text=True)
    client.get("/ngon-ngu/vi?next=/")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert FOOTER_VI in page


def test_every_page_offers_the_switch_back_to_where_the_reader_was(client):
    page = client.get("/verify?x=1").get_data(as_text=True)
    assert "/ngon-ngu/en?next=/verify?x%3D1" in page


def test_the_switch_never_redirects_to_another_site(client):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/ngon-ngu/en", query_string={"next": target})
        assert response.headers["Location"] == "/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/ngon-ngu/fr").status_code == 404


def test_the_english_catalogue_is_complete():
    with open(os.path.join(TRANSLATIONS, "en", "LC_MESSAGES", "messages.po"), "rb") as po_file:
        catalogue = read_po(po_file)
    missing = [message.id for message in catalogue if message.id and not message.string]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert missing == [] and fuzzy == []
