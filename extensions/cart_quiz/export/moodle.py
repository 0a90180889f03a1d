"""Moodle XML (Question bank > Import > Moodle XML format).

Each quiz becomes a question category named after it, under "CAR-T learning site". Mapping:
single -> multichoice with `<single>true</single>`; multiple -> multichoice with
`<single>false</single>`, the right options sharing 100% and the wrong ones taking it away
(grades rounded to the ones Moodle offers); true-false -> truefalse; ordering -> the
"ordering" question type (qtype_ordering, Gordon Bateson's plugin, a standard plugin since
Moodle 4.4; install it on older sites), answers in the right order. Per-option feedback,
general feedback (the explanation) and hints carry over."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..model import Question, Quiz
from .content import (
    choice_percentages,
    format_percent,
    general_feedback_html,
    prompt_html,
    quiz_description_html,
)
from .markup import inline_html
from .xmlwriter import child, element, to_bytes

CATEGORY_ROOT = "CAR-T learning site"
MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "ordering": "ordering",
}


def category_path(quiz: Quiz) -> str:
    """Moodle category paths use `/` between levels and `//` for a slash in a name."""
    title = " ".join(quiz.title.split()).replace("/", "//")
    return "/".join(["$course$", "top", CATEGORY_ROOT, title])


def _text(parent: ET.Element, tag: str, html: str, **attributes: str) -> ET.Element:
    node = child(parent, tag, format="html", **attributes)
    child(node, "text", html)
    return node


def _answer(parent: ET.Element, fraction: str, html: str, feedback_html: str) -> None:
    answer = _text(parent, "answer", html, fraction=fraction)
    _text(answer, "feedback", feedback_html)


def _combined_feedback(node: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(node, tag, "")


def _question(quiz: Quiz, question: Question, number: int) -> ET.Element:
    node = element("question", type=MOODLE_TYPES[question.type])
    child(child(node, "name"), "text", f"{number:02d} {question.id}")
    _text(node, "questiontext", prompt_html(question))
    _text(node, "generalfeedback", general_feedback_html(question))
    child(node, "defaultgrade", "1")
    child(node, "penalty", "0.3333333")
    child(node, "hidden", "0")
    child(node, "idnumber", f"{quiz.id}/{question.id}")
    if question.type in {"single", "multiple"}:
        child(node, "single", "true" if question.type == "single" else "false")
        child(node, "shuffleanswers", "false")
        child(node, "answernumbering", "abc")
        child(node, "showstandardinstruction", "0")
        _combined_feedback(node)
        child(node, "shownumcorrect")
        for choice, share in zip(question.choices, choice_percentages(question), strict=True):
            _answer(
                node, format_percent(share), inline_html(choice.text), inline_html(choice.feedback)
            )
    elif question.type == "true-false":
        for choice, share in zip(question.choices, choice_percentages(question), strict=True):
            _answer(node, format_percent(share), choice.text.lower(), inline_html(choice.feedback))
    else:
        child(node, "layouttype", "VERTICAL")
        child(node, "selecttype", "ALL")
        child(node, "selectcount", "0")
        child(node, "gradingtype", "ABSOLUTE_POSITION")
        child(node, "showgrading", "SHOW")
        child(node, "numberingstyle", "none")
        _combined_feedback(node)
        child(node, "shownumcorrect")
        for place, step in enumerate(question.steps, start=1):
            _answer(node, str(place), inline_html(step.text), inline_html(step.feedback))
    if question.hint:
        _text(node, "hint", inline_html(question.hint))
    return node


def moodle_xml(quizzes: Sequence[Quiz]) -> bytes:
    """One Moodle XML file holding every quiz given, each in its own category."""
    root = element("quiz")
    for quiz in quizzes:
        category = child(root, "question", type="category")
        child(child(category, "category"), "text", category_path(quiz))
        _text(category, "info", quiz_description_html(quiz))
        for number, question in enumerate(quiz.questions, start=1):
            root.append(_question(quiz, question, number))
    return to_bytes(root)
