"""Authoring lints: item-writing flaws that let a test-wise reader pass without the knowledge.

The loader rejects quizzes that cannot work; these lints flag quizzes that work but measure
the wrong thing. They follow the NBME item-writing guide (Case and Swanson, *Constructing
Written Test Questions for the Basic and Clinical Sciences*): one clearly best answer, options
alike in length and form, no absolutes or "all of the above" as cues, positive stems, real
distractors, and feedback that teaches. Each lint carries the YAML line from the model and a
short stable `code`, so a site can silence one (`suppress_warnings = ["quiz.longest-key"]`).

Pure functions over the model: no Sphinx, no YAML.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import Choice, Question, Quiz, Step
from .text import to_plain

#: Every lint code, with the rule it enforces (for docs, `--help` and `suppress_warnings`).
LINT_CODES: dict[str, str] = {
    "longest-key": (
        "the correct option is the longest one in more than half of a quiz's "
        "single-choice questions"
    ),
    "key-position": (
        "the first option is a correct one in more than half of a quiz's single- and "
        "multiple-choice questions (options are shown in file order)"
    ),
    "absolute-word": (
        'a wrong option (or a false true-false statement) uses "always", "never", "only", '
        '"all", "none", "any", "every" or a word like them'
    ),
    "all-none-of-above": 'an option says "all of the above" or "none of these"',
    "negative-stem": 'the prompt asks for the option that is NOT, EXCEPT or "least"',
    "few-wrong-options": "a multiple-select question has fewer than two wrong options",
    "similar-options": "two options (or steps) read almost the same",
    "missing-feedback": "an option or step has no feedback beyond a bare verdict",
    "hint-gives-away": "the hint repeats a content word of an option or step",
}

#: The key is "mostly" the longest when it is strictly longest in more than this share of a
#: quiz's single-choice questions (and in at least LONGEST_KEY_MIN_QUESTIONS of them).
LONGEST_KEY_SHARE = 0.5
LONGEST_KEY_MIN_QUESTIONS = 2
#: The first option may be a correct one in at most this share of a quiz's choice questions
#: (checked from KEY_POSITION_MIN_QUESTIONS of them).
KEY_POSITION_SHARE = 0.5
KEY_POSITION_MIN_QUESTIONS = 3
#: difflib ratio from which two options count as near-identical.
SIMILAR_RATIO = 0.85
#: Feedback needs at least this many words once a leading verdict ("No.", "Right.") is removed.
FEEDBACK_MIN_WORDS = 4
#: A multiple-select question needs at least this many wrong options ("I'm not sure" aside).
MIN_WRONG_OPTIONS = 2

ABSOLUTE_WORDS = (
    "always",
    "never",
    "only",
    "all",
    "none",
    "any",
    "every",
    "everyone",
    "everybody",
    "everything",
    "anything",
    "nobody",
    "nothing",
    "forever",
)
_ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_ALL_NONE_OF_ABOVE = re.compile(
    r"\b(all|none|both|neither|any)\s+of\s+(the\s+)?(above|these|those|them|the\s+options)\b",
    re.IGNORECASE,
)
_NEGATIVE_STEM = (
    re.compile(r"\b(NOT|EXCEPT|LEAST)\b"),
    re.compile(r"\bexcept\b", re.IGNORECASE),
    re.compile(r"\bleast\s+(likely|true|helpful|useful|important)\b", re.IGNORECASE),
    re.compile(
        r"\bwhich\b[^?.]*\b(is|are|does|do|would|should|could|can|will|was|were)"
        r"(\s+not\b|n't\b)",
        re.IGNORECASE,
    ),
    re.compile(r"\bwhich\b[^?.]*\b(is|are)\s+(false|untrue|wrong|incorrect)\b", re.IGNORECASE),
)
_VERDICT = re.compile(
    r"^\s*(?:(?:yes|no|right|wrong|correct|incorrect|true|false|not\s+quite|not\s+right|"
    r"not\s+so|not\s+usually|close|exactly|that's\s+ok|that\s+is\s+ok|well\s+done|good)"
    r"[\s,.!:;]*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_UNSURE_TEXT = re.compile(r"^\s*i['’]?m\s+not\s+sure\b", re.IGNORECASE)

#: Words too common to give anything away when a hint shares them with an option.
_STOPWORDS = frozenset(
    re.findall(
        r"[a-z']+",
        """
    a about after again all also am an and any are as at be because been before being both but
    by can could did do does doing done down during each either few for from get gets got had
    has have having he her here hers him his how i if in into is it its itself just let may me
    might more most much must my no nor not now of off on once one only or other our ours out
    over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up upon very was we well were what when where which
    while who whom why will with would yet you your yours yourself think about look remember
    first last thing things way ways can't don't it's that's you're
    """,
    )
)


@dataclass(frozen=True)
class Lint:
    """One item-writing flaw, located at a YAML line, with a stable `code` and a fix."""

    path: Path
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [quiz.{self.code}]"


def _stem(word: str) -> str:
    """A crude English stem, enough to match "cancers" with "cancer" and "needs" with "need"."""
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _content_words(text: str) -> set[str]:
    words = _WORD.findall(to_plain(text).lower())
    return {_stem(word) for word in words if word not in _STOPWORDS and len(word) > 2}


def _scored(question: Question) -> tuple[Choice, ...]:
    """Options a reader is scored on: "I'm not sure" is never right or wrong."""
    return tuple(
        choice
        for choice in question.choices
        if not choice.unsure and not _UNSURE_TEXT.match(choice.text)
    )


def _quote(text: str, limit: int = 50) -> str:
    text = to_plain(text)
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _key_is_longest(question: Question) -> bool:
    options = _scored(question)
    keys = [len(to_plain(c.text)) for c in options if c.correct]
    wrongs = [len(to_plain(c.text)) for c in options if not c.correct]
    return bool(keys and wrongs) and keys[0] > max(wrongs)


def lint_longest_key(quiz: Quiz) -> list[Lint]:
    singles = [q for q in quiz.questions if q.type == "single" and len(_scored(q)) > 1]
    longest = [q for q in singles if _key_is_longest(q)]
    if len(longest) < LONGEST_KEY_MIN_QUESTIONS or len(longest) <= LONGEST_KEY_SHARE * len(singles):
        return []
    first_key = next(c for c in _scored(longest[0]) if c.correct)
    ids = ", ".join(q.id for q in longest)
    return [
        Lint(
            quiz.path,
            first_key.line,
            "longest-key",
            f"the correct option is the longest in {len(longest)} of {len(singles)} "
            f"single-choice questions ({ids}); a reader who picks the longest option passes "
            f"without reading, so shorten the key or give distractors the same detail until "
            f"it is the longest in at most half of them",
        )
    ]


def lint_key_position(quiz: Quiz) -> list[Lint]:
    choice_questions = [q for q in quiz.questions if q.type in ("single", "multiple")]
    first_right = [q for q in choice_questions if q.choices[0].correct]
    if len(choice_questions) < KEY_POSITION_MIN_QUESTIONS or len(
        first_right
    ) <= KEY_POSITION_SHARE * len(choice_questions):
        return []
    ids = ", ".join(q.id for q in first_right)
    return [
        Lint(
            quiz.path,
            first_right[0].choices[0].line,
            "key-position",
            f"the first option is a correct one in {len(first_right)} of "
            f"{len(choice_questions)} choice questions ({ids}); options are shown in file "
            f"order, so readers learn to pick the first one: move keys (and, in multiple-select, "
            f"a wrong option) to other places until the first option is right in at most half",
        )
    ]


def lint_absolute_words(quiz: Quiz, question: Question) -> list[Lint]:
    lints = []
    if question.type == "true-false" and question.choices[1].correct:
        # The statement itself is the wrong "option" of a false true-false question.
        found = _ABSOLUTE.search(to_plain(question.prompt))
        if found:
            lints.append(
                Lint(
                    quiz.path,
                    question.line,
                    "absolute-word",
                    f"the false statement of question '{question.id}' says "
                    f"'{found.group(1).lower()}'; absolute words give a false statement away, "
                    f"so make it false for a reason the reader must know",
                )
            )
    if question.type not in ("single", "multiple"):
        return lints
    for choice in _scored(question):
        found = _ABSOLUTE.search(to_plain(choice.text))
        if choice.correct or not found:
            continue
        lints.append(
            Lint(
                quiz.path,
                choice.line,
                "absolute-word",
                f"wrong option {_quote(choice.text)} of question '{question.id}' says "
                f"'{found.group(1).lower()}'; test-wise readers rule out options with absolute "
                f"words, so make it wrong for a reason the reader must know",
            )
        )
    return lints


def lint_all_none_of_above(quiz: Quiz, question: Question) -> list[Lint]:
    return [
        Lint(
            quiz.path,
            choice.line,
            "all-none-of-above",
            f"option {_quote(choice.text)} of question '{question.id}' is an "
            f'"all/none of the above" option; it tests reading the other options, not the '
            f"topic, so replace it with a real answer",
        )
        for choice in question.choices
        if _ALL_NONE_OF_ABOVE.search(to_plain(choice.text))
    ]


def lint_negative_stem(quiz: Quiz, question: Question) -> list[Lint]:
    prompt = to_plain(question.prompt)
    for pattern in _NEGATIVE_STEM:
        found = pattern.search(prompt)
        if found:
            return [
                Lint(
                    quiz.path,
                    question.line,
                    "negative-stem",
                    f"the prompt of question '{question.id}' is negative ({found.group(0)!r}); "
                    f"readers miss the negation and learn the wrong fact, so ask for what is "
                    f"true or what to do",
                )
            ]
    return []


def lint_few_wrong_options(quiz: Quiz, question: Question) -> list[Lint]:
    if question.type != "multiple":
        return []
    wrong = [choice for choice in _scored(question) if not choice.correct]
    if len(wrong) >= MIN_WRONG_OPTIONS:
        return []
    return [
        Lint(
            quiz.path,
            question.line,
            "few-wrong-options",
            f"multiple-select question '{question.id}' has {len(wrong)} wrong option"
            f'{"" if len(wrong) == 1 else "s"} ("I\'m not sure" does not count); picking '
            f"everything then scores well, so add wrong options until there are at least "
            f"{MIN_WRONG_OPTIONS}, each a mistake real readers make",
        )
    ]


def _similarity(first: str, second: str) -> float:
    """difflib's ratio of the two texts, or 0.0 when it is surely below `SIMILAR_RATIO`:
    difflib's quick upper bounds rule out most pairs without the full comparison, which took
    most of the linter's time."""
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR_RATIO or matcher.quick_ratio() < SIMILAR_RATIO:
        return 0.0
    return matcher.ratio()


def _differ_in_numbers(first: str, second: str) -> bool:
    """True when the texts differ in a number ("2 weeks" vs "4 weeks"): a real distinction."""
    return sorted(re.findall(r"\d+(?:[.,]\d+)?", first)) != sorted(
        re.findall(r"\d+(?:[.,]\d+)?", second)
    )


def lint_similar_options(quiz: Quiz, question: Question) -> list[Lint]:
    items: tuple[Choice | Step, ...] = question.steps or _scored(question)
    if question.type == "true-false":
        return []
    lints = []
    texts = [to_plain(item.text).lower().rstrip(".") for item in items]
    for later in range(1, len(items)):
        for earlier in range(later):
            ratio = _similarity(texts[earlier], texts[later])
            if ratio < SIMILAR_RATIO or _differ_in_numbers(texts[earlier], texts[later]):
                continue
            what = "step" if question.steps else "option"
            lints.append(
                Lint(
                    quiz.path,
                    items[later].line,
                    "similar-options",
                    f"{what} {_quote(items[later].text)} of question '{question.id}' reads "
                    f"almost the same as {_quote(items[earlier].text)} (similarity "
                    f"{ratio:.2f}, limit {SIMILAR_RATIO}); make each {what} differ in what it "
                    f"says, or remove one",
                )
            )
            break
    return lints


def lint_missing_feedback(quiz: Quiz, question: Question) -> list[Lint]:
    lints = []
    items: tuple[Choice | Step, ...] = question.steps or question.choices
    for item in items:
        words = _WORD.findall(_VERDICT.sub("", to_plain(item.feedback)).lower())
        if len(words) >= FEEDBACK_MIN_WORDS:
            continue
        what = (
            "step" if question.steps else ("answer" if question.type == "true-false" else "option")
        )
        lints.append(
            Lint(
                quiz.path,
                item.line,
                "missing-feedback",
                f"{what} {_quote(item.text)} of question '{question.id}' has no feedback "
                f"beyond a verdict; say in a full sentence why it is right or wrong",
            )
        )
    return lints


def lint_hint_gives_away(quiz: Quiz, question: Question) -> list[Lint]:
    if not question.hint:
        return []
    hint_words = _content_words(question.hint)
    items: tuple[Choice | Step, ...] = question.steps or _scored(question)
    for item in items:
        shared = sorted(hint_words & _content_words(item.text))
        if not shared:
            continue
        what = "step" if question.steps else "option"
        return [
            Lint(
                quiz.path,
                question.line,
                "hint-gives-away",
                f"the hint of question '{question.id}' repeats "
                f"{', '.join(repr(word) for word in shared)} from {what} {_quote(item.text)}; "
                f"a hint should point to what to recall, not to the answer, so reword it",
            )
        ]
    return []


QUESTION_LINTS = (
    lint_negative_stem,
    lint_all_none_of_above,
    lint_absolute_words,
    lint_few_wrong_options,
    lint_similar_options,
    lint_missing_feedback,
    lint_hint_gives_away,
)


def lint_quiz(quiz: Quiz) -> list[Lint]:
    """Every item-writing lint of one quiz, in file order."""
    lints = lint_longest_key(quiz) + lint_key_position(quiz)
    for question in quiz.questions:
        for check in QUESTION_LINTS:
            lints.extend(check(quiz, question))
    return sorted(lints, key=lambda lint: lint.line)


def lint_quizzes(quizzes: Iterable[Quiz]) -> list[Lint]:
    """Lints of many quizzes, file by file."""
    return [lint for quiz in quizzes for lint in lint_quiz(quiz)]
