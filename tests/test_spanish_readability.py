"""The Spanish readability formula (Fernández-Huerta, corrected form) and Spanish syllables."""

from __future__ import annotations

import pytest
from cart_tiers.readability_es import (
    DEFAULT_LIMITS,
    count_syllables_es,
    fernandez_huerta,
    measure_es,
    split_sentences_es,
    split_words_es,
)
from cart_tiers.report import BlockFigures


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        # Syllable divisions as the Real Academia Española's rules give them.
        ("día", 2),  # dí-a: an accented weak vowel breaks the diphthong
        ("león", 2),  # le-ón: two strong vowels
        ("guía", 2),  # guí-a: silent u
        ("hoy", 1),  # final y joins the nucleus
        ("Paraguay", 3),  # Pa-ra-guay: a triphthong
        ("buey", 1),
        ("cien", 1),  # a diphthong
        ("que", 1),
        ("guerra", 2),
        ("pingüino", 3),  # pin-güi-no
        ("país", 2),
        ("células", 3),
        ("quimioterapia", 5),  # qui-mio-te-ra-pia
        ("leucaféresis", 5),
        ("infusión", 3),
        ("inmunitario", 5),
        ("citocinas", 4),
        ("tocilizumab", 5),
        ("CRS", 3),  # spelled letter by letter
        ("CAR", 1),  # read as a word
    ],
)
def test_spanish_syllables(word, syllables):
    assert count_syllables_es(word) == syllables


def test_words_keep_accented_letters_and_numbers_alone_are_not_words():
    assert split_words_es("¿Tiene fiebre de 38 °C? Llame a su equipo.") == [
        "Tiene",
        "fiebre",
        "de",
        "C",
        "Llame",
        "a",
        "su",
        "equipo",
    ]


def test_sentences_split_at_full_stops_questions_and_exclamations():
    text = "¿Tiene fiebre? Llame enseguida. ¡No espere!"
    assert split_sentences_es(text) == ["¿Tiene fiebre?", "Llame enseguida.", "¡No espere!"]


def test_the_corrected_formula_with_known_counts():
    # L = 206.84 - 60 x syllables per word - 1.02 x words per sentence (legible.es, after
    # Law 2011): 100 words, 200 syllables, 10 sentences.
    assert fernandez_huerta(100, 10, 200) == pytest.approx(206.84 - 120 - 10.2)


def test_shorter_sentences_read_easier_as_law_pointed_out():
    """The misprinted form (-1.02 x sentences per 100 words) made shorter sentences harder;
    the corrected one makes them easier."""
    assert fernandez_huerta(100, 20, 200) > fernandez_huerta(100, 5, 200)
    assert fernandez_huerta(100, 10, 180) > fernandez_huerta(100, 10, 220)


def test_limits_match_fernandez_huertas_grade_bands():
    # 70-80 "algo fácil" = 6th grade; 60-70 "normal" = 7th-8th grade (Fernández Huerta 1959,
    # scale as given by legible.es).
    assert DEFAULT_LIMITS == {"simple": 70.0, "detail": 60.0}


def test_plain_spanish_passes_and_clinical_spanish_does_not():
    plain = measure_es(
        [
            "Si tiene fiebre, llame a su equipo enseguida.",
            "No espere a su próxima cita. Tenga a mano su tarjeta.",
        ]
    )
    clinical = measure_es(
        [
            "La quimioterapia linfodepletiva con fludarabina y ciclofosfamida favorece la "
            "expansión y la persistencia de las células T con receptores quiméricos de "
            "antígenos administradas posteriormente por vía intravenosa."
        ]
    )
    assert plain.fernandez_huerta >= DEFAULT_LIMITS["simple"]
    assert clinical.fernandez_huerta < DEFAULT_LIMITS["detail"]


def test_a_spanish_block_fails_below_its_limit():
    common = {"docname": "d", "source": "d.md", "line": 1, "tier": "simple", "words": 1}
    counts = {"sentences": 1, "syllables": 1, "sentence_length": 1.0, "limit": 70.0}
    low = BlockFigures(**common, **counts, grade=65.0, formula="fernandez-huerta")
    high = BlockFigures(**common, **counts, grade=75.0, formula="fernandez-huerta")
    assert (low.status, high.status) == ("fail", "pass")
