"""`python -m cart_quiz export quizzes/ --out DIR`: write every export without building the
site (what `nox -s export` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loader import load_quiz_directory
from ..model import Quiz
from .files import CANNOT_CARRY, FORMAT_NAMES, FORMATS, write_exports

DEFAULT_OUT = Path("_build/export")


def add_export_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="export every quiz to QTI 1.2 (Canvas), Moodle XML, GIFT and H5P"
    )
    parser.add_argument("folders", nargs="+", type=Path, help="folders of quiz YAML files")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"where to write (default {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="only this format (repeat for several; default: all)",
    )


def run_export(arguments: argparse.Namespace) -> int:
    """Export, or report every quiz problem and write nothing."""
    quizzes: dict[str, Quiz] = {}
    problems = []
    for folder in arguments.folders:
        collection = load_quiz_directory(folder)
        problems.extend(str(problem) for problem in collection.problems)
        for quiz_id, quiz in collection.quizzes.items():
            if quiz_id in quizzes:
                problems.append(f"{quiz.path}:{quiz.line}: duplicate quiz id '{quiz_id}'")
            quizzes.setdefault(quiz_id, quiz)
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        sys.stderr.write(f"{len(problems)} problem(s) in quiz files; nothing exported\n")
        return 1
    formats = arguments.formats or list(FORMATS)
    written = write_exports(list(quizzes.values()), arguments.out, formats)
    sys.stdout.write(
        f"{len(quizzes)} quiz(zes) exported to {arguments.out} ({len(written)} files)\n"
    )
    for format_name in formats:
        sys.stdout.write(f"{FORMAT_NAMES[format_name]}: {CANNOT_CARRY[format_name]}\n")
    return 0
