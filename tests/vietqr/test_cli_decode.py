"""`python -m vietqr decode` prints one JSON object and exits 0 only for a valid VietQR."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
KEYS = ["kind", "crc_ok", "initiation", "bin", "account", "service", "amount", "purpose", "bank", "errors", "warnings"]
DYNAMIC = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "53037045405100005802VN62150811Chuyen tien630453E6"
)


def _decode(payload: str) -> tuple[int, dict[str, Any], str]:
    result = subprocess.run(
        [sys.executable, "-m", "vietqr", "decode", payload],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.count("\n") == 1
    return result.returncode, json.loads(result.stdout), result.stdout


def test_valid_payload_exits_0_with_exactly_the_contract_keys() -> None:
    status, data, raw = _decode(DYNAMIC)
    assert status == 0
    assert list(data) == KEYS
    assert data["amount"] == 10000 and data["purpose"] == "Chuyen tien" and data["initiation"] == "dynamic"
    assert list(data["bank"]) == ["bin", "code", "short_name", "name"]
    assert "Ngân hàng TMCP Á Châu" in raw


def test_bad_crc_exits_1_and_lists_the_error() -> None:
    status, data, _ = _decode(DYNAMIC[:-4] + "0000")
    assert status == 1
    assert (data["kind"], data["crc_ok"]) == ("vietqr", False)
    assert data["errors"] == ["bad CRC: given 0000, computed 53E6"]


def test_other_emv_qr_exits_1() -> None:
    status, data, _ = _decode("00020101021129370016A000000677010111011300668012345675802TH530376463046197")
    assert (status, data["kind"], data["bank"]) == (1, "emv_other", None)


def test_garbage_exits_1_as_invalid() -> None:
    status, data, _ = _decode("hello")
    assert (status, data["kind"], list(data)) == (1, "invalid", KEYS)
