"""GIFT: read back by a small parser that follows Moodle's GIFT import rules, so the tests
see what Moodle would import: every expressible type, escapes, weights and feedback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cart_quiz.export.content import (
    choice_percentages,
    general_feedback_html,
    hint_html,
    position_name,
    prompt_html,
    question_title,
)
from cart_quiz.export.gift import escape_gift, gift_question, gift_text
from cart_quiz.export.markup import inline_html, inline_plain
from cart_quiz.loader import load_quiz, load_quiz_directory
from cart_quiz.model import Choice, Question, Quiz
from export_helpers import read_html
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parent / "roots" / "test-educators" / "quizzes"
SITE_QUIZZES = Path(__file__).parent.parent / "quizzes"

# Moodle replaces escaped characters with placeholders before parsing, and puts them back
# after; private-use characters play the placeholders here.
_ESCAPED = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003"}
_ESCAPED |= {"\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\n"}
_RESTORED = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#"}
_RESTORED |= {"\ue004": "{", "\ue005": "}", "\ue006": ":"}
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*|100)%")


def protect(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in _ESCAPED:
            out.append(_ESCAPED[pair])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def restore(text: str) -> str:
    return "".join(_RESTORED.get(char, char) for char in text)


def parse_answer(part: str) -> tuple[float, str, str]:
    part = part.strip()
    if part.startswith("="):
        weight, part = 100.0, part[1:]
    elif found := _WEIGHT.match(part):
        weight, part = float(found.group(1)), part[found.end() :]
    else:
        weight = 0.0
    text, _, feedback = part.partition("#")
    return weight, restore(text.strip()), restore(feedback.strip())


def parse_gift(source: str) -> list[dict]:
    """Blocks separated by blank lines; `//` lines are comments; then Moodle's rules."""
    parsed = []
    for block in re.split(r"\n[ \t]*\n", source.strip()):
        lines = block.split("\n")
        comments = [line.strip() for line in lines if line.strip().startswith("//")]
        body = "\n".join(line for line in lines if not line.strip().startswith("//")).strip()
        if not body:
            parsed.append({"kind": "comment", "comments": comments})
            continue
        body = protect(body)
        if body.startswith("$CATEGORY:"):
            parsed.append({"kind": "category", "path": body[len("$CATEGORY:") :].strip()})
            continue
        name = None
        if body.startswith("::"):
            end = body.index("::", 2)
            name, body = restore(body[2:end]), body[end + 2 :].strip()
        start, finish = body.index("{"), body.index("}")
        answer = body[start + 1 : finish].strip()
        text = (body[:start] + body[finish + 1 :]).strip()
        general = ""
        if "####" in answer:
            cut = answer.rindex("####")
            general, answer = restore(answer[cut + 4 :].strip()), answer[:cut].strip()
        text_format = "moodle"
        if text.startswith("["):
            text_format, text = text[1 : text.index("]")], text[text.index("]") + 1 :]
        idnumber = next(
            (m.group(1) for c in comments if (m := re.search(r"\[id:([^\]]+)\]", c))), None
        )
        question = {
            "kind": "question",
            "name": name,
            "idnumber": idnumber,
            "format": text_format,
            "text": restore(text.strip()),
            "general": general,
        }
        if answer.startswith("=") and "->" in answer:
            # Moodle: a matching question; each `=` starts a pair `subquestion -> answer`.
            pairs = [part for part in answer.split("=") if part.strip()]
            question["type"] = "match"
            question["pairs"] = [
                tuple(restore(side.strip()) for side in pair.split("->", 1)) for pair in pairs
            ]
        elif "~" in answer:
            parts = [part for part in answer.replace("=", "~=").split("~") if part.strip()]
            question["type"] = "multichoice"
            question["single"] = "=" in answer
            question["answers"] = [parse_answer(part) for part in parts]
        else:
            value, wrong, right = [*answer.split("#", 2), "", ""][:3]
            assert value.strip() in {"T", "TRUE", "F", "FALSE"}, answer
            question["type"] = "truefalse"
            question["answer"] = value.strip() in {"T", "TRUE"}
            question["wrong"], question["right"] = restore(wrong.strip()), restore(right.strip())
        parsed.append(question)
    return parsed


def questions_of(source: str) -> list[dict]:
    return [block for block in parse_gift(source) if block["kind"] == "question"]


@pytest.fixture(scope="module")
def escapes():
    return load_quiz(ROOT / "escapes.yaml")


def test_every_site_quiz_exports_to_gift_that_parses():
    site = list(load_quiz_directory(SITE_QUIZZES).quizzes.values())
    blocks = parse_gift(gift_text(site))
    assert sum(block["kind"] == "category" for block in blocks) == len(site)
    every = [q for quiz in site for q in quiz.questions]
    assert len([b for b in blocks if b["kind"] == "question"]) == len(every)


def test_ordering_is_a_matching_question_of_steps_and_places(escapes):
    parsed = questions_of(gift_text([escapes]))
    assert [q["idnumber"] for q in parsed] == [f"escapes/{q.id}" for q in escapes.questions]
    order = escapes.question("order")
    matching = next(q for q in parsed if q["idnumber"] == "escapes/order")
    assert matching["type"] == "match"
    count = len(order.steps)
    assert sorted(matching["pairs"], key=lambda pair: pair[1]) == sorted(
        (inline_html(step.text), position_name(place, count))
        for place, step in enumerate(order.steps, start=1)
    )
    # Listed shuffled, never already in order.
    assert [pair[0] for pair in matching["pairs"]] != [inline_html(s.text) for s in order.steps]
    # Matching has no per-pair feedback: the steps' feedback and the hint are in the general.
    assert matching["general"] == general_feedback_html(order) + hint_html(order)


def test_each_expressible_type_round_trips_with_its_feedback():
    for name in ("escapes.yaml", "team.yaml", "basics.yaml"):
        quiz = load_quiz(ROOT / name)
        parsed = questions_of(gift_text([quiz]))
        for exported, question in zip(parsed, quiz.questions, strict=True):
            assert exported["format"] == "html"
            assert exported["text"] == prompt_html(question)
            if question.type == "ordering":
                assert exported["type"] == "match"
                continue
            assert exported["general"] == general_feedback_html(question)
            hint = hint_html(question)
            if question.type == "true-false":
                assert exported["type"] == "truefalse"
                right = next(c for c in question.choices if c.correct)
                wrong = next(c for c in question.choices if not c.correct)
                assert exported["answer"] is question.choices[0].correct
                assert exported["right"] == inline_html(right.feedback)
                assert exported["wrong"] == inline_html(wrong.feedback) + hint
                continue
            assert exported["type"] == "multichoice"
            assert exported["single"] is (question.type == "single")
            assert exported["answers"] == [
                (
                    share,
                    inline_html(c.text),
                    inline_html(c.feedback) + ("" if share > 0 or c.unsure else hint),
                )
                for share, c in zip(choice_percentages(question), question.choices, strict=True)
            ]


def test_the_category_and_question_names_are_kept(escapes):
    blocks = parse_gift(gift_text([escapes]))
    category = next(block for block in blocks if block["kind"] == "category")
    assert category["path"] == "$course$/top/CAR-T learning site/" + escapes.title.replace(
        "/", "//"
    )
    assert [q["name"] for q in questions_of(gift_text([escapes]))] == [
        f"{number:02d} {question_title(question)}"
        for number, question in enumerate(escapes.questions, start=1)
    ]


def test_special_characters_are_escaped_and_come_back_as_text(escapes):
    source = gift_text([escapes])
    assert "\\~ \\= \\# \\{ \\} \\\\" in source  # the specials, escaped
    first = questions_of(source)[0]
    shown, _ = read_html(first["text"])
    assert " ".join(shown.split()) == inline_plain(escapes.questions[0].prompt)
    assert "~ = # { } \\ & <b>x</b> \"q\" 'a' café 😀?" in shown
    answer = first["answers"][0][1]
    assert read_html(answer)[0] == "Right ~ = # { } : \\ & <b>bold?</b> \"q\" 'a' café 😀"


GIFT_HEAVY = st.text(
    alphabet=st.sampled_from(list("~=#{}:\\%-[]/ \nabcAZ09&<>\"'é😀*`_")), min_size=1, max_size=40
)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")))
def test_escaping_any_text_reads_back_as_the_same_text(text):
    assert restore(protect(escape_gift(text))) == text


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(GIFT_HEAVY, min_size=6, max_size=6), right=st.integers(0, 1))
def test_any_text_in_any_field_round_trips(texts, right):
    prompt, first, second, feedback_one, feedback_two, explanation = texts
    if not inline_html(first) or not inline_html(second):
        return  # an empty option is no option
    choices = (
        Choice(first, feedback_one, 1, correct=right == 0),
        Choice(second, feedback_two, 1, correct=right == 1),
    )
    question = Question("q", "single", prompt, explanation, "label", 1, 1, "treatment", choices)
    quiz = Quiz("z", "T", "risks", "simple", 1, "treatment", ("o",), (question,), Path("z.yaml"))
    exported = questions_of(gift_question(quiz, question, 1))[0]
    assert exported["text"] == prompt_html(question)
    assert exported["general"] == general_feedback_html(question)
    assert exported["answers"] == [
        (100.0 if c.correct else 0.0, inline_html(c.text), inline_html(c.feedback)) for c in choices
    ]
