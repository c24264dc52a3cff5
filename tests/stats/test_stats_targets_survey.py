"""Indicator catalogue, targets per commune (audited) and survey figures."""
from datetime import datetime, timezone

from market.core.audit import AuditEvent
from market.stats.models import Indicator, Target
from tests import factories

LONG_AGO = datetime(2025, 1, 1, tzinfo=timezone.utc)


def test_seed_indicators_is_idempotent_and_keeps_edited_defaults(runner, db):
    first = runner.invoke(args=["seed-indicators"])
    assert first.exit_code == 0 and "indicators_added: 11" in first.output
    db.session.query(Target).filter_by(commune_code=None, scope_kind="street",
                                       indicator_code="acceptance_rate").update({"value": 0.8})
    db.session.commit()
    again = runner.invoke(args=["seed-indicators"])
    assert "indicators_added: 0" in again.output and "default_targets_added: 0" in again.output
    assert db.session.query(Indicator).count() == 11
    assert db.session.query(Target).filter_by(scope_kind="street", indicator_code="acceptance_rate").one().value == 0.8


def test_a_street_meets_the_default_acceptance_target_at_seventy_percent(client, db):
    factories.stats_indicators()
    street = factories.street()
    for index in range(10):
        merchant = factories.merchant(street.village, street_id=street.id, created_at=LONG_AGO)
        if index < 7:
            factories.account(merchant, created_at=LONG_AGO)
    db.session.commit()
    body = client.get("/api/v1/stats/adoption", query_string={"scope": f"street:{street.id}"}).json
    target = next(t for t in body["targets"] if t["indicator"] == "acceptance_rate")
    assert (target["target"], target["actual"], target["met"]) == (0.7, 0.7, True)


def test_the_commune_officer_raises_a_target_and_the_change_is_audited(client, auth, db):
    factories.stats_indicators()
    street = factories.street()
    db.session.commit()
    url = f"/api/v1/stats/targets/{factories.COMMUNE}/street/acceptance_rate"
    response = client.put(url, json={"value": 0.9}, headers=auth("commune", commune_code=factories.COMMUNE))
    assert response.status_code == 200, response.json
    event = db.session.query(AuditEvent).filter_by(action="target.set").one()
    assert event.before == {"value": 0.7, "default": True} and event.after["value"] == 0.9
    body = client.get("/api/v1/stats/adoption", query_string={"scope": f"street:{street.id}"}).json
    assert next(t for t in body["targets"] if t["indicator"] == "acceptance_rate")["target"] == 0.9
    other = client.get("/api/v1/stats/targets", query_string={"commune": "11995"}).json
    assert next(t for t in other if t["scope_kind"] == "street" and t["indicator"] == "acceptance_rate")["value"] == 0.7


def test_only_the_commune_role_of_that_commune_sets_targets(client, auth, db):
    factories.stats_indicators()
    village = factories.village()
    db.session.commit()
    url = f"/api/v1/stats/targets/{factories.COMMUNE}/street/acceptance_rate"
    assert client.put(url, json={"value": 0.5}).status_code == 401
    assert client.put(url, json={"value": 0.5}, headers=auth("village_head", village=village)).status_code == 403
    assert client.put(url, json={"value": 0.5}, headers=auth("commune", commune_code="11995")).status_code == 403
    bad = client.put(url, json={"value": 1.5}, headers=auth("commune", commune_code=factories.COMMUNE))
    assert bad.status_code == 422 and "value" in bad.json["error"]["fields"]
    assert db.session.query(Target).filter(Target.commune_code.isnot(None)).count() == 0


def test_the_targets_page_saves_percentages_typed_with_a_comma(client, auth, db):
    factories.stats_indicators()
    db.session.commit()
    headers = auth("commune", commune_code=factories.COMMUNE)
    page = client.get(f"/stats/targets/{factories.COMMUNE}", headers=headers)
    assert page.status_code == 200 and "Tỷ lệ hộ kinh doanh chấp nhận" in page.text
    response = client.post(f"/stats/targets/{factories.COMMUNE}", headers=headers,
                           data={"target__market__acceptance_rate": "72,5"})
    assert response.status_code == 302
    db.session.expire_all()
    row = db.session.query(Target).filter_by(commune_code=factories.COMMUNE, scope_kind="market").one()
    assert row.value == 0.725
    wrong = client.post(f"/stats/targets/{factories.COMMUNE}", headers=headers,
                        data={"target__market__acceptance_rate": "170"})
    assert wrong.status_code == 422 and "từ 0 đến 100" in wrong.text


def test_a_village_head_enters_survey_figures_and_they_become_the_actuals(client, auth, db):
    factories.stats_indicators()
    village = factories.village()
    db.session.commit()
    headers = auth("village_head", village=village)
    url = f"/api/v1/stats/survey/{village.id}/smartphone_share/2026-02"
    assert client.put(url, json={"value": 0.85}, headers=headers).status_code == 200
    page = client.post(f"/stats/survey/{village.id}", headers=headers,
                       data={"period": "2026-03", "survey__smartphone_share": "78"})
    assert page.status_code == 302
    assert db.session.query(AuditEvent).filter_by(action="survey.set").count() == 2
    body = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}",
                                                               "date": "2026-02-20"}).json
    smartphone = next(t for t in body["targets"] if t["indicator"] == "smartphone_share")
    assert (smartphone["actual"], smartphone["met"]) == (0.85, True)
    later = client.get("/api/v1/stats/adoption", query_string={"scope": f"village:{village.id}",
                                                                "date": "2026-04-01"}).json
    assert next(t for t in later["targets"] if t["indicator"] == "smartphone_share")["actual"] == 0.78


def test_survey_figures_of_another_village_are_refused(client, auth, db):
    factories.stats_indicators()
    mine, other = factories.village(), factories.village()
    db.session.commit()
    response = client.put(f"/api/v1/stats/survey/{other.id}/smartphone_share/2026-02", json={"value": 0.5},
                          headers=auth("village_head", village=mine))
    assert response.status_code == 403
    bad = client.put(f"/api/v1/stats/survey/{mine.id}/smartphone_share/2026-13", json={"value": 0.5},
                     headers=auth("village_head", village=mine))
    assert bad.status_code == 422 and "period" in bad.json["error"]["fields"]
