"""Benchmark stall cards and QR PNGs; prints a Markdown table. Run: python bench/card_bench.py"""

from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import segno  # noqa: E402

from vietqr.card import CardInfo, render_card_png, write_sheet_pdf  # noqa: E402
from vietqr.image import render_png  # noqa: E402

PAYLOADS = sorted(
    {v["payload"] for v in json.loads((ROOT / "tests/data/vietqr_vectors.json").read_text("utf-8"))
     if v["status"] == "valid" and v["kind"] == "vietqr"}
)
SHEET_CARDS = 200


def card(index: int) -> CardInfo:
    """Return a realistic card; names vary so the font subset grows as on a real street."""
    return CardInfo(
        place_name="Chợ Đồng Xuân", stall=str(index + 1),
        display_name=f"Bà Nguyễn Thị Ngọc Ánh {index} – Bánh đúc, bánh giò",
        bank_short_name="Vietcombank", holder_name="NGUYEN THI NGOC ANH",
        account_number=f"00110123{index:05d}", payload=PAYLOADS[index % len(PAYLOADS)],
        serial=f"C{index:07d}", verify_url=f"cho40.vn/v/C{index:07d}",
    )


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def per_second(action: Callable[[], object], seconds: float = 2.0) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        action()
        count += 1
    return count / (time.perf_counter() - start)


def segno_png(payload: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m", boost_error=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def sheet_child() -> None:
    """Render the 200-card sheet in this process and print seconds, bytes and peak RSS."""
    out = io.BytesIO()
    start = time.perf_counter()
    write_sheet_pdf((card(i) for i in range(SHEET_CARDS)), out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "bytes": len(out.getvalue()), "peak_mb": peak_mb}))


def run_sheet() -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--sheet"], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    render_card_png(card(0))
    card_ms = median_ms(lambda: render_card_png(card(1)), 30)
    sheet = run_sheet()
    ours = per_second(lambda: render_png(PAYLOADS[0]))
    peer = per_second(lambda: segno_png(PAYLOADS[0]))
    per_card_kb = sheet["bytes"] / SHEET_CARDS / 1024
    rows = [
        ("single card PNG, A6 300 dpi (median of 30)", f"{card_ms:.1f} ms", "≤ 40 ms"),
        (f"{SHEET_CARDS}-card sheet PDF", f"{sheet['seconds']:.2f} s", "≤ 10 s"),
        (f"{SHEET_CARDS}-card sheet peak RSS (own process)", f"{sheet['peak_mb']:.0f} MB", "≤ 250 MB"),
        ("sheet PDF size per card", f"{per_card_kb:.1f} KB", "≤ 15 KB"),
        ("QR PNG renders/s, vietqr.image (qrcode+Pillow)", f"{ours:.0f}/s", "—"),
        ("QR PNG renders/s, segno (peer)", f"{peer:.0f}/s", "—"),
    ]
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    sheet_child() if "--sheet" in sys.argv else main()
