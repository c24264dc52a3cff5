"""A commune drops its own target and the default applies again (API and targets page, audited)."""
from datetime import datetime, timezone

from market.core.audit import AuditEvent
from market.stats.models import Target
from tests import factories

LONG_AGO = datetime(2025, 1, 1, tzinfo=timezone.utc)
URL = f"/api/v1/stats/targets/{factories.COMMUNE}/street/acceptance_rate"


def _street_with_a_raised_target(client, auth, db):
    factories.stats_indicators()
    street = factories.street()
    for index in range(10):
        merchant = factories.merchant(street.village, street_id=street.id, created_at=LONG_AGO)
        if index < 8:
            factories.account(merchant, created_at=LONG_AGO)
    db.session.commit()
    headers = auth("commune", commune_code=factories.COMMUNE)
    assert client.put(URL, json={"value": 0.9}, headers=headers).status_code == 200
    return street, headers


def _acceptance(client, street):
    body = client.get("/api/v1/stats/adoption", query_string={"scope": f"street:{street.id}"}).json
    return next(t for t in body["targets"] if t["indicator"] == "acceptance_rate")


def test_after_a_reset_the_adoption_figures_use_the_default_target_again(client, auth, db):
    street, headers = _street_with_a_raised_target(client, auth, db)
    assert (_acceptance(client, street)["target"], _acceptance(client, street)["met"]) == (0.9, False)
    response = client.delete(URL, headers=headers)
    assert response.status_code == 204 and response.data == b""
    assert (_acceptance(client, street)["target"], _acceptance(client, street)["met"]) == (0.7, True)
    listed = client.get("/api/v1/stats/targets", query_string={"commune": factories.COMMUNE}).json
    row = next(t for t in listed if t["scope_kind"] == "street" and t["indicator"] == "acceptance_rate")
    assert (row["value"], row["is_default"]) == (0.7, True)


def test_the_reset_is_audited_with_the_value_it_replaced(client, auth, db):
    _, headers = _street_with_a_raised_target(client, auth, db)
    assert client.delete(URL, headers=headers).status_code == 204
    event = db.session.query(AuditEvent).filter_by(action="target.reset").one()
    assert event.before == {"value": 0.9, "default": False}
    assert event.after == {"value": 0.7, "default": True, "scope_kind": "street",
                           "indicator": "acceptance_rate"}
    assert event.commune_code == factories.COMMUNE


def test_resetting_a_target_the_commune_never_set_is_a_404_and_changes_nothing(client, auth, db):
    _, headers = _street_with_a_raised_target(client, auth, db)
    assert client.delete(URL, headers=headers).status_code == 204
    again = client.delete(URL, headers=headers)
    assert again.status_code == 404 and "mặc định" in again.json["error"]["message"]
    assert db.session.query(AuditEvent).filter_by(action="target.reset").count() == 1
    assert db.session.query(Target).filter_by(commune_code=None).count() > 0


def test_another_communes_officer_cannot_reset_the_target(client, auth, db):
    _street_with_a_raised_target(client, auth, db)
    assert client.delete(URL).status_code == 401
    other_officer = auth("commune", commune_code=factories.OTHER_COMMUNE)
    assert client.delete(URL, headers=other_officer).status_code == 403
    assert client.delete(URL, headers=auth("village_head", village=factories.village())).status_code == 403
    db.session.expire_all()
    assert db.session.query(Target).filter_by(commune_code=factories.COMMUNE).one().value == 0.9


def test_an_unknown_criterion_or_kind_is_refused_naming_the_field(client, auth, db):
    _, headers = _street_with_a_raised_target(client, auth, db)
    base = f"/api/v1/stats/targets/{factories.COMMUNE}"
    unknown = client.delete(f"{base}/street/no_such_rate", headers=headers)
    assert unknown.status_code == 404 and "no_such_rate" in unknown.json["error"]["fields"]["indicator"][0]
    kind = client.delete(f"{base}/district/acceptance_rate", headers=headers)
    assert kind.status_code == 404 and "scope_kind" in kind.json["error"]["fields"]
    wrong_kind = client.delete(f"{base}/street/smartphone_share", headers=headers)
    assert wrong_kind.status_code == 422 and "scope_kind" in wrong_kind.json["error"]["fields"]
    assert db.session.query(Target).filter_by(commune_code=factories.COMMUNE).count() == 1


def test_the_targets_page_offers_the_reset_and_then_shows_the_default_again(client, auth, db):
    _, headers = _street_with_a_raised_target(client, auth, db)
    page = client.get(f"/stats/targets/{factories.COMMUNE}", headers=headers).text
    assert page.count("Dùng lại mục tiêu mặc định") == 1 and 'value="90,0"' in page
    done = client.post(f"/stats/targets/{factories.COMMUNE}/reset", headers=headers,
                       data={"target": "target__street__acceptance_rate"}, follow_redirects=True)
    assert done.status_code == 200 and "dùng lại mục tiêu mặc định (70,0 %)" in done.text
    assert "Dùng lại mục tiêu mặc định" not in done.text and 'value="90,0"' not in done.text
    assert db.session.query(Target).filter_by(commune_code=factories.COMMUNE).count() == 0


def test_the_page_refuses_a_target_not_in_the_table_and_other_communes(client, auth, db):
    _, headers = _street_with_a_raised_target(client, auth, db)
    url = f"/stats/targets/{factories.COMMUNE}/reset"
    bad = client.post(url, headers=headers, data={"target": "target__street__nothing"})
    assert bad.status_code == 422 and "Chọn một chỉ tiêu" in bad.text
    other = client.post(url, headers=auth("commune", commune_code=factories.OTHER_COMMUNE),
                        data={"target": "target__street__acceptance_rate"})
    assert other.status_code == 403
    assert db.session.query(Target).filter_by(commune_code=factories.COMMUNE).count() == 1
