"""`python -m cart_quiz check quizzes/`: the build's own quiz validation, without a build.

Checks schema, types, ids and answers; `learn_more` targets need the site's labels, so only a
Sphinx build checks those."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export.command import add_export_parser, run_export
from .loader import QuizProblem, load_quiz_directory


def check(paths: list[Path]) -> list[QuizProblem]:
    problems: list[QuizProblem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        collection = load_quiz_directory(path)
        problems.extend(collection.problems)
        for quiz_id, quiz in collection.quizzes.items():
            if quiz_id in seen:
                problems.append(
                    QuizProblem(
                        quiz.path,
                        quiz.line,
                        f"duplicate quiz id '{quiz_id}', already used by {seen[quiz_id]}",
                    )
                )
            seen.setdefault(quiz_id, quiz.path)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cart_quiz",
        description="Validate quiz YAML files, or export them for learning systems.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate every quiz file in folders")
    check_parser.add_argument("folders", nargs="+", type=Path)
    add_export_parser(commands)
    arguments = parser.parse_args(argv)
    if arguments.command == "export":
        return run_export(arguments)
    problems = check(arguments.folders)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(len(list(p.rglob("*.y*ml"))) for p in arguments.folders if p.is_dir())
    if problems:
        print(f"{len(problems)} problem(s) in quiz files", file=sys.stderr)
        return 1
    print(f"{count} quiz file(s) OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
