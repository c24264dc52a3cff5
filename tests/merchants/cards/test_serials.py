from merchants.cards.issue import derive_serial, normalize_serial


def test_a_serial_is_ten_base32_characters_that_depend_on_the_secret_key():
    one = derive_serial("key-one", 7, 9, "nonce")
    assert len(one) == 10 and normalize_serial(one) == one
    assert derive_serial("key-one", 7, 9, "nonce") == one
    assert derive_serial("key-two", 7, 9, "nonce") != one
    assert derive_serial("key-one", 7, 9, "other") != one


def test_typing_mistakes_in_case_spaces_and_dashes_are_forgiven_but_not_wrong_letters():
    assert normalize_serial(" abcde-fgh23 ") == "ABCDEFGH23"
    assert normalize_serial("ABCDEFGH21") is None  # 1 is not in the base32 alphabet
    assert normalize_serial("ABC") is None


def test_reissued_cards_never_share_a_serial(client, db, auth):
    from merchants.models import Card
    from tests import factories

    merchant = factories.payable_merchant()
    db.session.commit()
    headers = auth("admin")
    serials = {client.post(f"/api/v1/merchants/{merchant.id}/cards", headers=headers).json["serial"]
               for _ in range(5)}
    assert len(serials) == 5
    db.session.expire_all()
    assert db.session.query(Card).filter(Card.revoked_at.is_(None)).count() == 1
