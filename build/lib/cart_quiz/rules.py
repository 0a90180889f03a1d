"""The rules a JSON Schema cannot say, checked on the values read from YAML: answers that
can be scored, "I'm not sure" only in care-team quizzes, question ids unique, options and
ordering steps that differ, and every text field in the quiz-text profile (`text.py`).

Rules read whatever parts of the quiz are well formed, so a file with a schema mistake still
gets its rule problems reported in the same pass; badly formed parts are left to the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import text as quiz_text
from .places import where
from .schema import text_fields
from .yaml_source import Document, Path, shown

UNSURE_CATEGORY = "care-team"

Problem = tuple[int, str]


def _same_words(text: str) -> str:
    """What a reader sees, spaces and case aside: "A  *Fever*" and "a fever" are the same."""
    return re.sub(r"\s+", " ", quiz_text.to_plain(text)).strip().casefold()


def _text_problems(document: Document) -> Iterator[Problem]:
    """The quiz-text profile's problems in every text field the schema names."""
    for path, value, answer in text_fields(document.value):
        if value and not document.covered(path):
            for message in quiz_text.problems(value, answer=answer):
                yield document.line(path), message


def _items(value: object) -> list[dict] | None:
    """The entries of a list whose every item is a mapping, else None."""
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    return None


def _distinct(document: Document, path: Path, items: list[dict], noun: str) -> Iterator[Problem]:
    first_seen: dict[str, tuple[int, str]] = {}
    for index, item in enumerate(items):
        text = item.get("text")
        if not isinstance(text, str) or not text:
            continue
        key = _same_words(text)
        if key in first_seen:
            number, first = first_seen[key]
            yield (
                document.line((*path, index, "text")),
                f"{where(document.value, (*path, index))} has the same text as {noun} "
                f"{number + 1} ({shown(first)}); give each {noun} its own words",
            )
        else:
            first_seen[key] = (index, text)


def _choices(document: Document, path: Path, question: dict, category: object) -> Iterator[Problem]:
    options = _items(question.get("options"))
    if options is None:
        return
    name = where(document.value, path)
    line = document.line(path)
    for index, option in enumerate(options):
        option_path = (*path, "options", index)
        option_name = where(document.value, option_path)
        option_line = document.lines.get(option_path, line)
        if option.get("unsure") is True and option.get("correct") is True:
            yield (
                option_line,
                f"{option_name} is marked both `unsure` and `correct`; "
                'an "I\'m not sure" option is never the answer',
            )
        if (
            option.get("unsure") is True
            and isinstance(category, str)
            and category != UNSURE_CATEGORY
        ):
            yield (
                option_line,
                f'{option_name} is an "I\'m not sure" option, which only care-team quizzes '
                "may offer; remove `unsure`",
            )
    yield from _distinct(document, (*path, "options"), options, "option")
    marks = [option.get("correct", False) for option in options]
    if not options or not all(isinstance(mark, bool) for mark in marks):
        return  # the schema reports these
    correct = sum(marks)
    if correct == 0:
        yield line, f"{name} has no correct answer; add `correct: true` to the right option"
    elif question.get("type") == "single" and correct > 1:
        yield (
            line,
            f"{name} is single choice but has {correct} correct options; keep one "
            "`correct: true`, or use `type: multiple`",
        )


def _steps(document: Document, path: Path, question: dict) -> Iterator[Problem]:
    steps = _items(question.get("steps"))
    if steps is None:
        return
    yield from _distinct(document, (*path, "steps"), steps, "step")


def rule_problems(document: Document) -> list[Problem]:
    """(line, message) for every cross-field rule the quiz breaks."""
    quiz = document.value
    if not isinstance(quiz, dict):
        return []
    found = list(_text_problems(document))
    category = quiz.get("category")
    first_seen: dict[str, int] = {}
    questions = quiz.get("questions")
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(question, dict):
            continue
        path: Path = ("questions", index)
        if question.get("type") in ("single", "multiple"):
            found.extend(_choices(document, path, question, category))
        elif question.get("type") == "ordering":
            found.extend(_steps(document, path, question))
        question_id = question.get("id")
        if isinstance(question_id, str) and question_id:
            line = document.line(path)
            if question_id in first_seen:
                found.append(
                    (
                        line,
                        f"duplicate question id {shown(question_id)} (first at line "
                        f"{first_seen[question_id]}); give each question its own id",
                    )
                )
            else:
                first_seen[question_id] = line
    return found
