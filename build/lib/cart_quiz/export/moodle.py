"""Moodle XML (Question bank > Import > Moodle XML format), in two editions.

Each quiz becomes a question category named after it, under "CAR-T learning site"; each
question is named by its number and its prompt, shortened. Mapping: single -> multichoice
with `<single>true</single>`; multiple -> multichoice with `<single>false</single>`, each right
option +100/R, each wrong option -100/R, "I'm not sure" 0 (the rule in `content`; Moodle
clamps the sum to 0..1); true-false -> truefalse. Per-option feedback, general feedback (the
explanation) and hints carry over. "Show the number of correct responses" is never an empty
element: multichoice leaves it out (off: Moodle reads the element's mere presence as on),
ordering writes `<shownumcorrect>1</shownumcorrect>` (qtype_ordering reads the value, and an
empty element as off).

Ordering questions differ by edition:
- `moodle_xml(quizzes)`, for Moodle 4.4 and later: the "ordering" question type
  (qtype_ordering, a standard plugin since Moodle 4.4), answers in the right order.
- `moodle_xml(quizzes, legacy=True)`, for Moodle 3.x to 4.3, which have no ordering type
  unless the plugin was added (and whose import stops at the first unknown type): a
  "matching" question pairing each step (listed shuffled) with its place. Matching has no
  per-pair feedback, so each step's feedback is in the general feedback with the right
  order, shown after the answer.
Each file starts with a comment naming its edition."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..model import Question, Quiz
from .content import (
    choice_percentages,
    format_percent,
    general_feedback_html,
    position_name,
    prompt_html,
    question_title,
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
MODERN_NOTICE = (
    "Moodle XML for Moodle 4.4 and later: ordering questions use the ordering question type, "
    "standard since Moodle 4.4. For Moodle 3.x to 4.3 import the legacy file instead, which "
    "carries them as matching questions."
)
LEGACY_NOTICE = (
    "Moodle XML for Moodle 3.x to 4.3: ordering questions are matching questions (match each "
    "step to its place). On Moodle 4.4 and later the other file keeps them as ordering questions."
)


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


def _question(quiz: Quiz, question: Question, number: int, legacy: bool) -> ET.Element:
    as_matching = legacy and question.type == "ordering"
    node = element("question", type="matching" if as_matching else MOODLE_TYPES[question.type])
    child(child(node, "name"), "text", f"{number:02d} {question_title(question)}")
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
        for choice, share in zip(question.choices, choice_percentages(question), strict=True):
            _answer(
                node, format_percent(share), inline_html(choice.text), inline_html(choice.feedback)
            )
    elif question.type == "true-false":
        for choice, share in zip(question.choices, choice_percentages(question), strict=True):
            _answer(node, format_percent(share), choice.text.lower(), inline_html(choice.feedback))
    elif as_matching:
        child(node, "shuffleanswers", "true")
        _combined_feedback(node)
        count = len(question.steps)
        for index in question.shuffled_step_order(quiz.id):
            pair = _text(node, "subquestion", inline_html(question.steps[index].text))
            child(child(pair, "answer"), "text", position_name(index + 1, count))
    else:
        child(node, "layouttype", "VERTICAL")
        child(node, "selecttype", "ALL")
        child(node, "selectcount", "0")
        child(node, "gradingtype", "ABSOLUTE_POSITION")
        child(node, "showgrading", "SHOW")
        child(node, "numberingstyle", "none")
        _combined_feedback(node)
        # qtype_ordering reads the element's value (an empty one is "off"), unlike multichoice.
        child(node, "shownumcorrect", "1")
        for place, step in enumerate(question.steps, start=1):
            _answer(node, str(place), inline_html(step.text), inline_html(step.feedback))
    if question.hint:
        _text(node, "hint", inline_html(question.hint))
    return node


def moodle_parts(quiz: Quiz, *, legacy: bool = False) -> list[ET.Element]:
    """One quiz's elements: its category, then its questions."""
    category = element("question", type="category")
    child(child(category, "category"), "text", category_path(quiz))
    _text(category, "info", quiz_description_html(quiz))
    return [
        category,
        *(
            _question(quiz, question, number, legacy)
            for number, question in enumerate(quiz.questions, start=1)
        ),
    ]


def _declaration(legacy: bool) -> bytes:
    notice = LEGACY_NOTICE if legacy else MODERN_NOTICE
    return f"<?xml version='1.0' encoding='UTF-8'?>\n<quiz>\n  <!-- {notice} -->".encode()


_END = b"\n</quiz>\n"


_TEXT = re.compile(rb"<text>([^<]*)</text>")


def _as_cdata(found: re.Match[bytes]) -> bytes:
    text = found.group(1).replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&amp;", b"&")
    return b"<text><![CDATA[" + text.replace(b"]]>", b"]]]]><![CDATA[>") + b"]]></text>"


def cdata_texts(xml: bytes) -> bytes:
    """Every `<text>` as a CDATA section, as Moodle writes them. Moodle's XML reader (xmlize)
    drops character data that is only white space, and the parser splits text at each entity,
    so `&lt;/em&gt; &lt;a` would lose its space; a CDATA section keeps it."""
    return _TEXT.sub(_as_cdata, xml)


def moodle_part(quiz: Quiz, *, legacy: bool = False) -> bytes:
    """One quiz's category and questions, serialised as they sit inside `<quiz>`."""
    root = element("quiz")
    root.extend(moodle_parts(quiz, legacy=legacy))
    inner = cdata_texts(to_bytes(root)).split(b"<quiz>", 1)[1]
    return inner[: -len(_END)]


def moodle_xml(quizzes: Sequence[Quiz], *, legacy: bool = False) -> bytes:
    """One Moodle XML file holding every quiz given, each in its own category; `legacy` for
    Moodle 3.x to 4.3 (ordering as matching)."""
    return _declaration(legacy) + b"".join(moodle_part(q, legacy=legacy) for q in quizzes) + _END


def compose_moodle(files: Sequence[bytes], *, legacy: bool = False) -> bytes:
    """The file of several quizzes from their one-quiz files (in the same order)."""
    head = _declaration(legacy)
    parts = []
    for data in files:
        if not (data.startswith(head) and data.endswith(_END)):
            raise ValueError("not a one-quiz Moodle XML file of this edition")
        parts.append(data[len(head) : -len(_END)])
    return head + b"".join(parts) + _END
