"""A located problem in a quiz file, printed as one `file:line: message` line."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Characters that would break the one-problem-one-line output, or hide what a message says:
#: C0 and C1 controls, lone surrogates, line and paragraph separators, bidirectional controls.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """`text` with every character that could split or reorder a line written as an escape."""
    return _UNPRINTABLE.sub(lambda match: ascii(match[0])[1:-1], text)


def display_path(path: Path) -> str:
    """A path as a reader typed it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class QuizProblem:
    """One mistake in a quiz file, located so an editor can jump to it."""

    path: Path
    line: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{one_line(str(self.path))}:{self.line}: {self.message}"


@dataclass
class QuizError(Exception):
    """A quiz file could not be loaded; `problems` lists every mistake found in it."""

    problems: list[QuizProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
