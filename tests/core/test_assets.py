"""Static files: fingerprinted URLs cached for a year, pages revalidated, responses compressed."""
import gzip
import re

import brotli

YEAR = "max-age=31536000"


def _fetch(client, url, **headers):
    """GET and close (a static file is streamed from an open file)."""
    with client.get(url, headers=headers) as response:
        response.get_data()
        return response


def _css_url(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'href="(/static/app\.css\?v=[0-9a-f]{12})"', page).group(1)


def test_pages_link_static_files_by_their_content_digest(client):
    assert _css_url(client) == _css_url(client)


def test_a_fingerprinted_static_file_is_cached_for_a_year(client):
    response = _fetch(client, _css_url(client))
    cache = response.headers["Cache-Control"]
    assert response.status_code == 200
    assert YEAR in cache and "immutable" in cache and "no-cache" not in cache


def test_a_stale_or_missing_fingerprint_is_revalidated(client):
    for url in ("/static/app.css", "/static/app.css?v=000000000000"):
        cache = _fetch(client, url).headers.get("Cache-Control", "")
        assert YEAR not in cache and "no-cache" in cache


def test_pages_are_revalidated_on_every_visit(client):
    cache = client.get("/").headers["Cache-Control"]
    assert "no-cache" in cache and "max-age" not in cache


def test_a_page_is_sent_gzip_compressed_to_a_gzip_browser(client):
    plain = client.get("/").data
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert len(response.data) < len(plain) and gzip.decompress(response.data) == plain


def test_a_static_stylesheet_is_sent_brotli_compressed(client):
    url = _css_url(client)
    plain = _fetch(client, url).data
    response = _fetch(client, url, **{"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data) == plain
    assert YEAR in response.headers["Cache-Control"]


def test_a_client_without_compression_gets_the_plain_page(client):
    assert "Content-Encoding" not in client.get("/").headers


def test_compression_can_be_left_to_the_proxy(make_app):
    client = make_app(COMPRESS_REGISTER=False).test_client()
    assert "Content-Encoding" not in client.get("/", headers={"Accept-Encoding": "gzip"}).headers
