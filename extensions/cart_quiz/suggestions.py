"""The suggested questions for the care team: every `ask_your_team` prompt of the site's
quizzes once, grouped by stage of the treatment journey. The model only; no Sphinx."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import STAGES, Quiz


@dataclass(frozen=True)
class SuggestionSource:
    """The quiz question a suggested question comes from."""

    quiz_id: str
    quiz_title: str
    question_id: str

    @property
    def anchor(self) -> str:
        """The question's `id` in the page's HTML (see html.py)."""
        return f"quiz-{self.quiz_id}-{self.question_id}"

    @property
    def key(self) -> str:
        """How cart-quiz.js records the source of a saved question."""
        return f"{self.quiz_id}/{self.anchor}"


@dataclass
class Suggestion:
    """One `ask_your_team` prompt, with every question that asks it."""

    text: str
    stage: str
    sources: list[SuggestionSource] = field(default_factory=list)
    line: int = 0


def same_question_key(text: str) -> str:
    """Prompts that differ only in spacing, case or final punctuation are the same question."""
    return " ".join(text.split()).casefold().rstrip("?.! ")


def collect_suggestions(quizzes: Iterable[Quiz]) -> dict[str, list[Suggestion]]:
    """Every `ask_your_team` prompt once, grouped by stage in journey order.

    A prompt asked by several questions is kept at its earliest stage and lists every source.
    Stages without a prompt are left out.
    """
    quizzes = list(quizzes)
    by_key: dict[str, Suggestion] = {}
    grouped: dict[str, list[Suggestion]] = {}
    for stage in STAGES:
        for found in quizzes:
            for question in found.questions:
                if not question.ask_your_team or question.stage != stage:
                    continue
                source = SuggestionSource(found.id, found.title, question.id)
                key = same_question_key(question.ask_your_team)
                if key in by_key:
                    by_key[key].sources.append(source)
                    continue
                suggestion = Suggestion(question.ask_your_team, stage, [source], question.line)
                by_key[key] = suggestion
                grouped.setdefault(stage, []).append(suggestion)
    return grouped
