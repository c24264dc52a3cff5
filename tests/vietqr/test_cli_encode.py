"""`python -m vietqr encode` prints a payload or explains the refusal with exit status 2."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vietqr", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_encode_prints_the_static_payload() -> None:
    result = _run("encode", "--bin", "970416", "--account", "257678859")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045802VN6304AE9F\n"
    )


def test_encode_prints_a_dynamic_payload_with_folded_purpose() -> None:
    result = _run(
        "encode", "--bin", "970416", "--account", "257678859", "--amount", "10000", "--purpose", "Chuyển tiền"
    )
    assert result.returncode == 0
    assert result.stdout == (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045405100005802VN62150811Chuyen tien630453E6\n"
    )


def test_encode_writes_the_card_service() -> None:
    result = _run("encode", "--bin", "970403", "--account", "9704031101234567", "--service", "QRIBFTTC")
    assert result.stdout.strip().endswith("0208QRIBFTTC53037045802VN63044F52")


def test_refused_input_goes_to_stderr_with_exit_status_2() -> None:
    result = _run("encode", "--bin", "970499", "--account", "1")
    assert (result.returncode, result.stdout) == (2, "")
    assert "bin: BIN 970499 is not in the bank directory" in result.stderr


def test_amount_out_of_range_exits_2() -> None:
    result = _run("encode", "--bin", "970416", "--account", "1", "--amount", "500000000")
    assert result.returncode == 2 and "amount:" in result.stderr


def test_non_integer_amount_is_a_usage_error() -> None:
    result = _run("encode", "--bin", "970416", "--account", "1", "--amount", "1.5")
    assert result.returncode == 2 and "invalid int value" in result.stderr


def test_missing_account_is_a_usage_error() -> None:
    result = _run("encode", "--bin", "970416")
    assert result.returncode == 2 and "--account" in result.stderr
