"""GIFT, Moodle's plain-text question format (Question bank > Import > GIFT format).

Every text is written as `[html]` with the same simple HTML as the other exports, so emphasis
and links survive; GIFT's special characters ~ = # { } : and the backslash are escaped with a
backslash, and line breaks as `\\n`. Mapping: single -> `{=right ~%0%wrong}`, multiple ->
`{~%50%right ~%-100%wrong}` (Moodle's grades), true-false -> `{TRUE#if wrong#if right}`.
GIFT has no ordering question type, so ordering questions are left out, each with a comment
saying so; use the Moodle XML or QTI export for them. Hints have no place in GIFT either."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Question, Quiz
from .content import choice_percentages, format_percent, general_feedback_html, prompt_html
from .markup import inline_html
from .moodle import category_path

SPECIAL_CHARACTERS = "\\~=#{}:"
EXPRESSIBLE_TYPES = frozenset({"single", "multiple", "true-false"})


def escape_gift(text: str) -> str:
    """Escape GIFT's special characters so any text stays text."""
    escaped = "".join(f"\\{char}" if char in SPECIAL_CHARACTERS else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _answers(question: Question) -> list[str]:
    shares = choice_percentages(question)
    if question.type == "true-false":
        true_choice, false_choice = question.choices
        right, wrong = (
            (true_choice, false_choice) if true_choice.correct else (false_choice, true_choice)
        )
        keyword = "TRUE" if true_choice.correct else "FALSE"
        # Moodle shows the first feedback for a wrong answer, the second for a right one.
        return [
            f"{keyword}#{escape_gift(inline_html(wrong.feedback))}"
            f"#{escape_gift(inline_html(right.feedback))}"
        ]
    lines = []
    for choice, share in zip(question.choices, shares, strict=True):
        text = escape_gift(inline_html(choice.text))
        feedback = escape_gift(inline_html(choice.feedback))
        # Wrong answers carry an explicit weight too: Moodle would read a text that starts
        # like "%50%" as a weight.
        marker = (
            "=" if question.type == "single" and choice.correct else f"~%{format_percent(share)}%"
        )
        lines.append(f"{marker}{text}#{feedback}")
    return lines


def gift_question(quiz: Quiz, question: Question, number: int) -> str:
    if question.type not in EXPRESSIBLE_TYPES:
        return (
            f"// Question {number} ({question.id}) is an {question.type} question, which GIFT "
            f"cannot express.\n// Import the Moodle XML or QTI export to include it."
        )
    name = escape_gift(f"{number:02d} {question.id}")
    lines = [
        f"// {quiz.id}/{question.id} [id:{quiz.id}/{question.id}]",
        f"::{name}::[html]{escape_gift(prompt_html(question))}{{",
        *_answers(question),
        f"####{escape_gift(general_feedback_html(question))}",
        "}",
    ]
    return "\n".join(lines)


def gift_text(quizzes: Sequence[Quiz]) -> str:
    """One GIFT file holding every quiz given, each in its own category."""
    blocks = []
    for quiz in quizzes:
        title = " ".join(quiz.title.split())
        blocks.append(f"// {title} ({quiz.id})\n$CATEGORY: {category_path(quiz)}")
        blocks.extend(
            gift_question(quiz, question, number)
            for number, question in enumerate(quiz.questions, start=1)
        )
    return "\n\n".join(blocks) + "\n"
