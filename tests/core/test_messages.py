"""Validation messages read in the reader's language: marshmallow's English defaults never reach people."""
from tests import factories


def _refusal(client, auth, language=None, **body):
    headers = {**auth("admin"), **({"Accept-Language": language} if language else {})}
    merchant = factories.merchant()
    sale = {"merchant_id": merchant.id, "amount": 50_000, "method": "vietqr", **body}
    sale = {key: value for key, value in sale.items() if value is not None}
    response = client.post("/api/v1/transactions", json=sale, headers={**headers, "Idempotency-Key": "k-1"})
    assert response.status_code == 422
    return response.json["error"]


def test_a_missing_field_is_named_in_vietnamese_by_default(client, auth, db):
    error = _refusal(client, auth, amount=None)
    assert error["message"] == "Dữ liệu không hợp lệ."
    assert error["fields"]["amount"] == ["Thiếu ô bắt buộc."]


def test_a_missing_field_is_named_in_english_when_asked(client, auth, db):
    error = _refusal(client, auth, "en-US,en;q=0.8", amount=None)
    assert error["message"] == "Invalid data."
    assert error["fields"]["amount"] == ["This field is required."]


def test_library_messages_with_figures_keep_them_in_both_languages(client, auth, db):
    vietnamese = _refusal(client, auth, amount="12x", reference="r" * 121)["fields"]
    english = _refusal(client, auth, "en", amount="12x", reference="r" * 121)["fields"]
    assert vietnamese["amount"] == ["Phải là số nguyên."] and english["amount"] == ["Must be a whole number."]
    assert vietnamese["reference"] == ["Độ dài phải từ 1 đến 120."]
    assert english["reference"] == ["The length must be from 1 to 120."]


def test_an_unknown_field_is_refused_in_plain_words(client, auth, db):
    assert _refusal(client, auth, surprise=1)["fields"]["surprise"] == ["Ô không được hỗ trợ."]
    assert _refusal(client, auth, "en", surprise=1)["fields"]["surprise"] == ["Unknown field."]


def test_a_page_that_needs_a_login_says_so_and_links_the_login_page(client):
    response = client.get(f"/stats/targets/{factories.COMMUNE}")
    page = response.get_data(as_text=True)
    assert response.status_code == 401 and "Bearer" not in page
    assert "Cần đăng nhập để xem trang này." in page
    assert f'href="/auth/login?next=/stats/targets/{factories.COMMUNE}' in page
