"""The phone pages stay light on a 3G line: page and its own assets under 30 KB gzip-compressed, and usable offline."""
import gzip
import re

import pytest

from tests.transactions.live.helpers import SETTINGS, sign_in, stall

LIMIT = 30 * 1024


@pytest.fixture
def live_app(make_app):
    return make_app(**SETTINGS)


def _body(client, path):
    with client.get(path) as response:
        assert response.status_code == 200
        return response.get_data()


def _wire_size(client, path):
    html = _body(client, path)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js|webmanifest))"', html)
    return len(gzip.compress(html)) + sum(len(gzip.compress(_body(client, asset.decode()))) for asset in assets)


@pytest.mark.parametrize("path", ["/tien-ve/", "/ban-hang/", "/ban-hang/tong-ngay"])
def test_each_phone_page_with_its_assets_is_under_30_kb_compressed(live_app, db, path):
    shop = stall(db)
    client = live_app.test_client()
    sign_in(client, shop)
    assert _wire_size(client, path) < LIMIT


def test_the_service_worker_is_served_from_the_root_and_never_cached_stale(live_app):
    with live_app.test_client().get("/sw.js") as response:
        assert response.status_code == 200 and response.mimetype == "text/javascript"
        assert response.headers["Cache-Control"] == "no-cache"
        assert b'"/tien-ve/"' in response.get_data() and b'"/ban-hang/"' in response.get_data()
