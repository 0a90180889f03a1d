"""Shared by the loader's property tests: what any input must give."""

from __future__ import annotations

import re
from pathlib import Path

from cart_quiz.loader import QuizError, parse_quiz

#: What must never be in a message: controls, surrogates, line and paragraph separators,
#: bidirectional controls.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Line breaks as YAML counts them.
YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def assert_quiz_or_located_problems(text: str) -> None:
    """A Quiz, or QuizError whose problems are on lines of the file, each one line of
    printable text; never another exception."""
    try:
        parse_quiz(text, Path("sample.yaml"))
    except QuizError as error:
        last = len(YAML_BREAKS.split(text))
        assert error.problems
        for problem in error.problems:
            assert 1 <= problem.line <= last, (problem, last)
            assert problem.message and not UNPRINTABLE.search(problem.message), problem
            assert "\n" not in str(problem)
