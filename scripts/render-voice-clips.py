"""Render the money screen's word clips once with espeak-ng's Vietnamese voice (apt-get install espeak-ng).

Each word of market/transactions/live/words.py becomes static/voice/<name>.wav, 11,025 Hz, 8-bit mono
(a few kilobytes each); the phone joins them in order when it has no Vietnamese speech voice.
Usage: .venv/bin/python scripts/render-voice-clips.py
"""
import array
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from market.transactions.live.words import NUMBER_WORDS, SENTENCE_WORDS, clip_name  # noqa: E402

OUT = ROOT / "static" / "voice"


def shrink(source: Path, target: Path) -> None:
    """16-bit 22,050 Hz → 8-bit 11,025 Hz: pairs of samples averaged, then offset to unsigned bytes."""
    with wave.open(str(source)) as reader:
        assert reader.getsampwidth() == 2 and reader.getnchannels() == 1
        rate, samples = reader.getframerate(), array.array("h", reader.readframes(reader.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    pairs = [(samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)]
    with wave.open(str(target), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(1)
        writer.setframerate(rate // 2)
        writer.writeframes(bytes((value >> 8) + 128 for value in pairs))


def main() -> None:
    """Render every clip."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for word in dict.fromkeys(SENTENCE_WORDS + NUMBER_WORDS):
            raw = Path(scratch) / "word.wav"
            subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(raw), word], check=True)
            shrink(raw, OUT / f"{clip_name(word)}.wav")
    print(f"{len(list(OUT.glob('*.wav')))} clips in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
