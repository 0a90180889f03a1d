"""GIFT, Moodle's plain-text question format (Question bank > Import > GIFT format).

Every text is written as `[html]` with the same simple HTML as the other exports, so emphasis
and links survive; GIFT's special characters ~ = # { } : and the backslash are escaped with a
backslash, and line breaks as `\\n`. Each question is named by its number and its prompt,
shortened. Mapping: single -> `{=right ~%0%wrong}`, multiple -> `{~%50%right ~%-50%wrong
~%0%not sure}` (the rule in `content`), true-false -> `{TRUE#if wrong#if right}`, ordering ->
a matching question `{=step -> 1 (first) ...}` (steps listed shuffled), as in the legacy
Moodle XML file.

Hints: GIFT has no hint field, so for choice and true/false questions the hint is added to the
feedback of every wrong option ("Hint: ..."), which Moodle shows after a wrong answer. GIFT
matching questions have no per-answer feedback, so an ordering question's hint and its steps'
feedback go into the general feedback, shown after the answer."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Question, Quiz
from .content import (
    choice_percentages,
    format_percent,
    general_feedback_html,
    hint_html,
    position_name,
    prompt_html,
    question_title,
)
from .markup import inline_html
from .moodle import category_path

SPECIAL_CHARACTERS = "\\~=#{}:"
EXPRESSIBLE_TYPES = frozenset({"single", "multiple", "true-false", "ordering"})
NOTICE = (
    "GIFT for Moodle: ordering questions are matching questions (match each step to its "
    "place); hints are in the feedback of wrong answers (and, for ordering, in the general "
    "feedback)."
)


def escape_gift(text: str) -> str:
    """Escape GIFT's special characters so any text stays text."""
    escaped = "".join(f"\\{char}" if char in SPECIAL_CHARACTERS else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _wrong_feedback(question: Question, feedback: str) -> str:
    return feedback + hint_html(question) if question.hint else feedback


def _answers(quiz: Quiz, question: Question) -> list[str]:
    shares = choice_percentages(question)
    if question.type == "true-false":
        true_choice, false_choice = question.choices
        right, wrong = (
            (true_choice, false_choice) if true_choice.correct else (false_choice, true_choice)
        )
        keyword = "TRUE" if true_choice.correct else "FALSE"
        wrong_feedback = _wrong_feedback(question, inline_html(wrong.feedback))
        # Moodle shows the first feedback for a wrong answer, the second for a right one.
        return [
            f"{keyword}#{escape_gift(wrong_feedback)}#{escape_gift(inline_html(right.feedback))}"
        ]
    if question.type == "ordering":
        # `->` separates a pair; HTML text never holds it (`>` is written `&gt;`).
        return [
            f"={escape_gift(inline_html(question.steps[index].text))}"
            f" -> {escape_gift(position_name(index + 1, len(question.steps)))}"
            for index in question.shuffled_step_order(quiz.id)
        ]
    lines = []
    for choice, share in zip(question.choices, shares, strict=True):
        text = escape_gift(inline_html(choice.text))
        feedback = inline_html(choice.feedback)
        if share <= 0 and not choice.unsure:
            feedback = _wrong_feedback(question, feedback)
        # Wrong answers carry an explicit weight too: Moodle would read a text that starts
        # like "%50%" as a weight.
        marker = (
            "=" if question.type == "single" and choice.correct else f"~%{format_percent(share)}%"
        )
        lines.append(f"{marker}{text}#{escape_gift(feedback)}")
    return lines


def _general_feedback(question: Question) -> str:
    html = general_feedback_html(question)
    return html + hint_html(question) if question.type == "ordering" else html


def gift_question(quiz: Quiz, question: Question, number: int) -> str:
    name = escape_gift(f"{number:02d} {question_title(question)}")
    lines = [
        f"// {quiz.id}/{question.id} [id:{quiz.id}/{question.id}]",
        f"::{name}::[html]{escape_gift(prompt_html(question))}{{",
        *_answers(quiz, question),
        f"####{escape_gift(_general_feedback(question))}",
        "}",
    ]
    return "\n".join(lines)


def gift_part(quiz: Quiz) -> str:
    """One quiz's block: its category line, then its questions."""
    title = " ".join(quiz.title.split())
    blocks = [f"// {title} ({quiz.id})\n$CATEGORY: {category_path(quiz)}"]
    blocks.extend(
        gift_question(quiz, question, number)
        for number, question in enumerate(quiz.questions, start=1)
    )
    return "\n\n".join(blocks)


def gift_text(quizzes: Sequence[Quiz]) -> str:
    """One GIFT file holding every quiz given, each in its own category."""
    return compose_gift_parts([gift_part(quiz) for quiz in quizzes])


def compose_gift_parts(parts: Sequence[str]) -> str:
    return "\n\n".join([f"// {NOTICE}", *parts]) + "\n"


def compose_gift(files: Sequence[str]) -> str:
    """The file of several quizzes from their one-quiz files (in the same order)."""
    head = f"// {NOTICE}\n\n"
    if not all(text.startswith(head) and text.endswith("\n") for text in files):
        raise ValueError("not a one-quiz GIFT file")
    return compose_gift_parts([text[len(head) : -1] for text in files])
