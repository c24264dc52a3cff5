"""`python -m vietqr png` writes a QR code that scans back to the payload."""

import subprocess
import sys
from pathlib import Path

import zxingcpp
from PIL import Image

from vietqr import encode

ROOT = Path(__file__).parents[2]


def _png(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vietqr", "png", *args, "-o", str(tmp_path / "qr.png")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _scan(path: Path) -> str:
    return zxingcpp.read_barcodes(Image.open(path))[0].text


def test_png_of_a_transfer_scans_back_to_its_payload(tmp_path: Path) -> None:
    transfer = ["--bin", "970436", "--account", "0123456789", "--amount", "25000", "--purpose", "Bún bò"]
    result = _png(tmp_path, *transfer)
    assert result.returncode == 0, result.stderr
    assert _scan(tmp_path / "qr.png") == encode("970436", "0123456789", amount=25000, purpose="Bún bò")


def test_png_of_a_given_payload_scans_back_to_it(tmp_path: Path) -> None:
    payload = encode("970416", "257678859")
    result = _png(tmp_path, "--payload", payload, "--scale", "4", "--border", "2")
    assert result.returncode == 0, result.stderr
    assert _scan(tmp_path / "qr.png") == payload


def test_png_without_payload_or_account_is_a_usage_error(tmp_path: Path) -> None:
    result = _png(tmp_path, "--bin", "970436")
    assert result.returncode == 2 and "--payload, or --bin and --account" in result.stderr
