"""Numbers, money and verdicts read the Vietnamese way on every page."""
import re

from market.core.filters import change_text, csrf_field, met_vi, number_vi, percent_vi, vnd


def test_money_uses_dots_for_thousands_and_the_dong_sign():
    assert vnd(12_500_000) == "12.500.000 đ"
    assert vnd(None) == "0 đ"
    assert number_vi(1234567) == "1.234.567" and number_vi(None) == "—"


def test_a_rate_is_a_percentage_with_a_decimal_comma():
    assert percent_vi(0.725) == "72,5 %"
    assert percent_vi(None) == "—"


def test_a_verdict_says_when_there_is_no_target_or_no_figure():
    assert met_vi(True, 0.7) == "Đạt"
    assert met_vi(False, 0.7, missed="Chưa đạt") == "Chưa đạt"
    assert met_vi(None, 0.7) == "Chưa có số liệu"
    assert met_vi(True, None) == "Chưa đặt chỉ tiêu"


def test_every_page_form_gets_the_same_hidden_csrf_input(app):
    with app.test_request_context("/"):
        html = str(csrf_field())
    assert re.fullmatch(r'<input id="csrf_token" name="csrf_token" type="hidden" value="[^"<>]+">', html)


def test_the_filters_are_registered_once_for_every_template(app):
    for name in ("vnd", "percent_vi", "number_vi"):
        assert name in app.jinja_env.filters
    for name in ("met_vi", "csrf_field", "kind_names"):
        assert name in app.jinja_env.globals


def test_an_audit_change_reads_as_letters_and_local_times():
    change = {"name": "Bún chả Hiền", "revoked_at": "2026-12-01T21:47:00+00:00", "issued_on": "2026-03-09",
              "account": "20261208", "extra": {"ghi_chú": "đã đổi"}, "gone": None}
    assert change_text(change) == ("name: Bún chả Hiền; revoked_at: 02/12/2026 04:47; issued_on: 09/03/2026; "
                                   'account: 20261208; extra: {"ghi_chú": "đã đổi"}; gone: —')
    assert change_text(None) == ""
