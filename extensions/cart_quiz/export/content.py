"""What every export says about a question, whatever the format: the prompt and the general
feedback as HTML, and the share of the mark each option earns."""

from __future__ import annotations

from ..model import Question, Quiz
from .markup import inline_html

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
TIER_NAMES = {"simple": "Simple", "detail": "More detail", "clinical": "Clinical detail"}
RIGHT_ORDER = "The right order:"
ASK_YOUR_TEAM = "A question for your care team:"


def prompt_html(question: Question) -> str:
    return f"<p>{inline_html(question.prompt)}</p>"


def general_feedback_html(question: Question) -> str:
    """The explanation, then (for ordering) the right order with each step's feedback, then the
    question to ask the care team: what the site shows under "Show answer"."""
    parts = [f"<p>{inline_html(question.explanation)}</p>"]
    if question.steps:
        steps = "".join(
            f"<li><strong>{inline_html(step.text)}</strong>. {inline_html(step.feedback)}</li>"
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
    """Percent of the mark each option earns. Single choice and true/false: 100 for the right
    option, 0 otherwise. Multiple: the right options share 100, each wrong option takes an equal
    share of 100 away (so ticking everything earns nothing), and "I'm not sure" is always 0."""
    if question.type != "multiple":
        return tuple(100.0 if choice.correct else 0.0 for choice in question.choices)
    right = sum(choice.correct for choice in question.choices)
    wrong = sum(not choice.correct and not choice.unsure for choice in question.choices)
    shares = []
    for choice in question.choices:
        if choice.correct:
            shares.append(nearest_grade(100 / right))
        elif choice.unsure:
            shares.append(0.0)
        else:
            shares.append(nearest_grade(-100 / wrong))
    return tuple(shares)


def format_percent(percent: float) -> str:
    """`100`, `33.33333`, `-50`: the way Moodle writes grades."""
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
