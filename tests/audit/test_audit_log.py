from datetime import datetime, timezone

import pytest
from sqlalchemy import delete, update

from market.auth.principal import SYSTEM
from market.core.audit import AuditEvent, AuditLogIsAppendOnly, record
from tests import factories
from tests.factories import OTHER_COMMUNE, login


def _event(db, commune_code=factories.COMMUNE, action="card.issue"):
    event = record(SYSTEM, action, "card", 1, commune_code=commune_code, after={"serial": "A1"})
    db.session.commit()
    return event


def test_a_recorded_event_cannot_be_changed(db):
    event = _event(db)
    event.after = {"serial": "forged"}
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).after == {"serial": "A1"}


def test_a_recorded_event_cannot_be_deleted_one_by_one_or_in_bulk(db):
    event = _event(db)
    db.session.delete(event)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(delete(AuditEvent))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(update(AuditEvent).values(actor="nobody"))
    db.session.rollback()
    assert db.session.query(AuditEvent).count() == 1


def test_there_is_no_way_to_change_the_log_over_http(client, auth, db):
    event = _event(db)
    headers = auth("admin")
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(f"/api/v1/audit-events/{event.id}", headers=headers).status_code in (404, 405)
    assert client.post("/api/v1/audit-events", json={}, headers=headers).status_code == 405


def test_a_commune_officer_reads_only_the_events_of_their_commune(client, auth, db):
    mine, theirs = _event(db), _event(db, OTHER_COMMUNE)
    headers = auth("commune", commune_code=factories.COMMUNE)
    listed = client.get("/api/v1/audit-events", query_string={"entity": "card"}, headers=headers).json
    assert [e["id"] for e in listed] == [mine.id]
    assert theirs.id not in [e["id"] for e in listed]
    other = client.get("/api/v1/audit-events", query_string={"commune": OTHER_COMMUNE}, headers=headers)
    assert other.status_code == 403


def test_admins_read_everything_and_filter_by_action_and_time(client, auth, db):
    first, second = _event(db), _event(db, OTHER_COMMUNE, action="card.revoke")
    headers = auth("admin")
    by_action = client.get("/api/v1/audit-events", query_string={"action": "card.revoke"}, headers=headers).json
    assert [e["id"] for e in by_action] == [second.id]
    page = client.get("/api/v1/audit-events", query_string={"entity": "card", "limit": 1, "before_id": second.id},
                      headers=headers).json
    assert [e["id"] for e in page] == [first.id]
    naive = client.get("/api/v1/audit-events", query_string={"since": "2025-01-01T00:00:00"}, headers=headers)
    assert naive.status_code == 422 and "since" in naive.json["error"]["fields"]


def test_village_heads_merchants_and_the_public_cannot_read_the_log(client, auth, db):
    village = factories.village()
    assert client.get("/api/v1/audit-events").status_code == 401
    assert client.get("/api/v1/audit-events", headers=auth("village_head", village=village)).status_code == 403
    head = factories.user("village_head", village=village)
    db.session.commit()
    login(client, head)
    assert client.get("/audit/").status_code == 403


def test_the_audit_page_lists_events_with_actor_ip_and_change(client, db):
    _event(db)
    officer = factories.user("commune")
    db.session.commit()
    login(client, officer)
    page = client.get("/audit/", query_string={"action": "card.issue"})
    assert page.status_code == 200 and "card.issue" in page.text and "system" in page.text


def test_the_audit_page_shows_vietnam_time_and_readable_changes(client, db):
    event = record(SYSTEM, "merchant.update", "merchant", 1, commune_code=factories.COMMUNE,
                   after={"name": "Bún chả Hiền"})
    event.at = datetime(2026, 12, 1, 21, 47, tzinfo=timezone.utc)
    officer = factories.user("commune")
    db.session.commit()
    login(client, officer)
    page = client.get("/audit/").text
    assert "02/12/2026 04:47" in page and "name: Bún chả Hiền" in page
    assert "UTC" not in page and "\\u" not in page
