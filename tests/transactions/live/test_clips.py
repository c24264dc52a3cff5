"""A phone without a Vietnamese voice joins word clips: every word the screen can say has its clip."""
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from market.transactions.live.words import (
    LARGEST,
    clip_names,
    missed_sentence,
    received_sentence,
    shortfall_sentence,
)

VOICE = Path(__file__).resolve().parents[3] / "static" / "voice"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=LARGEST), st.integers(min_value=2, max_value=200))
def test_every_sentence_the_screen_says_has_a_clip_for_each_word(amount, missed):
    for sentence in (received_sentence(amount), shortfall_sentence(amount), missed_sentence(missed)):
        names = clip_names(sentence)
        assert len(names) == len(sentence.split())
        assert [name for name in names if not (VOICE / f"{name}.wav").is_file()] == []


def test_words_that_fold_alike_have_their_own_clips():
    assert clip_names("hai mươi mốt") == ["hai", "muoi", "mot-sac"]
    assert clip_names("mười một") == ["muoi-huyen", "mot"]


def test_the_clips_ship_with_the_licence_of_the_voice_that_rendered_them():
    assert (VOICE / "LICENSE-espeak-ng.txt").is_file() and "eSpeak NG" in (VOICE / "SOURCE.md").read_text()
