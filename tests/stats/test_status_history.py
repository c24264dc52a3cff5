"""Figures for a past day use each merchant's status on that day, so a report sent up stays true."""
import io
from datetime import date, datetime, timedelta, timezone

from market.core.clock import local_day
from market.core.dbtypes import utcnow
from merchants.models import MerchantStatusChange
from tests import factories

LONG_AGO = datetime(2025, 1, 1, tzinfo=timezone.utc)


def today() -> date:
    """Today in Viet Nam, the calendar the figures use."""
    return local_day(utcnow())


def _total(client, headers, village, day):
    response = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}",
                                                                    "date": day.isoformat()}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json["merchants_total"]


def test_suspending_a_merchant_today_leaves_last_months_figures_unchanged(client, auth, db):
    village = factories.village()
    merchant = factories.merchant(village, created_at=LONG_AGO)
    factories.merchant(village, created_at=LONG_AGO)
    db.session.commit()
    headers = auth("village_head", village=village)
    last_month = today() - timedelta(days=30)
    assert _total(client, headers, village, last_month) == 2
    response = client.post(f"/api/v1/merchants/{merchant.id}/status", json={"status": "suspended", "reason": "nghỉ bán"},
                           headers=headers)
    assert response.status_code == 200, response.json
    assert _total(client, headers, village, last_month) == 2
    assert _total(client, headers, village, today()) == 1


def test_a_merchant_counts_from_the_day_it_was_approved_not_the_day_it_registered(client, auth, db):
    village = factories.village()
    headers = auth("village_head", village=village)
    created = client.post("/api/v1/merchants", json={"display_name": "Tạp hoá Cô Ba", "owner_name": "Lê Thị Ba",
                                                      "village_id": village.id}, headers=headers)
    assert created.status_code == 201, created.json
    merchant_id = created.json["id"]
    assert _total(client, headers, village, today()) == 0  # pending: registered, not yet approved
    approved = client.post(f"/api/v1/merchants/{merchant_id}/status", json={"status": "active", "reason": "đủ hồ sơ"},
                           headers=headers)
    assert approved.status_code == 200
    assert _total(client, headers, village, today()) == 1
    assert _total(client, headers, village, today() - timedelta(days=1)) == 0
    statuses = db.session.query(MerchantStatusChange.status).filter_by(merchant_id=merchant_id)
    assert [status for (status,) in statuses.order_by(MerchantStatusChange.id)] == ["pending", "active"]


def test_merchants_imported_from_a_list_count_from_the_import(client, auth, db):
    village = factories.village()
    headers = auth("village_head", village=village)
    rows = "Tên cơ sở,Chủ hộ\r\nSạp Rau Cô Hạnh,Phạm Thị Hạnh\r\nTạp hoá Bình An,Đỗ Văn Bình\r\n".encode()
    response = client.post("/api/v1/merchants/import", headers=headers, content_type="multipart/form-data",
                           data={"village_id": str(village.id), "dry_run": "false", "file": (io.BytesIO(rows), "ds.csv")})
    assert response.status_code in (200, 201), response.json
    assert _total(client, headers, village, today()) == 2
    assert _total(client, headers, village, today() - timedelta(days=1)) == 0


def test_removing_a_bank_account_today_leaves_last_months_acceptance_unchanged(client, auth, db):
    village = factories.village()
    merchant = factories.merchant(village, created_at=LONG_AGO)
    account = factories.account(merchant, created_at=LONG_AGO)
    db.session.commit()
    headers = auth("village_head", village=village)
    last_month = today() - timedelta(days=30)

    def accepting(day):
        response = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}",
                                                                        "date": day.isoformat()}, headers=headers)
        return response.json["merchants_accepting"]

    assert accepting(last_month) == 1
    removed = client.delete(f"/api/v1/merchants/{merchant.id}/accounts/{account.id}", headers=headers)
    assert removed.status_code in (200, 204), removed.json
    assert (accepting(last_month), accepting(today())) == (1, 0)
