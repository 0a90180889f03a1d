"""`python -m cart_quiz check quizzes/`: the build's own quiz validation, without a build.

Takes folders (every quiz file in them) or single files (what pre-commit passes). Checks
schema, types, ids and answers; `learn_more` targets need the site's labels, so only a Sphinx
build checks those."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export.command import add_export_parser, run_export
from .lint import lint_quiz
from .loader import (
    QuizCollection,
    QuizError,
    QuizProblem,
    file_name_problem,
    load_quiz,
    load_quiz_directory,
)


def _load(path: Path) -> QuizCollection:
    """A folder's quizzes, or one file's."""
    if path.is_dir():
        return load_quiz_directory(path)
    collection = QuizCollection()
    if not path.is_file():
        collection.problems.append(QuizProblem(path, 1, "no such file or folder"))
        return collection
    try:
        quiz = load_quiz(path)
    except QuizError as error:
        collection.problems.extend(error.problems)
        return collection
    misnamed = file_name_problem(quiz)
    if misnamed is not None:
        collection.problems.append(misnamed)
    else:
        collection.quizzes[quiz.id] = quiz
    return collection


def check(paths: list[Path]) -> tuple[int, list[QuizProblem]]:
    """How many quiz files were read, and every problem and item-writing lint found in them
    (lints say `[quiz.<code>]`, as the build does)."""
    problems: list[QuizProblem] = []
    seen: dict[str, Path] = {}
    files = 0
    for path in paths:
        collection = _load(path)
        files += len(collection.quizzes) + len({p.path for p in collection.problems})
        problems.extend(collection.problems)
        for quiz_id, quiz in collection.quizzes.items():
            problems.extend(
                QuizProblem(lint.path, lint.line, f"{lint.message} [quiz.{lint.code}]")
                for lint in lint_quiz(quiz)
            )
            if quiz_id in seen:
                problems.append(
                    QuizProblem(
                        quiz.path,
                        quiz.line,
                        f"duplicate quiz id '{quiz_id}', already used by {seen[quiz_id]}",
                    )
                )
            seen.setdefault(quiz_id, quiz.path)
    return files, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cart_quiz",
        description="Validate quiz YAML files, or export them for learning systems.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate quiz files, given one by one or as folders"
    )
    check_parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    add_export_parser(commands)
    arguments = parser.parse_args(argv)
    if arguments.command == "export":
        return run_export(arguments)
    count, problems = check(arguments.paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in quiz files", file=sys.stderr)
        return 1
    print(f"{count} quiz file(s) OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
