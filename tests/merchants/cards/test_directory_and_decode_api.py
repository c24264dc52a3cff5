"""`GET /api/v1/banks` and `POST /api/v1/vietqr/decode`: the public contract, documented and rate-limited."""
import json
import subprocess
import sys
from pathlib import Path

from vietqr.banks import all_banks

ROOT = Path(__file__).parents[3]
DYNAMIC = ("00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
           "53037045405100005802VN62150811Chuyen tien630453E6")


def test_the_bank_directory_lists_every_bank_with_its_bin_names_and_transfer_support(client):
    response = client.get("/api/v1/banks")
    assert response.status_code == 200 and len(response.json) == len(all_banks())
    acb = next(bank for bank in response.json if bank["bin"] == "970416")
    assert acb["code"] == "ACB" and acb["name"] == "Ngân hàng TMCP Á Châu" and acb["transfer_supported"] is True
    assert {"bin", "code", "short_name", "name", "swift", "transfer_supported", "lookup_supported"} <= set(acb)


def test_decode_answers_exactly_what_the_command_line_prints(client):
    printed = subprocess.run([sys.executable, "-m", "vietqr", "decode", DYNAMIC], cwd=ROOT, capture_output=True,
                             text=True, timeout=60).stdout
    response = client.post("/api/v1/vietqr/decode", json={"payload": DYNAMIC})
    assert response.status_code == 200 and response.json == json.loads(printed)
    assert response.json["amount"] == 10000 and response.json["errors"] == []


def test_decode_names_a_broken_payload_without_failing(client):
    response = client.post("/api/v1/vietqr/decode", json={"payload": DYNAMIC[:-4] + "0000"})
    assert response.status_code == 200
    assert response.json["kind"] == "vietqr" and response.json["crc_ok"] is False and response.json["errors"]


def test_decode_needs_no_login_but_a_payload(client):
    refused = client.post("/api/v1/vietqr/decode", json={})
    assert refused.status_code == 422 and "payload" in refused.json["error"]["fields"]


def test_both_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json["paths"]
    assert "get" in paths["/api/v1/banks"] and "post" in paths["/api/v1/vietqr/decode"]


def test_decoding_is_rate_limited(make_app):
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_VERIFY="2/minute").test_client()
    statuses = [client.post("/api/v1/vietqr/decode", json={"payload": DYNAMIC}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
