"""Read quiz YAML into the model, reporting every mistake as `file:line: what and how to fix`.

The public API of the loader; the work is split by job:

- `yaml_source`: YAML text -> plain values with lines (no aliases, no duplicate keys, one
  document, numbers only in plain digits, no control characters in text);
- `schema`: the shipped JSON Schema, the format's one key table, checked with `jsonschema`;
- `rules`: what the schema cannot say (answers, ids, distinct options, the quiz-text profile);
- `places`: how messages name a place ("option 2 of question 'crs-signs'");
- `report`: `QuizProblem` and `QuizError`, each problem printed on one line;
- here: the model built from a valid file, and the rules between files of a folder (each id
  equals its file name and is used once).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Choice, Question, Quiz, Step
from .places import where
from .report import QuizError, QuizProblem, display_path
from .rules import rule_problems
from .schema import schema_problems
from .yaml_source import Document, SourceError, read

__all__ = [
    "QUIZ_FILE_SUFFIXES",
    "QuizCollection",
    "QuizError",
    "QuizProblem",
    "display_path",
    "file_name_problem",
    "load_quiz",
    "load_quiz_directory",
    "parse_quiz",
    "quiz_files",
]

QUIZ_FILE_SUFFIXES = (".yaml", ".yml")
DEFAULT_STAGE = "deciding"


def _choices(document: Document, path: tuple, question: dict) -> tuple[Choice, ...]:
    if question["type"] == "true-false":
        answer = question["answer"]
        return (
            Choice(
                "True",
                question["feedback_true"],
                document.lines[(*path, "feedback_true")],
                correct=answer,
            ),
            Choice(
                "False",
                question["feedback_false"],
                document.lines[(*path, "feedback_false")],
                correct=not answer,
            ),
        )
    return tuple(
        Choice(
            option["text"],
            option["feedback"],
            document.lines[(*path, "options", index)],
            correct=option.get("correct", False),
            unsure=option.get("unsure", False),
        )
        for index, option in enumerate(question.get("options", ()))
    )


def _question(document: Document, index: int, question: dict, quiz_stage: str) -> Question:
    path = ("questions", index)
    return Question(
        id=question["id"],
        type=question["type"],
        prompt=question["prompt"],
        explanation=question["explanation"],
        learn_more=question["learn_more"],
        line=document.lines[path],
        learn_more_line=document.lines[(*path, "learn_more")],
        stage=question.get("stage", quiz_stage),
        choices=_choices(document, path, question) if question["type"] != "ordering" else (),
        steps=tuple(
            Step(step["text"], step["feedback"], document.lines[(*path, "steps", number)])
            for number, step in enumerate(question.get("steps", ()))
        ),
        hint=question.get("hint"),
        ask_your_team=question.get("ask_your_team"),
    )


def _quiz(document: Document, path: Path) -> Quiz:
    """The model of a document that passed every check."""
    data = document.value
    stage = data.get("stage", DEFAULT_STAGE)
    return Quiz(
        id=data["id"],
        title=data["title"],
        category=data["category"],
        tier=data["tier"],
        minutes=data["minutes"],
        stage=stage,
        objectives=tuple(data["objectives"]),
        questions=tuple(
            _question(document, index, question, stage)
            for index, question in enumerate(data["questions"])
        ),
        path=path,
        line=document.lines[()],
    )


def parse_quiz(text: str, path: Path) -> Quiz:
    """Turn the text of one quiz file into a Quiz, or raise QuizError listing every problem."""
    try:
        document = read(text)
    except SourceError as error:
        raise QuizError([QuizProblem(path, error.line, error.message)]) from None
    if document.value is None and document.sources.get((), "") in ("", "~", "null"):
        raise QuizError(
            [
                QuizProblem(
                    path,
                    1,
                    "the file is empty; a quiz needs schema_version, id, title, category, "
                    "tier, minutes, objectives and questions",
                )
            ]
        )
    found: dict[tuple[int, str], None] = {}
    for flaw in document.flaws:
        place = where(document.value, flaw.path)
        found[(flaw.line, flaw.template.format(field=place, where=place, **flaw.args))] = None
    found.update(dict.fromkeys(schema_problems(document)))
    found.update(dict.fromkeys(rule_problems(document)))
    if found:
        problems = [QuizProblem(path, line, message) for line, message in found]
        raise QuizError(sorted(problems, key=lambda problem: problem.line))
    return _quiz(document, path)


def load_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problem = QuizProblem(path, 1, "the file is not UTF-8 text; save it as UTF-8")
        raise QuizError([problem]) from None
    except OSError as error:
        problem = QuizProblem(path, 1, f"cannot read the file: {error.strerror}")
        raise QuizError([problem]) from None
    return parse_quiz(text, path)


@dataclass
class QuizCollection:
    """Every quiz in a directory by id, plus the problems of the files that failed."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    problems: list[QuizProblem] = field(default_factory=list)
    broken_ids: dict[str, Path] = field(default_factory=dict)


def quiz_files(directory: Path) -> list[str]:
    """Every quiz file under `directory`, in `Path` order (folder by folder), as strings: a
    build lists them all, and at 1,000 quizzes making and sorting `Path` objects was most of
    that. Like `Path.rglob`, a folder that is a symbolic link is not entered, and one that
    cannot be read is passed over."""
    found: list[str] = []
    folders = [str(directory)]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except PermissionError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file() and _suffix(entry.name) in QUIZ_FILE_SUFFIXES:
                    found.append(entry.path)
    return sorted(found, key=lambda name: name.split(os.sep))  # noqa: PTH206 (no Path here)


def _suffix(name: str) -> str:
    """`Path(name).suffix`, without making a `Path`."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _id_line(quiz: Quiz) -> int:
    """The line of the quiz's top-level `id:` key (the quiz's first line if not found)."""
    try:
        lines = quiz.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return quiz.line
    pattern = re.compile(r"""^["']?id["']?\s*:""")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), quiz.line)


def file_name_problem(quiz: Quiz) -> QuizProblem | None:
    """The problem when a quiz's id is not its file name (`crs-signs.yaml` holds
    `id: crs-signs`), which is what keeps ids unique in a folder and `{quiz} <id>` findable."""
    if quiz.id == quiz.path.stem:
        return None
    return QuizProblem(
        quiz.path,
        _id_line(quiz),
        f"the quiz id {quiz.id!r} differs from the file name {quiz.path.name!r}; rename the "
        f"file to {quiz.id}{quiz.path.suffix} or change the id to {quiz.path.stem!r}",
    )


def load_quiz_directory(
    directory: Path, load=load_quiz, files: list[str] | None = None
) -> QuizCollection:
    """Load every quiz file under `directory` (`files`, when the caller has just listed them).
    A quiz's id must equal its file name, and two files with the same id are both reported
    and neither published."""
    collection = QuizCollection()
    if not directory.is_dir():
        collection.problems.append(
            QuizProblem(
                directory,
                0,
                "the quiz directory does not exist; create it or set quiz_directory in conf.py",
            )
        )
        return collection
    by_id: dict[str, list[Quiz]] = {}
    for name in quiz_files(directory) if files is None else files:
        path = Path(name)
        try:
            quiz = load(path)
        except QuizError as error:
            collection.problems.extend(error.problems)
            collection.broken_ids[path.stem] = path
            continue
        misnamed = file_name_problem(quiz)
        if misnamed is not None:
            collection.problems.append(misnamed)
            collection.broken_ids[path.stem] = path
            collection.broken_ids.setdefault(quiz.id, path)
            continue
        by_id.setdefault(quiz.id, []).append(quiz)
    for quiz_id, found in by_id.items():
        if len(found) == 1:
            collection.quizzes[quiz_id] = found[0]
            continue
        for quiz in found:
            others = ", ".join(display_path(other.path) for other in found if other is not quiz)
            collection.problems.append(
                QuizProblem(
                    quiz.path,
                    quiz.line,
                    f"duplicate quiz id {quiz_id!r}, also used by {others}; give each quiz its "
                    "own id and file name (neither file is published until then)",
                )
            )
        collection.broken_ids[quiz_id] = found[0].path
    for quiz_id in collection.quizzes:
        collection.broken_ids.pop(quiz_id, None)
    return collection
