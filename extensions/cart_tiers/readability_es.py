"""Readability of Spanish text: the Fernández-Huerta reading ease, computed offline.

No Sphinx imports. Fernández Huerta (1959) adapted Flesch's reading ease to Spanish; the form
printed on many web pages has an error, pointed out by Gwillim Law (LINGUIST List 22.2332,
2011) and corrected by legible.es ("Lecturabilidad de Fernández Huerta"):

    L = 206.84 - 60 x (syllables per word) - 1.02 x (words per sentence)

Higher is easier. Fernández Huerta's scale: 90-100 very easy (4th grade), 80-90 easy (5th),
70-80 fairly easy (6th), 60-70 normal for adults (7th-8th), 50-60 fairly hard (pre-university),
30-50 hard, 0-30 very hard. The English limits (Flesch-Kincaid grade 6 for the plain tier and
9 for "more detail") become a lowest score of 70 (the bottom of the 6th-grade band) and 60 (the
bottom of the 7th-8th-grade band: a text there is below grade 9).

Syllables: Spanish spelling shows its syllables, so a word has one syllable per vowel nucleus:
a run of vowels is one nucleus (a diphthong or triphthong: "cien", "buey") unless two strong
vowels (a, e, o) meet ("le-ón") or an accented í/ú stands beside another vowel ("dí-a"); a
silent u in "que, qui, gue, gui" is no vowel; a final y after a vowel ("hoy") is part of the
nucleus. pyphen's Spanish hyphenation ("es") is the cross-check: the count is the larger of
the two, because hyphenation never splits a word's first or last letter off.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import pyphen

from .readability import TextFigures, measure, split_at_sentence_ends

__all__ = [
    "DEFAULT_LIMITS",
    "count_syllables_es",
    "fernandez_huerta",
    "measure_es",
    "split_sentences_es",
    "split_words_es",
]

#: Lowest Fernández-Huerta score per tier (higher is easier).
DEFAULT_LIMITS = {"simple": 70.0, "detail": 60.0}

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_STRONG = set("aeoáéó")
_ACCENTED_WEAK = set("íú")
_VOWELS = set("aeiouáéíóúü")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset({"p. ej", "ej", "dr", "dra", "sr", "sra", "etc", "núm", "pág", "aprox"})


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="es", left=1, right=1)


def _nuclei(word: str) -> int:
    lower = word.lower()
    # Silent u: "que", "qui", "gue", "gui" (but "güe" is spoken: its ü stays a vowel).
    lower = re.sub(r"(?<=[qg])u(?=[eiéí])", "", lower)
    # A final y after a vowel sounds as i and joins the nucleus ("hoy", "muy", "Paraguay").
    if len(lower) > 1 and lower.endswith("y") and lower[-2] in _VOWELS:
        lower = lower[:-1] + "i"
    count = 0
    previous = ""
    for char in lower:
        if char in _VOWELS:
            if not previous:
                count += 1
            elif (previous in _STRONG and char in _STRONG) or (
                previous in _ACCENTED_WEAK or char in _ACCENTED_WEAK
            ):
                count += 1  # hiatus: a new syllable
            previous = char
        else:
            previous = ""
    return count


@functools.cache
def _syllables_in_part(part: str) -> int:
    if not _LETTER.search(part):
        return 1
    if part.isupper() and len(part) <= 5 and not _nuclei(part):
        return len(part)  # an initialism spelled letter by letter: "CRS", "FDA" (no vowel)
    letters = "".join(char for char in part if char.isalpha())
    hyphenated = len(_hyphenator().positions(letters.lower())) + 1
    return max(1, _nuclei(letters), hyphenated)


@functools.cache
def count_syllables_es(word: str) -> int:
    """Syllables in one Spanish word; hyphenated compounds sum their parts (kept per word)."""
    word = unicodedata.normalize("NFC", word)
    return sum(_syllables_in_part(part) for part in word.split("-") if part) or 1


def split_words_es(text: str) -> list[str]:
    """The words of ``text``: tokens with at least one letter (numbers alone are not words)."""
    text = unicodedata.normalize("NFC", text)
    return [token for token in _TOKEN.findall(text) if _LETTER.search(token)]


def split_sentences_es(text: str) -> list[str]:
    """Split one block of Spanish text into sentences; the block's end also ends a sentence.
    A full stop after a known abbreviation or before a lowercase word does not end one."""
    return split_at_sentence_ends(text, _SENTENCE_END, _ABBREVIATIONS, split_words_es)


def fernandez_huerta(words: int, sentences: int, syllables: int) -> float:
    """Fernández-Huerta reading ease (corrected form); 100.0 for empty text."""
    if words == 0 or sentences == 0:
        return 100.0
    return 206.84 - 60 * syllables / words - 1.02 * words / sentences


def measure_es(blocks: Iterable[str]) -> TextFigures:
    """Counts for Spanish text given as blocks; each block ends a sentence."""
    return measure(blocks, split_sentences_es, split_words_es, count_syllables_es)
