"""The review queue of bank credits no account matched: an officer assigns each one, or dismisses it."""
import threading

import pytest

from market.core.audit import AuditEvent
from market.core.clock import today
from market.transactions.models import Transaction, UnmatchedCredit, WebhookIntegration
from tests import factories
from tests.factories import COMMUNE, OTHER_COMMUNE
from tests.transactions.test_webhook import _credit, signed

QUEUE = "/api/v1/webhooks/unmatched"


def _assign(client, headers, credit_id, account_id):
    return client.post(f"{QUEUE}/{credit_id}/assign", json={"account_id": account_id}, headers=headers)


def _dismiss(client, headers, credit_id, reason):
    return client.post(f"{QUEUE}/{credit_id}/dismiss", json={"reason": reason}, headers=headers)


def _merchant_with_account(commune_code=COMMUNE, **merchant_fields):
    village = factories.village(commune_code=commune_code)
    merchant = factories.merchant(village, **merchant_fields)
    return village, merchant, factories.account(merchant)


def _state(db):
    """What an officer could see changed: credits, transactions, audit events."""
    db.session.expire_all()
    credits = [(c.id, c.status, c.transaction_id, c.reason) for c in db.session.query(UnmatchedCredit)]
    return credits, db.session.query(Transaction).count(), db.session.query(AuditEvent).count()


def test_a_pushed_credit_assigned_by_the_commune_officer_shows_in_the_merchants_sales_and_statistics(
        client, auth, db):
    village, merchant, account = _merchant_with_account()
    integration, secret = factories.webhook_integration("vcb-notify")
    db.session.commit()
    raw, headers = signed(integration.name, secret, _credit("99990000123", amount=175_000))
    queued = client.post("/api/v1/webhooks/bank", data=raw, headers=headers).json
    officer = auth("commune", commune_code=COMMUNE)

    response = _assign(client, officer, queued["unmatched_id"], account.id)

    assert response.status_code == 200, response.json
    credit = response.json
    assert credit["status"] == "assigned" and credit["resolved_by"] == "token:test-commune"
    assert credit["resolved_at"] and credit["transaction_id"]
    sales = client.get("/api/v1/transactions", query_string={"merchant": merchant.id}, headers=officer).json
    assert [(t["id"], t["amount"], t["source"], t["method"], t["account_id"], t["reference"], t["note"],
             t["created_by"]) for t in sales["items"]] == [
        (credit["transaction_id"], 175_000, "webhook", "bank_transfer", account.id, "FT26060123456",
         "NGUYEN VAN A chuyen tien", "token:test-commune")]
    stats = client.get("/api/v1/stats/adoption", headers=officer, query_string={
        "scope": f"village:{village.id}", "date": today().isoformat()}).json
    assert (stats["transactions"]["count"], stats["transactions"]["value"]) == (1, 175_000)
    assert stats["merchants_transacting"] == 1


def test_the_list_filters_by_status_and_shows_who_resolved_each_credit_and_how(client, auth, db):
    _, _, account = _merchant_with_account()
    to_assign, to_dismiss, still_open = (factories.unmatched_credit() for _ in range(3))
    db.session.commit()
    officer = auth("commune", commune_code=COMMUNE)
    assert _assign(client, officer, to_assign.id, account.id).status_code == 200
    assert _dismiss(client, officer, to_dismiss.id, "Khoản chuyển thử của ngân hàng").status_code == 200

    def listed(status):
        rows = client.get(QUEUE, query_string={"status": status}, headers=officer).json
        return {row["id"]: row for row in rows}

    assert set(listed("open")) == {still_open.id}
    assert set(listed("assigned")) == {to_assign.id} and set(listed("dismissed")) == {to_dismiss.id}
    assert set(listed("resolved")) == {to_assign.id, to_dismiss.id} and len(listed("all")) == 3
    dismissed = listed("dismissed")[to_dismiss.id]
    assert (dismissed["reason"], dismissed["transaction_id"]) == ("Khoản chuyển thử của ngân hàng", None)
    assert dismissed["resolved_by"] == "token:test-commune" and dismissed["resolved_at"]
    assert listed("open")[still_open.id]["resolved_at"] is None


def test_assigning_a_credit_twice_is_refused_and_there_is_still_one_transaction(client, auth, db):
    _, _, account = _merchant_with_account()
    _, _, other_account = _merchant_with_account()
    credit = factories.unmatched_credit()
    db.session.commit()
    officer = auth("commune", commune_code=COMMUNE)
    first = _assign(client, officer, credit.id, account.id)

    again = _assign(client, officer, credit.id, other_account.id)
    dismissed_after = _dismiss(client, officer, credit.id, "Nhầm, không phải của xã")

    assert first.status_code == 200
    for refused in (again, dismissed_after):
        assert refused.status_code == 409 and "status" in refused.json["error"]["fields"]
    db.session.expire_all()
    row = db.session.query(Transaction).one()
    assert (row.id, row.account_id) == (first.json["transaction_id"], account.id)
    assert db.session.get(UnmatchedCredit, credit.id).reason is None


def test_a_reference_the_merchant_already_has_from_the_bank_is_linked_not_recorded_again(client, auth, db):
    _, merchant, account = _merchant_with_account()
    credit = factories.unmatched_credit(reference="FT26069999999")
    existing = factories.transaction(merchant, 150_000, "bank_transfer", source="webhook",
                                     reference="FT26069999999")
    db.session.commit()

    response = _assign(client, auth("admin"), credit.id, account.id)

    assert response.status_code == 200 and response.json["transaction_id"] == existing.id
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 1
    event = db.session.query(AuditEvent).filter_by(action="unmatched_credit.assign").one()
    assert event.after["linked_existing"] is True and event.after["transaction_id"] == existing.id


def test_dismissing_keeps_the_credit_with_who_when_and_why_and_records_no_sale(client, auth, db):
    credit = factories.unmatched_credit()
    db.session.commit()

    response = _dismiss(client, auth("admin"), credit.id, "  Tiền thử nghiệm của ngân hàng  ")

    assert response.status_code == 200, response.json
    db.session.expire_all()
    row = db.session.get(UnmatchedCredit, credit.id)
    assert (row.status, row.reason, row.resolved_by) == (
        "dismissed", "Tiền thử nghiệm của ngân hàng", "token:test-admin")
    assert row.resolved_at is not None and row.transaction_id is None and row.amount == 150_000
    assert db.session.query(Transaction).count() == 0
    event = db.session.query(AuditEvent).filter_by(action="unmatched_credit.dismiss").one()
    assert (event.entity_id, event.actor, event.after["reason"]) == (
        str(credit.id), "token:test-admin", "Tiền thử nghiệm của ngân hàng")


def test_each_assignment_is_audited_under_the_commune_of_the_merchant(client, auth, db):
    _, merchant, account = _merchant_with_account()
    credit = factories.unmatched_credit()
    db.session.commit()
    _assign(client, auth("commune", commune_code=COMMUNE), credit.id, account.id)
    db.session.expire_all()
    event = db.session.query(AuditEvent).filter_by(action="unmatched_credit.assign").one()
    assert (event.entity, event.entity_id, event.commune_code, event.role) == (
        "unmatched_credit", str(credit.id), COMMUNE, "commune")
    assert event.before == {"status": "open"}
    assert (event.after["account_id"], event.after["merchant_id"], event.after["amount"]) == (
        account.id, merchant.id, 150_000)


def test_a_commune_officer_cannot_assign_a_credit_to_an_account_of_another_commune(client, auth, db):
    _, _, elsewhere = _merchant_with_account(commune_code=OTHER_COMMUNE)
    credit = factories.unmatched_credit()
    db.session.commit()
    officer = auth("commune", commune_code=COMMUNE)
    before = _state(db)

    response = _assign(client, officer, credit.id, elsewhere.id)

    assert response.status_code == 403 and "account_id" in response.json["error"]["fields"]
    assert _state(db) == before


def test_once_assigned_into_a_commune_a_credit_is_hidden_from_the_other_communes(client, auth, db):
    _, _, elsewhere = _merchant_with_account(commune_code=OTHER_COMMUNE)
    placed, dismissed, still_open = (factories.unmatched_credit() for _ in range(3))
    db.session.commit()
    admin = auth("admin")
    _assign(client, admin, placed.id, elsewhere.id)
    _dismiss(client, admin, dismissed.id, "Chuyển khoản thử")
    ours = auth("commune", commune_code=COMMUNE)
    theirs = auth("commune", commune_code=OTHER_COMMUNE)

    def seen(headers):
        return {row["id"] for row in client.get(QUEUE, query_string={"status": "all"}, headers=headers).json}

    assert seen(ours) == {dismissed.id, still_open.id}
    assert seen(theirs) == seen(admin) == {placed.id, dismissed.id, still_open.id}
    assert _dismiss(client, ours, placed.id, "Không phải của xã").status_code == 404


def test_a_credit_from_a_communes_own_bank_feed_stays_with_that_commune(client, auth, db):
    _, _, ours_account = _merchant_with_account()
    feed, _ = factories.webhook_integration("vcb-xa-lac-dao", commune_code=COMMUNE)
    local = factories.unmatched_credit(integration=feed, content="TRAN THI B chuyen tien")
    province_wide = factories.unmatched_credit()
    db.session.commit()
    ours = auth("commune", commune_code=COMMUNE)
    theirs = auth("commune", commune_code=OTHER_COMMUNE)

    def seen(headers):
        return {row["id"] for row in client.get(QUEUE, headers=headers).json}

    assert seen(ours) == {local.id, province_wide.id}
    assert seen(theirs) == {province_wide.id}  # the payer's name stays in the commune it concerns
    before = _state(db)
    assert _dismiss(client, theirs, local.id, "Không phải của xã").status_code == 404
    assert _state(db) == before
    assert _assign(client, ours, local.id, ours_account.id).status_code == 200


def test_a_feed_for_an_unknown_commune_is_refused_naming_it(runner, db):
    result = runner.invoke(args=["create-webhook-integration", "vcb-x", "--commune", "00000"])
    assert result.exit_code != 0 and "00000" in result.output
    created = runner.invoke(args=["create-webhook-integration", "vcb-y", "--commune", COMMUNE])
    assert created.exit_code == 0, created.output
    assert db.session.query(WebhookIntegration).filter_by(name="vcb-y").one().commune_code == COMMUNE


@pytest.mark.parametrize("action,body,field,status", [
    ("assign", {}, "account_id", 422),
    ("assign", {"account_id": "mười hai"}, "account_id", 422),
    ("assign", {"account_id": 0}, "account_id", 422),
    ("assign", {"account_id": 2_000_000_000}, "account_id", 422),
    ("assign", {"account_id": "suspended"}, "account_id", 422),
    ("assign", {"account_id": "removed"}, "account_id", 422),
    ("dismiss", {}, "reason", 422),
    ("dismiss", {"reason": "ok"}, "reason", 422),
    ("dismiss", {"reason": "   x    "}, "reason", 422),
    ("dismiss", {"reason": "x" * 256}, "reason", 422),
])
def test_bad_input_names_the_field_and_changes_nothing(client, auth, db, action, body, field, status):
    _, _, suspended = _merchant_with_account(status="suspended")
    _, merchant, _ = _merchant_with_account()
    removed = factories.account(merchant, status="removed", is_primary=False)
    credit = factories.unmatched_credit()
    db.session.commit()
    accounts = {"suspended": suspended.id, "removed": removed.id}
    if body.get("account_id") in accounts:
        body = {"account_id": accounts[body["account_id"]]}
    officer = auth("commune", commune_code=COMMUNE)
    before = _state(db)

    response = client.post(f"{QUEUE}/{credit.id}/{action}", json=body, headers=officer)

    assert response.status_code == status, response.json
    assert field in response.json["error"]["fields"]
    assert _state(db) == before


def test_an_unknown_credit_is_a_404_and_the_public_and_village_heads_may_not_resolve(client, auth, db):
    _, _, account = _merchant_with_account()
    credit = factories.unmatched_credit()
    village = factories.village()
    admin, head = auth("admin"), auth("village_head", village=village)
    before = _state(db)
    assert _assign(client, admin, credit.id + 1000, account.id).status_code == 404
    assert _assign(client, {}, credit.id, account.id).status_code == 401
    assert _dismiss(client, head, credit.id, "Không rõ").status_code == 403
    assert client.get(QUEUE, headers=head).status_code == 403
    assert _state(db) == before


def test_officers_assigning_the_same_credit_at_the_same_moment_record_it_once(app, auth, db):
    accounts = [_merchant_with_account()[2].id for _ in range(4)]
    credit_id = factories.unmatched_credit().id
    db.session.commit()
    # One token per officer: a shared token would serialise the requests on its last-used stamp.
    officers = [auth("commune", commune_code=COMMUNE) for _ in accounts]
    start, statuses = threading.Barrier(len(accounts)), []

    def officer(headers, account_id):
        client = app.test_client()
        start.wait()
        statuses.append(_assign(client, headers, credit_id, account_id).status_code)

    threads = [threading.Thread(target=officer, args=pair) for pair in zip(officers, accounts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] + [409] * (len(accounts) - 1)
    db.session.expire_all()
    assert db.session.query(Transaction).count() == 1
    assert db.session.get(UnmatchedCredit, credit_id).transaction_id is not None


def test_a_bank_retry_after_the_credit_was_assigned_learns_where_it_was_recorded(client, auth, db):
    _, _, account = _merchant_with_account()
    integration, secret = factories.webhook_integration("vcb-notify")
    db.session.commit()
    raw, headers = signed(integration.name, secret, _credit("99990000123", amount=175_000))
    queued = client.post("/api/v1/webhooks/bank", data=raw, headers=headers).json
    assigned = _assign(client, auth("commune", commune_code=COMMUNE), queued["unmatched_id"], account.id).json
    raw, headers = signed(integration.name, secret, _credit("99990000123", amount=175_000))
    retry = client.post("/api/v1/webhooks/bank", data=raw, headers=headers)
    assert retry.status_code == 200
    assert retry.json == {"status": "recorded", "transaction_id": assigned["transaction_id"],
                          "unmatched_id": queued["unmatched_id"], "duplicate": True}
    assert db.session.query(Transaction).count() == 1


def test_a_mistaken_dismissal_is_reopened_with_a_reason_and_the_credit_can_then_be_assigned(client, auth, db):
    _, _, account = _merchant_with_account()
    credit = factories.unmatched_credit()
    db.session.commit()
    officer = auth("commune", commune_code=COMMUNE)
    assert _dismiss(client, officer, credit.id, "Chuyển khoản thử").status_code == 200
    assert _assign(client, officer, credit.id, account.id).status_code == 409

    refused = client.post(f"{QUEUE}/{credit.id}/reopen", json={"reason": "x"}, headers=officer)
    assert refused.status_code == 422 and "reason" in refused.json["error"]["fields"]
    reopened = client.post(f"{QUEUE}/{credit.id}/reopen", json={"reason": "Đã tìm ra hộ nhận"}, headers=officer)
    assert reopened.status_code == 200, reopened.json
    assert (reopened.json["status"], reopened.json["reason"], reopened.json["resolved_by"]) == ("open", None, None)
    again = client.post(f"{QUEUE}/{credit.id}/reopen", json={"reason": "Đã tìm ra hộ nhận"}, headers=officer)
    assert again.status_code == 409 and "status" in again.json["error"]["fields"]
    assert _assign(client, officer, credit.id, account.id).status_code == 200
    trail = [(e.action, (e.before or {}).get("reason"), (e.after or {}).get("reason"))
             for e in db.session.query(AuditEvent).filter_by(entity="unmatched_credit").order_by(AuditEvent.id)]
    assert trail == [("unmatched_credit.dismiss", None, "Chuyển khoản thử"),
                     ("unmatched_credit.reopen", "Chuyển khoản thử", "Đã tìm ra hộ nhận"),
                     ("unmatched_credit.assign", None, None)]
