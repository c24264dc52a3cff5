"""A merchant who guesses another merchant's ids can neither read their private data nor change it."""
from tests import factories


def _two_merchants(db):
    village = factories.village()
    mine = factories.merchant(village, phone="0912345678")
    theirs = factories.merchant(village, phone="0987654321", owner_name="Trần Văn Bí Mật")
    their_account = factories.account(theirs)
    their_sale = factories.transaction(theirs, amount=123_000)
    db.session.commit()
    return mine, theirs, their_account, their_sale


def test_guessed_ids_reveal_nothing_private_of_another_merchant(client, auth, db):
    mine, theirs, their_account, their_sale = _two_merchants(db)
    headers = auth("merchant", merchant=mine)
    profile = client.get(f"/api/v1/merchants/{theirs.id}", headers=headers)
    assert profile.status_code in (200, 403, 404)
    assert "0987654321" not in profile.text and "Bí Mật" not in profile.text
    for path in (f"/api/v1/merchants/{theirs.id}/accounts", f"/api/v1/transactions/{their_sale.id}"):
        assert client.get(path, headers=headers).status_code in (403, 404), path
    listing = client.get("/api/v1/transactions", query_string={"merchant": theirs.id}, headers=headers)
    assert listing.status_code == 403 or "123000" not in listing.text


def test_guessed_ids_change_nothing_of_another_merchant(client, auth, db):
    mine, theirs, their_account, their_sale = _two_merchants(db)
    name, number = theirs.display_name, their_account.account_number
    headers = auth("merchant", merchant=mine)
    writes = [
        ("patch", f"/api/v1/merchants/{theirs.id}", {"display_name": "Bị chiếm"}),
        ("post", f"/api/v1/merchants/{theirs.id}/accounts",
         {"bin": "970436", "account_number": "9999999999", "holder_name": "KE GIAN"}),
        ("patch", f"/api/v1/merchants/{theirs.id}/accounts/{their_account.id}", {"account_number": "9999999999"}),
        ("delete", f"/api/v1/merchants/{theirs.id}/accounts/{their_account.id}", None),
        ("post", f"/api/v1/transactions/{their_sale.id}/reverse", {"reason": "xoá doanh thu"}),
    ]
    for method, path, body in writes:
        response = getattr(client, method)(path, json=body, headers=headers)
        assert response.status_code in (403, 404), (method, path, response.status_code)
    db.session.expire_all()
    assert theirs.display_name == name
    assert [(a.account_number, a.status) for a in theirs.accounts] == [(number, "active")]
    assert their_sale.reverses_id is None and db.session.query(type(their_sale)).count() == 1
