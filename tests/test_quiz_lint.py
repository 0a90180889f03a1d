"""Authoring lints: each one fires on a minimal flawed quiz (with its line and exact message),
stays quiet on the fixed version, passes every site quiz and fails the quizzes they replaced."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from cart_quiz.lint import (
    LINT_CODES,
    Lint,
    lint_quiz,
)
from cart_quiz.loader import load_quiz, parse_quiz, quiz_files
from cart_quiz.text import to_plain

REPO = Path(__file__).resolve().parent.parent
SITE_QUIZZES = REPO / "quizzes"
#: The nine quizzes as they were before issue 16 (commit 329159c), kept as a frozen sample of
#: the flaws the lints exist to catch.
ORIGINAL_QUIZZES = Path(__file__).parent / "lint_fixtures" / "original"
PATH = Path("lint-case.yaml")

HEADER = """\
schema_version: 1
id: lint-case
title: Lint case
category: {category}
tier: simple
minutes: 2
objectives:
  - Check one lint.
questions:
"""


def quiz_text(questions: str, category: str = "risks") -> str:
    return HEADER.format(category=category) + textwrap.indent(textwrap.dedent(questions), "  ")


def lints_of(text: str, code: str) -> list[tuple[int, str]]:
    quiz = parse_quiz(text, PATH)
    return [(lint.line, lint.message) for lint in lint_quiz(quiz) if lint.code == code]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def single(qid: str, key: str, *wrong: str, prompt: str = "What should you do?", key_at=0) -> str:
    """A single-choice question; the key is option `key_at` (0 = first)."""
    options = [
        f"    - text: {text}\n      feedback: Not quite, and here is why.\n" for text in wrong
    ]
    right = f"    - text: {key}\n      correct: true\n      feedback: Right, and here is why.\n"
    options.insert(key_at, right)
    return (
        f"- id: {qid}\n  type: single\n  prompt: {prompt}\n  options:\n{''.join(options)}"
        f"  explanation: Why the answer is right.\n  learn_more: report-now\n"
    )


# --- longest-key -----------------------------------------------------------------------------


def test_longest_key_fires_when_the_key_is_longest_in_most_single_questions():
    text = quiz_text(
        single("fever", "Call your team right away", "Wait a day", "Rest at home")
        + single("night", "Use the day-and-night number", "Wait for morning", "Send a message")
        + single("card", "Show it", "Hide it", "Leave it at home")
    )
    assert lints_of(text, "longest-key") == [
        (
            line_of(text, "Call your team right away"),
            "the correct option is the longest in 2 of 3 single-choice questions (fever, "
            "night); a reader who picks the longest option passes without reading, so shorten "
            "the key or give distractors the same detail until it is the longest in at most "
            "half of them",
        )
    ]


def test_longest_key_allows_it_in_half_of_the_questions_and_ignores_not_sure():
    text = quiz_text(
        single("fever", "Call your team right away", "Wait a day", "Rest at home")
        + single("card", "Show it", "Hide it", "Leave it at home")
        + textwrap.dedent(
            """\
        - id: night
          type: single
          prompt: Whom do you call?
          options:
            - text: Your team
              correct: true
              feedback: Right, and here is why.
            - text: Nobody yet
              feedback: Not quite, and here is why.
            - text: I'm not sure
              unsure: true
              feedback: That is fine, ask your team.
          explanation: Why the answer is right.
          learn_more: report-now
        """
        ),
        category="care-team",
    )
    # "I'm not sure" is longer than the key, but it is never a distractor.
    assert lints_of(text, "longest-key") == []
    text = quiz_text(
        single("fever", "Call your team right away", "Wait a day", "Rest at home")
        + single("card", "Show it", "Hide it", "Leave it at home")
    )
    assert lints_of(text, "longest-key") == []


# --- key-position --------------------------------------------------------------------------


def test_key_position_fires_when_the_first_option_is_right_in_most_questions():
    text = quiz_text(
        single("fever", "Call your team", "Wait a day", "Rest at home")
        + single("night", "Call now", "Wait for morning", "Send a message")
        + single("card", "Show it", "Hide it", "Leave it at home", key_at=2)
    )
    assert lints_of(text, "key-position") == [
        (
            line_of(text, "Call your team"),
            "the first option is a correct one in 2 of 3 choice questions (fever, night); "
            "options are shown in file order, so readers learn to pick the first one: move keys "
            "(and, in multiple-select, a wrong option) to other places until the first option "
            "is right in at most half",
        )
    ]


def test_key_position_allows_keys_spread_over_the_places():
    text = quiz_text(
        single("fever", "Call your team", "Wait a day", "Rest at home")
        + single("night", "Call now", "Wait for morning", "Send a message", key_at=1)
        + single("card", "Show it", "Hide it", "Leave it at home", key_at=2)
    )
    assert lints_of(text, "key-position") == []


# --- absolute-word ---------------------------------------------------------------------------


def test_absolute_word_in_a_wrong_option_fires():
    text = quiz_text(single("fever", "Call your team", "Never call at night", "Wait a day"))
    assert lints_of(text, "absolute-word") == [
        (
            line_of(text, "Never call at night"),
            "wrong option 'Never call at night' of question 'fever' says 'never'; test-wise "
            "readers rule out options with absolute words, so make it wrong for a reason the "
            "reader must know",
        )
    ]


def test_absolute_word_in_the_key_is_allowed():
    text = quiz_text(single("fever", "Call at any hour", "Wait for morning", "Wait a day"))
    assert lints_of(text, "absolute-word") == []


def test_absolute_word_in_a_false_statement_fires_and_in_a_true_one_does_not():
    statement = """\
    - id: notice
      type: true-false
      prompt: You will always notice signs of ICANS yourself.
      answer: {answer}
      feedback_true: That is the feedback for True, with a reason.
      feedback_false: That is the feedback for False, with a reason.
      explanation: A caregiver may notice first.
      learn_more: risks-icans
    """
    false_text = quiz_text(statement.format(answer="false"))
    assert lints_of(false_text, "absolute-word") == [
        (
            line_of(false_text, "id: notice"),
            "the false statement of question 'notice' says 'always'; absolute words give a "
            "false statement away, so make it false for a reason the reader must know",
        )
    ]
    assert lints_of(quiz_text(statement.format(answer="true")), "absolute-word") == []


# --- all-none-of-above -----------------------------------------------------------------------


def test_none_of_the_above_fires():
    text = quiz_text(single("fever", "Call your team", "Wait a day", "None of the above"))
    assert lints_of(text, "all-none-of-above") == [
        (
            line_of(text, "None of the above"),
            "option 'None of the above' of question 'fever' is an \"all/none of the above\" "
            "option; it tests reading the other options, not the topic, so replace it with a "
            "real answer",
        )
    ]


def test_a_real_answer_mentioning_above_is_allowed():
    text = quiz_text(single("fever", "Call at 38 °C or above", "Wait a day", "Rest at home"))
    assert lints_of(text, "all-none-of-above") == []


# --- negative-stem ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "found"),
    [
        ("Which of these is NOT a sign of CRS?", "NOT"),
        ("All of these are signs of CRS EXCEPT which one?", "EXCEPT"),
        ("Which sign does not need a call?", "Which sign does not"),
    ],
)
def test_negative_stem_fires(prompt, found):
    text = quiz_text(single("signs", "A rash", "A fever", "Chills", prompt=prompt))
    [(line, message)] = lints_of(text, "negative-stem")
    assert line == line_of(text, "id: signs")
    assert message == (
        f"the prompt of question 'signs' is negative ({found!r}); readers miss the negation "
        f"and learn the wrong fact, so ask for what is true or what to do"
    )


def test_positive_stem_and_a_why_question_are_allowed():
    for prompt in ("Which of these is a sign of CRS?", "Why should you not drive yet?"):
        text = quiz_text(single("signs", "A fever", "A rash", "Hair loss", prompt=prompt))
        assert lints_of(text, "negative-stem") == []


# --- few-wrong-options -----------------------------------------------------------------------

MULTIPLE = """\
- id: call-now
  type: multiple
  prompt: Which of these mean you call right away? Pick all that apply.
  options:
    - text: A fever
      correct: true
      feedback: Yes, a fever can be the first sign of CRS.
    - text: New confusion
      correct: true
      feedback: Yes, confusion can be a sign of ICANS.
    - text: Mild tiredness after a walk
      feedback: Not on its own, tiredness is common.
{extra}    - text: I'm not sure
      unsure: true
      feedback: That is fine, ask your team.
  explanation: Call right away for a fever or confusion.
  learn_more: report-now-list
"""


def test_multiple_select_with_one_wrong_option_fires_and_not_sure_does_not_count():
    text = quiz_text(MULTIPLE.format(extra=""), category="care-team")
    assert lints_of(text, "few-wrong-options") == [
        (
            line_of(text, "id: call-now"),
            "multiple-select question 'call-now' has 1 wrong option (\"I'm not sure\" does not "
            "count); picking everything then scores well, so add wrong options until there are "
            "at least 2, each a mistake real readers make",
        )
    ]


def test_multiple_select_with_two_wrong_options_is_allowed():
    extra = (
        "    - text: A slightly smaller appetite\n      feedback: Not on its own, tell your team.\n"
    )
    text = quiz_text(MULTIPLE.format(extra=extra), category="care-team")
    assert lints_of(text, "few-wrong-options") == []


# --- similar-options -------------------------------------------------------------------------


def test_near_identical_options_fire():
    text = quiz_text(
        single("fever", "Call your team right away", "Call your team right away.", "Wait a day")
    )
    assert lints_of(text, "similar-options") == [
        (
            line_of(text, "Call your team right away."),
            "option 'Call your team right away.' of question 'fever' reads almost the same as "
            "'Call your team right away' (similarity 1.00, limit 0.85); make each option differ "
            "in what it says, or remove one",
        )
    ]


def test_options_that_differ_in_a_number_or_in_meaning_are_allowed():
    text = quiz_text(
        single("stay", "At least 2 weeks", "At least 4 weeks", "At least 8 weeks")
        + single("who", "Call your team", "Call your pharmacy", "Wait a day")
    )
    assert lints_of(text, "similar-options") == []


def test_near_identical_steps_fire():
    text = quiz_text(
        """\
        - id: order
          type: ordering
          prompt: Put these in order.
          steps:
            - text: Your cells are collected.
              feedback: This comes first, because the lab needs them.
            - text: Your cells are collected again.
              feedback: This comes second, for a second batch.
          explanation: Collection comes first.
          learn_more: journey-collection
        """
    )
    [(line, message)] = lints_of(text, "similar-options")
    assert line == line_of(text, "collected again")
    assert message.startswith("step 'Your cells are collected again.' of question 'order'")


# --- missing-feedback ------------------------------------------------------------------------


def test_a_bare_verdict_is_missing_feedback_for_options_and_true_false():
    text = quiz_text(
        """\
        - id: fever
          type: single
          prompt: What should you do?
          options:
            - text: Call your team
              correct: true
              feedback: Right, a fever can be the first sign of CRS.
            - text: Wait a day
              feedback: No.
          explanation: Call right away.
          learn_more: report-now
        - id: card
          type: true-false
          prompt: Show your wallet card at the emergency department.
          answer: true
          feedback_true: Right. It tells them about your CAR T-cell therapy.
          feedback_false: Not quite!
          explanation: The card tells them about your treatment.
          learn_more: report-now-who-to-call
        """
    )
    assert lints_of(text, "missing-feedback") == [
        (
            line_of(text, "Wait a day"),
            "option 'Wait a day' of question 'fever' has no feedback beyond a verdict; say in a "
            "full sentence why it is right or wrong",
        ),
        (
            line_of(text, "feedback_false"),
            "answer 'False' of question 'card' has no feedback beyond a verdict; say in a full "
            "sentence why it is right or wrong",
        ),
    ]


def test_feedback_that_explains_is_enough_and_an_empty_one_in_the_model_is_caught():
    text = quiz_text(single("fever", "Call your team", "Wait a day", "Rest at home"))
    assert lints_of(text, "missing-feedback") == []
    # The loader rejects empty feedback; a model built in code is checked all the same.
    quiz = parse_quiz(text, PATH)
    question = quiz.questions[0]
    emptied = replace(question.choices[1], feedback="")
    question = replace(question, choices=(question.choices[0], emptied, *question.choices[2:]))
    quiz = replace(quiz, questions=(question,))
    assert [(lint.line, lint.code) for lint in lint_quiz(quiz)] == [
        (emptied.line, "missing-feedback")
    ]


# --- hint-gives-away -------------------------------------------------------------------------


def test_a_hint_that_repeats_an_option_word_fires():
    question = single("which", "Myeloma", "Breast cancer", "Lung cancer")
    question = question.replace("  options:", "  hint: Think of blood cancers.\n  options:")
    text = quiz_text(question)
    assert lints_of(text, "hint-gives-away") == [
        (
            line_of(text, "id: which"),
            "the hint of question 'which' repeats 'cancer' from option 'Breast cancer'; a hint "
            "should point to what to recall, not to the answer, so reword it",
        )
    ]


def test_a_hint_with_its_own_words_is_allowed():
    question = single("stay", "At least 2 weeks", "At least 4 weeks", "One night")
    question = question.replace("  options:", "  hint: The rule changed in June 2025.\n  options:")
    assert lints_of(quiz_text(question), "hint-gives-away") == []


# --- the whole set ---------------------------------------------------------------------------


def test_every_code_is_documented_and_a_lint_prints_file_line_message_and_code():
    assert set(LINT_CODES) == {
        "longest-key",
        "key-position",
        "absolute-word",
        "all-none-of-above",
        "negative-stem",
        "few-wrong-options",
        "similar-options",
        "missing-feedback",
        "hint-gives-away",
    }
    lint = Lint(Path("quizzes/a.yaml"), 12, "longest-key", "the key is the longest")
    assert str(lint) == "quizzes/a.yaml:12: the key is the longest [quiz.longest-key]"


def test_plain_text_unwraps_markup_before_measuring():
    assert to_plain("A {term}`fever <fever (CRS)>` is **often** *first*") == (
        "A fever is often first"
    )


def test_every_site_quiz_passes_every_lint():
    lints = [lint for name in quiz_files(SITE_QUIZZES) for lint in lint_quiz(load_quiz(Path(name)))]
    assert [str(lint) for lint in lints] == []


def test_the_original_quizzes_trip_the_lints():
    """Every one of the nine quizzes issue 16 replaced fails; the counts are the baseline."""
    paths = [Path(name) for name in quiz_files(ORIGINAL_QUIZZES)]
    assert len(paths) == 9
    per_quiz = {path.stem: lint_quiz(load_quiz(path)) for path in paths}
    assert all(per_quiz.values()), [name for name, lints in per_quiz.items() if not lints]
    codes = Counter(lint.code for lints in per_quiz.values() for lint in lints)
    assert codes == {
        "key-position": 9,
        "absolute-word": 28,
        "longest-key": 8,
        "few-wrong-options": 7,
        "hint-gives-away": 4,
        "all-none-of-above": 1,
    }
