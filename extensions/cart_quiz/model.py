"""The quiz model: frozen data, validated once by the loader and trusted everywhere after."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
CATEGORIES = ("understanding", "risks", "care-team")
TIERS = ("simple", "detail", "clinical")
STAGES = ("deciding", "collection", "treatment", "recovery", "long-term")
QUESTION_TYPES = ("single", "multiple", "true-false", "ordering")


@dataclass(frozen=True)
class Choice:
    """One answer a reader can pick; `unsure` marks "I'm not sure", never scored as wrong."""

    text: str
    feedback: str
    line: int
    correct: bool = False
    unsure: bool = False


@dataclass(frozen=True)
class Step:
    """One step of an ordering question; steps are stored in their correct order."""

    text: str
    feedback: str
    line: int


@dataclass(frozen=True)
class Question:
    """A question of any type; `choices` for choice types, `steps` for ordering."""

    id: str
    type: str
    prompt: str
    explanation: str
    learn_more: str
    line: int
    learn_more_line: int
    stage: str
    choices: tuple[Choice, ...] = ()
    steps: tuple[Step, ...] = ()
    hint: str | None = None
    ask_your_team: str | None = None

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        return tuple(i for i, choice in enumerate(self.choices) if choice.correct)

    def shuffled_step_order(self, quiz_id: str) -> tuple[int, ...]:
        """A fixed order (builds are reproducible) in which no step starts in its right
        place, so the mixed-up list gives no part of the answer away."""
        count = len(self.steps)
        seed = int(hashlib.sha256(f"{quiz_id}/{self.id}".encode()).hexdigest()[:16], 16)
        shuffle = random.Random(seed).shuffle
        order = list(range(count))
        # About one shuffle in e has no step in place; the seed makes the draws the same.
        while count > 1 and any(place == step for place, step in enumerate(order)):
            shuffle(order)
        return tuple(order)


@dataclass(frozen=True)
class Quiz:
    """A whole quiz, as one YAML file describes it."""

    id: str
    title: str
    category: str
    tier: str
    minutes: int
    stage: str
    objectives: tuple[str, ...]
    questions: tuple[Question, ...]
    path: Path
    line: int = 1

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def learn_more_links(self) -> tuple[tuple[str, str, int], ...]:
        """(learn_more label, question id, line of learn_more) of each question, in order."""
        return tuple((q.learn_more, q.id, q.learn_more_line) for q in self.questions)
