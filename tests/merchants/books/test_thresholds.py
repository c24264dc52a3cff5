"""Thresholds and book forms are data with effective dates; the meter reads them and says what they mean."""
import json
from datetime import date, timedelta

from market.core.clock import today
from merchants.books import thresholds
from merchants.books.services import meter
from tests import factories


def test_the_shipped_data_has_the_one_billion_threshold_from_2026_with_its_basis():
    [level] = thresholds.thresholds_on(date(2026, 6, 1))
    assert (level.amount, level.effective_from, level.basis) == (1_000_000_000, date(2026, 1, 1), "NĐ 141/2026/NĐ-CP")
    assert level.sentence(999_999_999).startswith("Dưới ngưỡng 1 tỷ đồng: không phải nộp thuế GTGT, TNCN")
    assert level.sentence(1_000_000_000).startswith("Từ 1 tỷ đồng trở lên")
    assert thresholds.thresholds_on(date(2025, 12, 31)) == []
    assert thresholds.book_form(date(2026, 1, 1))["code"] == "S1a-HKD"


def test_a_change_of_law_is_a_data_change(tmp_path, monkeypatch):
    data = json.loads(thresholds.DATA_FILE.read_text(encoding="utf-8"))
    data["thresholds"][0]["effective_to"] = "2027-06-30"
    data["thresholds"].append({**data["thresholds"][0], "amount": 1_500_000_000, "effective_from": "2027-07-01",
                               "effective_to": None, "basis": "a later decree"})
    changed = tmp_path / "thresholds.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(thresholds, "DATA_FILE", changed)
    thresholds._data.cache_clear()
    try:
        assert [t.amount for t in thresholds.thresholds_on(date(2027, 6, 30))] == [1_000_000_000]
        assert [t.amount for t in thresholds.thresholds_on(date(2027, 7, 1))] == [1_500_000_000]
        assert thresholds.thresholds_on(date(2027, 7, 1))[0].sentence(0).startswith("Dưới ngưỡng 1.500 triệu đồng")
    finally:
        thresholds._data.cache_clear()


def test_the_meter_projects_the_year_at_the_current_pace(db, seller):
    merchant = seller[0]
    day = date(2026, 3, 31)  # day 90 of 365
    factories.stats_tally(merchant, day - timedelta(days=5), cash=(10, 90_000_000))
    factories.stats_tally(merchant, date(2025, 12, 31), cash=(10, 50_000_000))  # last year: not counted
    reading = meter(merchant.id, day)
    assert (reading.so_far, reading.projection) == (90_000_000, 365_000_000)
    assert reading.lines[0]["sentence"].startswith("Dưới ngưỡng 1 tỷ đồng")


def test_the_merchants_home_page_shows_the_meter_and_says_nothing_is_sent(client, db, seller):
    merchant, user, _ = seller
    factories.stats_tally(merchant, today(), cash=(10, 1_234_000))
    db.session.commit()
    factories.login_as(client, user)
    page = client.get("/auth/account").text
    assert f"Doanh thu năm {today().year}" in page and "1.234.000 đ" in page
    assert "không gửi số liệu này đi đâu" in page


def test_the_meter_api_is_the_merchants_own(client, db, seller):
    merchant, _, headers = seller
    assert client.get(f"/api/v1/merchants/{merchant.id}/revenue-meter", headers=headers).status_code == 200
    head = factories.auth_headers("village_head", village=merchant.village)
    assert client.get(f"/api/v1/merchants/{merchant.id}/revenue-meter", headers=head).status_code == 403
