"""Moodle XML: well-formed, every type mapped, grades Moodle accepts, faithful round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from cart_quiz.export.content import (
    MOODLE_GRADES,
    general_feedback_html,
    multiple_answer_score,
    position_name,
    prompt_html,
    question_title,
)
from cart_quiz.export.markup import inline_html, inline_plain
from cart_quiz.export.moodle import moodle_xml
from cart_quiz.loader import load_quiz, load_quiz_directory
from cart_quiz.model import Choice, Question, Quiz
from export_helpers import read_html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import XML_TEXT

ROOT = Path(__file__).parent / "roots" / "test-educators" / "quizzes"
SITE_QUIZZES = Path(__file__).parent.parent / "quizzes"


@pytest.fixture(scope="module")
def quizzes():
    return [load_quiz(ROOT / name) for name in ("escapes.yaml", "team.yaml", "basics.yaml")]


def read_questions(xml: bytes) -> list[dict]:
    """Each <question> back as plain data, categories included."""
    questions = []
    for node in etree.fromstring(xml).iterfind("question"):
        kind = node.get("type")
        if kind == "category":
            questions.append({"type": kind, "path": node.findtext("category/text")})
            continue
        questions.append(
            {
                "type": kind,
                "idnumber": node.findtext("idnumber"),
                "single": node.findtext("single"),
                "prompt": node.findtext("questiontext/text"),
                "general": node.findtext("generalfeedback/text"),
                "hints": [hint.findtext("text") for hint in node.iterfind("hint")],
                "answers": [
                    (
                        float(answer.get("fraction")),
                        answer.findtext("text"),
                        answer.findtext("feedback/text"),
                    )
                    for answer in node.iterfind("answer")
                ],
            }
        )
    return questions


def test_every_site_quiz_exports_to_well_formed_moodle_xml():
    site = list(load_quiz_directory(SITE_QUIZZES).quizzes.values())
    xml = moodle_xml(site)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    questions = read_questions(xml)
    assert sum(q["type"] == "category" for q in questions) == len(site)
    assert sum(q["type"] != "category" for q in questions) == sum(
        len(quiz.questions) for quiz in site
    )


def test_each_quiz_is_a_category_and_each_type_maps_to_a_moodle_type(quizzes):
    questions = read_questions(moodle_xml(quizzes[:1]))
    assert questions[0] == {
        "type": "category",
        # Moodle separates category levels with "/" and writes a slash in a name as "//".
        "path": "$course$/top/CAR-T learning site/" + quizzes[0].title.replace("/", "//"),
    }
    assert [(q["type"], q["single"]) for q in questions[1:]] == [
        ("multichoice", "true"),
        ("multichoice", "false"),
        ("truefalse", None),
        ("ordering", None),  # the qtype_ordering plugin (standard from Moodle 4.4)
    ]
    assert [q["idnumber"] for q in questions[1:]] == [
        f"escapes/{q.id}" for q in quizzes[0].questions
    ]


def test_questions_answers_and_feedback_round_trip(quizzes):
    for quiz in quizzes:
        read = [q for q in read_questions(moodle_xml([quiz])) if q["type"] != "category"]
        for exported, question in zip(read, quiz.questions, strict=True):
            assert exported["prompt"] == prompt_html(question)
            assert exported["general"] == general_feedback_html(question)
            assert exported["hints"] == ([inline_html(question.hint)] if question.hint else [])
            if question.type == "ordering":
                expected = [
                    (float(n), inline_html(s.text), inline_html(s.feedback))
                    for n, s in enumerate(question.steps, 1)
                ]
                assert exported["answers"] == expected
            elif question.type == "true-false":
                assert [(text, feedback) for _, text, feedback in exported["answers"]] == [
                    ("true", inline_html(question.choices[0].feedback)),
                    ("false", inline_html(question.choices[1].feedback)),
                ]
                assert [fraction > 0 for fraction, _, _ in exported["answers"]] == [
                    c.correct for c in question.choices
                ]
            else:
                assert [(text, feedback) for _, text, feedback in exported["answers"]] == [
                    (inline_html(c.text), inline_html(c.feedback)) for c in question.choices
                ]


def test_grades_are_ones_moodle_offers_and_right_answers_make_full_marks(quizzes):
    for quiz in quizzes:
        for exported in read_questions(moodle_xml([quiz])):
            if exported["type"] not in {"multichoice", "truefalse"}:
                continue
            fractions = [fraction for fraction, _, _ in exported["answers"]]
            assert all(abs(fraction) in MOODLE_GRADES for fraction in fractions)
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)


def test_i_am_not_sure_earns_nothing_and_costs_nothing(quizzes):
    team = quizzes[1]
    exported = next(q for q in read_questions(moodle_xml([team])) if q["type"] != "category")
    by_text = {inline_plain(c.text): c for c in team.questions[0].choices}
    fractions = {read_html(text)[0]: fraction for fraction, text, _ in exported["answers"]}
    assert fractions["I'm not sure"] == 0
    assert by_text["I'm not sure"].unsure
    assert fractions["Where to stay"] == fractions["Who drives you"] == 50
    # Each wrong option takes away what a right one earns (the one rule, see `content`).
    assert fractions["The weather on Mars"] == -50


def moodle_multichoice_mark(fractions: list[float], ticked: set[int]) -> float:
    """How Moodle marks a multichoice question with several answers
    (qtype_multichoice_multi_question::grade_response): the chosen fractions summed, clamped
    to 0..1."""
    return min(1.0, max(0.0, sum(fractions[i] / 100 for i in ticked)))


def test_multiple_answer_scoring_follows_the_one_rule_for_every_answer():
    import itertools

    for quiz in load_quiz_directory(SITE_QUIZZES).quizzes.values():
        read = [q for q in read_questions(moodle_xml([quiz])) if q["type"] != "category"]
        for exported, question in zip(read, quiz.questions, strict=True):
            if question.type != "multiple":
                continue
            fractions = [fraction for fraction, _, _ in exported["answers"]]
            count = len(fractions)
            for size in range(count + 1):
                for ticked in itertools.combinations(range(count), size):
                    expected = multiple_answer_score(question, set(ticked))
                    got = moodle_multichoice_mark(fractions, set(ticked))
                    assert got == pytest.approx(expected, abs=1e-4), (question.id, ticked)


def test_the_file_says_which_moodle_it_is_for(quizzes):
    assert b"Moodle XML for Moodle 4.4 and later" in moodle_xml(quizzes)[:300]
    assert b"Moodle XML for Moodle 3.x to 4.3" in moodle_xml(quizzes, legacy=True)[:300]
    for legacy in (False, True):
        root = etree.fromstring(moodle_xml(quizzes, legacy=legacy))
        shown = {
            node.get("type"): node.findtext("shownumcorrect") for node in root.iterfind("question")
        }
        # Never empty: multichoice reads presence as "on", ordering reads "" as "off".
        assert shown.get("multichoice") is None
        assert shown.get("ordering", "1") == "1"


def test_legacy_file_has_no_ordering_type_and_matches_each_step_to_its_place(quizzes):
    escapes = quizzes[0]
    root = etree.fromstring(moodle_xml([escapes], legacy=True))
    kinds = [node.get("type") for node in root.iterfind("question")]
    assert "ordering" not in kinds
    modern = read_questions(moodle_xml([escapes]))
    legacy = read_questions(moodle_xml([escapes], legacy=True))
    for old, new in zip(legacy, modern, strict=True):
        if new["type"] != "ordering":
            assert old == new  # every other question is the same in both files
    matching = root.find("question[@type='matching']")
    order = escapes.question("order")
    count = len(order.steps)
    pairs = [
        (pair.findtext("text"), pair.findtext("answer/text"))
        for pair in matching.iterfind("subquestion")
    ]
    assert sorted(pairs, key=lambda pair: pair[1]) == sorted(
        (inline_html(step.text), position_name(place, count))
        for place, step in enumerate(order.steps, start=1)
    )
    assert [text for text, _ in pairs] != [inline_html(step.text) for step in order.steps]
    assert matching.findtext("generalfeedback/text") == general_feedback_html(order)
    assert matching.findtext("name/text") == f"04 {question_title(order)}"


def test_special_characters_survive_as_text(quizzes):
    xml = moodle_xml(quizzes[:1])
    first = next(q for q in read_questions(xml) if q["type"] != "category")
    shown, _ = read_html(first["answers"][0][1])
    assert shown == inline_plain(quizzes[0].questions[0].choices[0].text)
    assert "<b>bold?</b>" in shown and "café 😀" in shown
    assert b"&lt;b&gt;" in xml and "café 😀".encode() in xml


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(XML_TEXT, min_size=5, max_size=5))
def test_any_text_round_trips_through_moodle_xml(texts):
    prompt, right, wrong, feedback, explanation = texts
    choices = (Choice(right, feedback, 1, correct=True), Choice(wrong, feedback, 1))
    question = Question("q", "single", prompt, explanation, "label", 1, 1, "treatment", choices)
    quiz = Quiz("z", prompt, "risks", "simple", 1, "treatment", ("o",), (question,), Path("z"))
    exported = read_questions(moodle_xml([quiz]))
    assert exported[0]["path"].endswith(" ".join(prompt.split()).replace("/", "//"))
    assert exported[1]["prompt"] == prompt_html(question)
    assert exported[1]["general"] == general_feedback_html(question)
    assert [(text, fb) for _, text, fb in exported[1]["answers"]] == [
        (inline_html(c.text), inline_html(c.feedback)) for c in choices
    ]


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    choices = (Choice("a\x01b", "c\x0bd", 1, correct=True), Choice("e", "f", 1))
    question = Question("q", "single", "p\x02q", "x", "label", 1, 1, "treatment", choices)
    quiz = Quiz("z", "t\x1f", "risks", "simple", 1, "treatment", ("o",), (question,), Path("z"))
    exported = read_questions(moodle_xml([quiz]))
    assert exported[1]["prompt"] == "<p>pq</p>"
    assert exported[1]["answers"][0][1:] == ("ab", "cd")


def read_texts_as_moodle_does(data: bytes) -> list[str]:
    """Every <text> as Moodle's xmlize reads it: expat hands over character data in chunks
    (split at each entity and line), and xmlize drops every chunk that is only white space."""
    from xml.parsers import expat

    texts: list[str] = []
    chunks: list[str] | None = None

    def start(name, _attributes):
        nonlocal chunks
        chunks = [] if name == "text" else None

    def on_data(chunk):
        if chunks is not None and (chunk == "0" or chunk.strip()):
            chunks.append(chunk)

    def end(name):
        nonlocal chunks
        if name == "text" and chunks is not None:
            texts.append("".join(chunks).strip())
        chunks = None

    parser = expat.ParserCreate("UTF-8")
    parser.StartElementHandler, parser.CharacterDataHandler = start, on_data
    parser.EndElementHandler = end
    parser.Parse(data, True)
    return texts


def test_moodle_reads_every_text_with_its_spaces(quizzes):
    """Spaces between two tags (`</em> <a`) survive Moodle's reader: texts are CDATA."""
    site = list(load_quiz_directory(SITE_QUIZZES).quizzes.values())
    for legacy in (False, True):
        for xml in (moodle_xml(quizzes, legacy=legacy), moodle_xml(site, legacy=legacy)):
            expected = [(node.text or "").strip() for node in etree.fromstring(xml).iter("text")]
            assert read_texts_as_moodle_does(xml) == expected
    assert any(
        "<em>really</em> <a" in text for text in read_texts_as_moodle_does(moodle_xml(quizzes[:1]))
    )
