"""Benchmark vietqr encode/decode against vietnam-qr-pay, and PNG rendering; prints Markdown."""

import json
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vietnam_qr_pay import QRPay  # noqa: E402

from vietqr import all_banks, decode, encode  # noqa: E402
from vietqr.image import render_png  # noqa: E402

Transfer = tuple[str, str, int | None, str | None]
REPEATS = 5
VECTORS = Path(__file__).resolve().parents[1] / "tests" / "data" / "vietqr_vectors.json"
PURPOSES = ["Thanh toan don hang", "Banh duc", "Tien rau thang 5", "DH12345 ca phe"]


def transfers(count: int, seed: int = 2025) -> list[Transfer]:
    """Return a fixed mix of static (no amount) and dynamic (amount and memo) transfers."""
    rng = random.Random(seed)
    bins = [bank.bin for bank in all_banks()]
    mix: list[Transfer] = []
    for n in range(count):
        account = str(rng.randrange(10**8, 10**14))
        if n % 2:
            mix.append((rng.choice(bins), account, rng.randrange(1_000, 5_000_000), rng.choice(PURPOSES)))
        else:
            mix.append((rng.choice(bins), account, None, None))
    return mix


def rates(count: int, *works: Callable[[], object]) -> list[float]:
    """Return operations per second of each work: count over its best of REPEATS runs."""
    best = [float("inf")] * len(works)
    for _ in range(REPEATS):
        # Interleaved runs share the same machine load, which keeps the ratios honest.
        for slot, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[slot] = min(best[slot], time.perf_counter() - start)
    return [count / seconds for seconds in best]


def main() -> None:
    """Measure every operation on the same inputs and print one Markdown table."""
    mix = transfers(2_000)
    payloads = [encode(b, a, amount=m, purpose=p) for b, a, m, p in mix]
    real = [vector["payload"] for vector in json.loads(VECTORS.read_text(encoding="utf-8"))] * 100
    rows = [
        ("encode", *rates(
            len(mix),
            lambda: [encode(b, a, amount=m, purpose=p) for b, a, m, p in mix],
            lambda: [_their_encode(transfer) for transfer in mix],
        )),
        ("decode", *rates(
            len(payloads), lambda: [decode(p) for p in payloads], lambda: [QRPay(p) for p in payloads]
        )),
        ("decode, real vectors (any layout)", *rates(
            len(real), lambda: [decode(p) for p in real], lambda: [QRPay(p) for p in real]
        )),
        ("QR PNG render", *rates(50, lambda: [render_png(p) for p in payloads[:50]]), None),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, {len(mix)} payloads "
          f"(half static, half dynamic), best of {REPEATS}\n")
    print("| operation | vietqr (ops/s) | vietnam-qr-pay (ops/s) | ratio |")
    print("|---|---:|---:|---:|")
    for name, ours, theirs in rows:
        their_text = "n/a" if theirs is None else f"{theirs:,.0f}"
        ratio = "—" if theirs is None else f"{ours / theirs:.1f}×"
        print(f"| {name} | {ours:,.0f} | {their_text} | {ratio} |")


def _their_encode(transfer: Transfer) -> str:
    bin, account, amount, purpose = transfer
    return QRPay.init_viet_qr(bin, account, None if amount is None else str(amount), purpose).build()


if __name__ == "__main__":
    main()
