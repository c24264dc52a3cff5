from market.places.models import Market, Village
from tests import factories


def test_the_picker_lists_communes_of_the_chosen_province_without_javascript(client, db):
    html = client.get("/places/", query_string={"province": "33"}).get_data(as_text=True)
    assert "Xã Lạc Đạo" in html
    assert "places.js" in html


def test_choosing_a_commune_shows_its_villages_and_markets(client, db):
    village = factories.village("Thôn Đông")
    factories.market(village, name="Chợ Đông")
    db.session.commit()
    html = client.get("/places/", query_string={"commune": factories.COMMUNE}).get_data(as_text=True)
    assert "Thôn Đông" in html and "Chợ Đông" in html
    assert 'value="33" selected' in html


def test_a_commune_officer_adds_a_village_from_the_page(client, db):
    factories.login_as(client, factories.user("commune", commune_code=factories.COMMUNE))
    response = client.post("/places/villages", data={"name": "Thôn Tây", "kind": "thôn",
                                                     "commune_code": factories.COMMUNE})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.query(Village).filter_by(name="Thôn Tây").count() == 1


def test_a_village_head_adds_a_market_to_their_village(client, db):
    village = factories.village()
    factories.login_as(client, factories.user("village_head", village=village))
    client.post("/places/markets", data={"name": "Chợ Chiều", "commune_code": village.commune_code,
                                         "village_id": village.id})
    db.session.expire_all()
    assert db.session.query(Market).filter_by(name="Chợ Chiều").one().village_id == village.id


def test_the_public_cannot_add_villages(client, db):
    response = client.post("/places/villages", data={"name": "Thôn X", "commune_code": factories.COMMUNE})
    assert response.status_code == 401
    assert db.session.query(Village).count() == 0
