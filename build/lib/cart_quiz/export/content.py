"""What every export says about a question, whatever the format: its title, the prompt, the
hint and the general feedback as HTML, and the share of the mark each option earns.

One scoring rule for multiple-answer questions, the same in every format
------------------------------------------------------------------------
A question with R right options is worth 1 mark. Each right option ticked earns 1/R of it;
each wrong option ticked takes 1/R away; the mark never goes below 0 (an empty answer and a
fully wrong one both score 0). "I'm not sure" earns and costs nothing.

Why this rule: it is the one rule every target can express.
- Canvas (classic quizzes, multiple_answers_question) ignores imported weights and always
  scores exactly this way: points / R for each right option chosen, the same taken away for
  each other option chosen, never below 0 (Quizzes::QuizQuestion::MultipleAnswersQuestion).
- H5P MultiChoice (several right options) counts +1 per right option chosen and -1 per wrong
  one, out of R, never below 0: the same rule.
- Moodle multichoice adds the fractions of the chosen answers and clamps the sum to 0..1, so
  fractions of +100/R and -100/R give the same marks (1/R is always one of Moodle's grades
  for R up to 10), and "I'm not sure" gets 0.
- QTI 1.2 response processing sets SCORE to 100 when exactly the right options are chosen and
  otherwise adds 100/R per right option and -100/R per wrong one, with the decvar's minvalue
  0 as the floor (`qti` explains why a negative Add, not a Subtract).
Canvas and H5P would count a ticked "I'm not sure" as a wrong option, so in those two formats
the option is left out of multiple-answer questions (leaving every box empty scores 0 and is
never penalised either); in single-choice questions it stays everywhere, since a wrong single
choice only scores 0."""

from __future__ import annotations

from ..model import Question, Quiz
from .markup import inline_html, inline_plain

# The grades Moodle offers for an answer (question_bank::fraction_options_full), in percent.
# Moodle rounds imported grades to these, so we pick the nearest ourselves.
MOODLE_GRADES = (
    100.0,
    90.0,
    83.33333,
    80.0,
    75.0,
    70.0,
    66.66667,
    60.0,
    50.0,
    40.0,
    33.33333,
    30.0,
    25.0,
    20.0,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10.0,
    5.0,
    0.0,
)
TITLE_LENGTH = 60
TIER_NAMES = {"simple": "Simple", "detail": "More detail", "clinical": "Clinical detail"}
RIGHT_ORDER = "The right order:"
ASK_YOUR_TEAM = "A question for your care team:"
HINT = "Hint:"


def question_title(question: Question, limit: int = TITLE_LENGTH) -> str:
    """The prompt as plain text, cut at a word boundary to at most `limit` characters (with an
    ellipsis when cut): what a question bank lists."""
    text = inline_plain(question.prompt)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "\u2026"


def position_name(place: int, count: int) -> str:
    """What the learner matches a step to: `1 (first)`, `2`, ... `4 (last)`."""
    if place == 1:
        return "1 (first)"
    return f"{place} (last)" if place == count else str(place)


def prompt_html(question: Question) -> str:
    return f"<p>{inline_html(question.prompt)}</p>"


def hint_html(question: Question) -> str:
    """The hint with its label, or "" when the question has none."""
    if not question.hint:
        return ""
    return f"<p><strong>{HINT}</strong> {inline_html(question.hint)}</p>"


def _step_html(text: str) -> str:
    """A step in bold, ending with a full stop unless it already ends a sentence."""
    stop = "" if inline_plain(text).endswith((".", "?", "!")) else "."
    return f"<strong>{inline_html(text)}</strong>{stop}"


def general_feedback_html(question: Question, *, with_order: bool = True) -> str:
    """The explanation, then (for ordering, unless `with_order` is false) the right order with
    each step's feedback, then the question to ask the care team: what the site shows under
    "Show answer"."""
    parts = [f"<p>{inline_html(question.explanation)}</p>"]
    if question.steps and with_order:
        steps = "".join(
            f"<li>{_step_html(step.text)} {inline_html(step.feedback)}</li>"
            for step in question.steps
        )
        parts.append(f"<p>{RIGHT_ORDER}</p><ol>{steps}</ol>")
    if question.ask_your_team:
        parts.append(
            f"<p><strong>{ASK_YOUR_TEAM}</strong> {inline_html(question.ask_your_team)}</p>"
        )
    return "".join(parts)


def quiz_description_html(quiz: Quiz) -> str:
    objectives = "".join(f"<li>{inline_html(objective)}</li>" for objective in quiz.objectives)
    tier = TIER_NAMES.get(quiz.tier, quiz.tier)
    return (
        f"<p>About {quiz.minutes} minutes. Reading level: {tier}.</p>"
        f"<p>This self-check helps you:</p><ul>{objectives}</ul>"
    )


def nearest_grade(percent: float) -> float:
    """The Moodle grade closest to `percent`, keeping its sign."""
    grade = min(MOODLE_GRADES, key=lambda allowed: abs(allowed - abs(percent)))
    return -grade if percent < 0 else grade


def choice_percentages(question: Question) -> tuple[float, ...]:
    """Percent of the mark each option earns (the rule in this module's docstring). Single
    choice and true/false: 100 for the right option, 0 otherwise. Multiple: each right option
    +100/R, each wrong option -100/R, "I'm not sure" 0."""
    if question.type != "multiple":
        return tuple(100.0 if choice.correct else 0.0 for choice in question.choices)
    right = sum(choice.correct for choice in question.choices)
    share = nearest_grade(100 / right)
    return tuple(
        share if choice.correct else 0.0 if choice.unsure else -share for choice in question.choices
    )


def multiple_answer_score(question: Question, ticked: set[int]) -> float:
    """The mark (0 to 1) the rule gives for the options at `ticked` (indexes): what every
    format's scoring must reproduce."""
    right = sum(choice.correct for choice in question.choices)
    gained = sum(
        1 if choice.correct else 0 if choice.unsure else -1
        for index, choice in enumerate(question.choices)
        if index in ticked
    )
    return max(0.0, gained / right)


def scored_choices(question: Question, *, keep_unsure: bool) -> tuple[int, ...]:
    """The indexes of the options a format shows: all of them, or (for formats that would
    count a ticked "I'm not sure" as wrong) all but "I'm not sure" on multiple-answer
    questions."""
    return tuple(
        index
        for index, choice in enumerate(question.choices)
        if keep_unsure or question.type != "multiple" or not choice.unsure
    )


def format_percent(percent: float) -> str:
    """`100`, `33.33333`, `-50`: the way Moodle writes grades."""
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
