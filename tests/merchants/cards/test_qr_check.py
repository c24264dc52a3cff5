import io
import json
import os

from PIL import Image, ImageFilter

from tests import factories

VECTORS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "vietqr_vectors.json")


def _vector(kind):
    with open(VECTORS, encoding="utf-8") as handle:
        return next(v["payload"] for v in json.load(handle) if v["kind"] == kind and v["status"] == "valid")


def _registered(client, db, name="Bà Nguyễn Thị Ngọc Ánh – Bánh đúc"):
    merchant = factories.payable_merchant(display_name=name)
    db.session.commit()
    return merchant, client.get(f"/api/v1/merchants/{merchant.id}/qr.png").data


def _as_phone_photo(png: bytes) -> bytes:
    """The QR pasted on a grey wall, slightly blurred and saved as a JPEG, like a phone snapshot."""
    qr = Image.open(io.BytesIO(png)).convert("L")
    photo = Image.new("L", (qr.width * 2, int(qr.height * 1.6)), 170)
    photo.paste(qr.filter(ImageFilter.GaussianBlur(1.2)), (qr.width // 3, qr.height // 4))
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def _upload(client, data, name="qr.png", **headers):
    return client.post("/verify", data={"photo": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def test_a_pasted_payload_of_a_registered_merchant_names_that_merchant(client, db):
    merchant, _ = _registered(client, db)
    payload = client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]
    html = client.post("/verify", data={"payload": payload}).get_data(as_text=True)
    assert "người bán đã đăng ký" in html and merchant.display_name in html
    assert merchant.owner_name not in html


def test_a_photo_of_a_rendered_qr_png_finds_the_merchant(client, db):
    merchant, png = _registered(client, db)
    response = _upload(client, png)
    assert response.status_code == 200
    assert merchant.display_name in response.get_data(as_text=True)


def test_a_blurred_jpeg_snapshot_finds_the_merchant(client, db):
    merchant, png = _registered(client, db)
    response = _upload(client, _as_phone_photo(png), "IMG_0001.jpg")
    assert response.status_code == 200
    assert merchant.display_name in response.get_data(as_text=True)


def test_a_vietqr_of_an_account_outside_the_register_is_a_clear_warning(client, db):
    html = client.post("/verify", data={"payload": _vector("vietqr")}).get_data(as_text=True)
    assert "KHÔNG có trong sổ đăng ký" in html


def test_the_account_of_a_suspended_merchant_is_not_vouched_for(client, db):
    merchant, _ = _registered(client, db)
    payload = client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]
    merchant.status = "suspended"
    db.session.commit()
    html = client.post("/verify", data={"payload": payload}).get_data(as_text=True)
    assert "không còn hiệu lực" in html and merchant.display_name not in html


def test_a_thai_promptpay_code_is_named_as_not_a_vietqr(client, db):
    html = client.post("/verify", data={"payload": _vector("not_vietqr")}).get_data(as_text=True)
    assert "không phải mã VietQR" in html and "PromptPay" in html


def test_a_vnpay_merchant_code_is_named_as_vnpay(client, db):
    html = client.post("/verify", data={"payload": _vector("vnpay_qr")}).get_data(as_text=True)
    assert "không phải mã VietQR" in html and "VNPAY-QR" in html


def test_a_tampered_vietqr_is_reported_as_broken(client, db):
    merchant, _ = _registered(client, db)
    payload = client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]
    tampered = payload[:-4] + ("0000" if payload[-4:] != "0000" else "1111")
    html = client.post("/verify", data={"payload": tampered}).get_data(as_text=True)
    assert "Mã này không phải VietQR hợp lệ — có thể bị dán đè" in html and merchant.display_name not in html
    # The decoder's technical wording stays behind the "Chi tiết" toggle.
    assert "<details" in html and "<summary>Chi tiết</summary>" in html


def test_text_that_is_no_qr_payload_at_all_is_named(client, db):
    html = client.post("/verify", data={"payload": "xin chào"}).get_data(as_text=True)
    assert "không đọc được" in html


def test_an_upload_over_5_mb_is_a_413_in_the_error_shape(client, db):
    # The multipart body is built in memory: the test client would spool a file this big to disk.
    boundary = "cho40boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + b"\xff" * (5 * 1024 * 1024 + 10) + (
            f"\r\n--{boundary}--\r\n").encode()
    response = client.post("/verify", data=body, headers={"Accept": "application/json"},
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert response.json["error"]["code"] and response.json["error"]["message"]


def test_a_picture_without_a_qr_or_a_file_that_is_no_image_is_a_422_naming_the_photo(client, db):
    blank = io.BytesIO()
    Image.new("L", (300, 300), 255).save(blank, format="PNG")
    for data in (blank.getvalue(), b"%PDF-1.4 not an image"):
        response = _upload(client, data, Accept="application/json")
        assert response.status_code == 422 and "photo" in response.json["error"]["fields"]


def test_submitting_nothing_asks_for_a_payload_or_a_photo(client, db):
    response = client.post("/verify", data={})
    assert response.status_code == 400 and "Dán chuỗi mã QR" in response.get_data(as_text=True)


def test_the_check_page_has_a_csrf_protected_form_and_no_inline_script(client, db):
    html = client.get("/verify").get_data(as_text=True)
    assert 'name="csrf_token"' in html and 'enctype="multipart/form-data"' in html
    assert "<script>" not in html


def test_a_photo_without_a_qr_on_the_page_is_marked_on_the_same_form_with_the_pasted_text_kept(client, db):
    blank = io.BytesIO()
    Image.new("L", (300, 300), 255).save(blank, format="PNG")
    response = client.post("/verify", data={"photo": (io.BytesIO(blank.getvalue()), "anh.png"), "payload": ""},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kiểm tra mã QR</h1>" in html and "Lỗi 422" not in html
    assert 'class="field has-error"' in html and 'id="photo"' in html


def test_a_registered_payload_shows_the_holder_name_the_bank_app_must_show(client, db):
    merchant, _ = _registered(client, db)
    payload = client.get(f"/api/v1/merchants/{merchant.id}/qr.json").json["payload"]
    html = client.post("/verify", data={"payload": payload}).get_data(as_text=True)
    assert f"<strong>{merchant.accounts[0].holder_name}</strong>" in html
