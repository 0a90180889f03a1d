"""Read quiz YAML into the model, reporting every mistake as `file:line: what and how to fix`.

PyYAML's composer gives each node its line; walking the nodes ourselves (instead of letting
PyYAML build dicts) is what lets us reject duplicate keys, which `yaml.safe_load` silently
accepts, and point at the exact line of any other mistake.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import (
    CATEGORIES,
    QUESTION_TYPES,
    SCHEMA_VERSION,
    STAGES,
    TIERS,
    Choice,
    Question,
    Quiz,
    Step,
)

QUIZ_FILE_SUFFIXES = (".yaml", ".yml")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNSURE_CATEGORY = "care-team"

QUIZ_KEYS = {
    "schema_version",
    "id",
    "title",
    "category",
    "tier",
    "minutes",
    "objectives",
    "questions",
}
QUIZ_OPTIONAL_KEYS = {"stage"}
QUESTION_KEYS = {"id", "type", "prompt", "explanation", "learn_more"}
QUESTION_OPTIONAL_KEYS = {
    "hint",
    "ask_your_team",
    "stage",
    "options",
    "steps",
    "answer",
    "feedback_true",
    "feedback_false",
}
TYPE_KEYS = {
    "single": {"options"},
    "multiple": {"options"},
    "true-false": {"answer", "feedback_true", "feedback_false"},
    "ordering": {"steps"},
}
OPTION_KEYS = {"text", "feedback"}
OPTION_OPTIONAL_KEYS = {"correct", "unsure"}
STEP_KEYS = {"text", "feedback"}

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"


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

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class QuizError(Exception):
    """A quiz file could not be loaded; `problems` lists every mistake found in it."""

    problems: list[QuizProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class _QuizYamlLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases: they can expand a small file into a huge one."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed in quiz files; "
                "write the text out in full",
                mark,
            )
        return super().compose_node(parent, index)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {
        _BOOL: f"the true/false value {node.value!r}",
        _INT: f"the number {node.value}",
        _NULL: "nothing (an empty value)",
    }.get(node.tag, f"{node.value!r}")


class _Entries(dict):
    """The entries of a YAML mapping, remembering the line of each key."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


class _Reader:
    """Walks the composed YAML of one file and collects every problem with its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[QuizProblem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(QuizProblem(self.path, line, message))

    def mapping(
        self, node: yaml.Node, where: str, required: set[str], optional: set[str]
    ) -> _Entries | None:
        """Check keys: duplicates, unknown keys (with a suggestion), missing keys."""
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                line,
                f"{where} should be a mapping of `key: value` lines, "
                f"but YAML read {_describe(node)}; check the indentation",
            )
            return None
        entries = _Entries()
        allowed = required | optional
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = str(key_node.value)
            if key in entries:
                self.problem(
                    key_line,
                    f"duplicate key '{key}' in {where} (first at line "
                    f"{entries.lines[key]}); remove one of them",
                )
                continue
            if key not in allowed:
                guess = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else "remove it"
                self.problem(
                    key_line,
                    f"unknown key '{key}' in {where}; {hint} "
                    f"(allowed: {', '.join(sorted(allowed))})",
                )
                continue
            entries[key] = value_node
            entries.lines[key] = key_line
        for key in sorted(required - entries.keys()):
            self.problem(line, f"{where} is missing '{key}'; add `{key}:` to it")
        return entries

    def text(self, entries: dict[str, yaml.Node], key: str, where: str) -> str | None:
        node = entries.get(key)
        if node is None:
            return None
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_STR, _INT):
            quote = " (put the text in quotes)" if node.tag in (_BOOL, _NULL) else ""
            self.problem(
                line, f"'{key}' in {where} should be text, but YAML read {_describe(node)}{quote}"
            )
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(line, f"'{key}' in {where} is empty; write the text")
            return None
        if "\x00" in value:
            self.problem(line, f"'{key}' in {where} contains a NUL character; remove it")
            return None
        return value

    def boolean(self, entries: dict[str, yaml.Node], key: str, where: str) -> bool | None:
        node = entries.get(key)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on")
        self.problem(
            node.start_mark.line + 1,
            f"'{key}' in {where} should be true or false, but YAML read {_describe(node)}",
        )
        return None

    def identifier(self, entries: dict[str, yaml.Node], key: str, where: str) -> str | None:
        value = self.text(entries, key, where)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(
                entries[key].start_mark.line + 1,
                f"'{key}' in {where} is {value!r}; use lowercase letters, digits and "
                f"single hyphens only, for example 'crs-signs'",
            )
            return None
        return value

    def one_of(
        self, entries: dict[str, yaml.Node], key: str, where: str, allowed: tuple[str, ...]
    ) -> str | None:
        value = self.text(entries, key, where)
        if value is not None and value not in allowed:
            guess = difflib.get_close_matches(value, allowed, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            self.problem(
                entries[key].start_mark.line + 1,
                f"'{key}' in {where} is {value!r}; {hint}use one of: {', '.join(allowed)}",
            )
            return None
        return value

    def sequence(
        self, entries: dict[str, yaml.Node], key: str, where: str
    ) -> list[yaml.Node] | None:
        node = entries.get(key)
        if node is None:
            return None
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            problem = (
                "is empty"
                if isinstance(node, yaml.SequenceNode)
                else (f"should be a list of `- ` items, but YAML read {_describe(node)}")
            )
            line = (
                entries.lines[key] if isinstance(entries, _Entries) else (node.start_mark.line + 1)
            )
            self.problem(line, f"'{key}' in {where} {problem}; add at least one `- ` item")
            return None
        return list(node.value)


def _read_choices(
    reader: _Reader,
    entries: dict[str, yaml.Node],
    where: str,
    qtype: str,
    category: str | None,
    line: int,
) -> tuple[Choice, ...] | None:
    """Options of a single- or multiple-choice question, with the correctness rules."""
    items = reader.sequence(entries, "options", where)
    if items is None:
        return None
    choices: list[Choice] = []
    complete = True
    for number, item in enumerate(items, start=1):
        option_where = f"option {number} of {where}"
        option = reader.mapping(item, option_where, OPTION_KEYS, OPTION_OPTIONAL_KEYS)
        if option is None:
            complete = False
            continue
        text = reader.text(option, "text", option_where)
        feedback = reader.text(option, "feedback", option_where)
        correct = reader.boolean(option, "correct", option_where) or False
        unsure = reader.boolean(option, "unsure", option_where) or False
        option_line = item.start_mark.line + 1
        if unsure and correct:
            reader.problem(
                option_line,
                f"{option_where} is marked both `unsure` and `correct`;"
                f' an "I\'m not sure" option is never the answer',
            )
        if unsure and category != UNSURE_CATEGORY:
            reader.problem(
                option_line,
                f'{option_where} is an "I\'m not sure" option, which '
                f"only care-team quizzes may offer; remove `unsure`",
            )
        if text is None or feedback is None:
            complete = False
            continue
        choices.append(Choice(text, feedback, option_line, correct=correct, unsure=unsure))
    if not complete:
        return None
    correct_count = sum(choice.correct for choice in choices)
    if len(choices) < 2:
        reader.problem(line, f"{where} has only one option; give at least two")
        return None
    if correct_count == 0:
        reader.problem(
            line, f"{where} has no correct answer; add `correct: true` to the right option"
        )
        return None
    if qtype == "single" and correct_count > 1:
        reader.problem(
            line,
            f"{where} is single choice but has {correct_count} correct "
            f"options; keep one `correct: true`, or use `type: multiple`",
        )
        return None
    return tuple(choices)


def _read_true_false(
    reader: _Reader, entries: dict[str, yaml.Node], where: str
) -> tuple[Choice, ...] | None:
    answer = reader.boolean(entries, "answer", where)
    if_true = reader.text(entries, "feedback_true", where)
    if_false = reader.text(entries, "feedback_false", where)
    if answer is None or if_true is None or if_false is None:
        return None
    true_line = entries["feedback_true"].start_mark.line + 1
    false_line = entries["feedback_false"].start_mark.line + 1
    return (
        Choice("True", if_true, true_line, correct=answer),
        Choice("False", if_false, false_line, correct=not answer),
    )


def _read_steps(
    reader: _Reader, entries: dict[str, yaml.Node], where: str, line: int
) -> tuple[Step, ...] | None:
    items = reader.sequence(entries, "steps", where)
    if items is None:
        return None
    steps: list[Step] = []
    for number, item in enumerate(items, start=1):
        step_where = f"step {number} of {where}"
        step = reader.mapping(item, step_where, STEP_KEYS, set())
        if step is None:
            return None
        text = reader.text(step, "text", step_where)
        feedback = reader.text(step, "feedback", step_where)
        if text is None or feedback is None:
            return None
        steps.append(Step(text, feedback, item.start_mark.line + 1))
    if len(steps) < 2:
        reader.problem(
            line, f"{where} has fewer than two steps; an ordering question needs at least two"
        )
        return None
    return tuple(steps)


def _read_question(
    reader: _Reader, node: yaml.Node, number: int, category: str | None, quiz_stage: str
) -> Question | None:
    where = f"question {number}"
    if isinstance(node, yaml.MappingNode):
        named = [
            value.value
            for key, value in node.value
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value
        ]
        if named and ID_PATTERN.match(str(named[0])):
            where = f"question '{named[0]}'"
    entries = reader.mapping(node, where, QUESTION_KEYS, QUESTION_OPTIONAL_KEYS)
    if entries is None:
        return None
    line = node.start_mark.line + 1
    question_id = reader.identifier(entries, "id", where)
    qtype = reader.one_of(entries, "type", where, QUESTION_TYPES)
    prompt = reader.text(entries, "prompt", where)
    explanation = reader.text(entries, "explanation", where)
    learn_more = reader.text(entries, "learn_more", where)
    hint = reader.text(entries, "hint", where)
    ask = reader.text(entries, "ask_your_team", where)
    stage = reader.one_of(entries, "stage", where, STAGES) if "stage" in entries else quiz_stage
    if qtype is None:
        return None
    for key in sorted(set(entries) & (set().union(*TYPE_KEYS.values()) - TYPE_KEYS[qtype])):
        reader.problem(
            entries.lines[key],
            f"'{key}' does not belong in {where}, which is `type: {qtype}`; "
            f"{qtype} questions use {', '.join(sorted(TYPE_KEYS[qtype]))}",
        )
    for key in sorted(TYPE_KEYS[qtype] - set(entries)):
        reader.problem(line, f"{where} is `type: {qtype}` but has no '{key}'; add it")
    choices: tuple[Choice, ...] = ()
    steps: tuple[Step, ...] = ()
    if qtype in ("single", "multiple") and "options" in entries:
        choices = _read_choices(reader, entries, where, qtype, category, line) or ()
    elif qtype == "true-false" and TYPE_KEYS[qtype] <= set(entries):
        choices = _read_true_false(reader, entries, where) or ()
    elif qtype == "ordering" and "steps" in entries:
        steps = _read_steps(reader, entries, where, line) or ()
    if not (question_id and prompt and explanation and learn_more and stage) or not (
        choices or steps
    ):
        return None
    return Question(
        id=question_id,
        type=qtype,
        prompt=prompt,
        explanation=explanation,
        learn_more=learn_more,
        line=line,
        learn_more_line=entries["learn_more"].start_mark.line + 1,
        stage=stage,
        choices=choices,
        steps=steps,
        hint=hint,
        ask_your_team=ask,
    )


def _read_quiz(reader: _Reader, root: yaml.Node) -> Quiz | None:
    entries = reader.mapping(root, "the quiz", QUIZ_KEYS, QUIZ_OPTIONAL_KEYS)
    if entries is None:
        return None
    version_node = entries.get("schema_version")
    if version_node is not None and (
        version_node.tag != _INT or int(version_node.value) != SCHEMA_VERSION
    ):
        reader.problem(
            version_node.start_mark.line + 1,
            f"schema_version is {version_node.value!r}; this version of cart_quiz "
            f"reads schema_version {SCHEMA_VERSION}",
        )
    quiz_id = reader.identifier(entries, "id", "the quiz")
    title = reader.text(entries, "title", "the quiz")
    category = reader.one_of(entries, "category", "the quiz", CATEGORIES)
    tier = reader.one_of(entries, "tier", "the quiz", TIERS)
    stage = (
        reader.one_of(entries, "stage", "the quiz", STAGES) if "stage" in entries else ("deciding")
    )
    minutes = None
    minutes_node = entries.get("minutes")
    if minutes_node is not None:
        if minutes_node.tag == _INT and 0 < int(minutes_node.value) <= 240:
            minutes = int(minutes_node.value)
        else:
            reader.problem(
                minutes_node.start_mark.line + 1,
                f"'minutes' is {minutes_node.value!r}; write a whole number of "
                f"minutes from 1 to 240, for example `minutes: 5`",
            )
    objectives: list[str] = []
    for item in reader.sequence(entries, "objectives", "the quiz") or []:
        objective = reader.text({"objective": item}, "objective", "objectives")
        if objective:
            objectives.append(objective)
    questions: list[Question] = []
    first_seen: dict[str, int] = {}
    question_nodes = reader.sequence(entries, "questions", "the quiz") or []
    for number, node in enumerate(question_nodes, start=1):
        question = _read_question(reader, node, number, category, stage or "deciding")
        if question is None:
            continue
        if question.id in first_seen:
            reader.problem(
                question.line,
                f"duplicate question id '{question.id}' (first at "
                f"line {first_seen[question.id]}); give each "
                f"question its own id",
            )
            continue
        first_seen[question.id] = question.line
        questions.append(question)
    if reader.problems or not (quiz_id and title and category and tier and minutes and stage):
        return None
    return Quiz(
        id=quiz_id,
        title=title,
        category=category,
        tier=tier,
        minutes=minutes,
        stage=stage,
        objectives=tuple(objectives),
        questions=tuple(questions),
        path=reader.path,
        line=root.start_mark.line + 1,
    )


def _yaml_problem(path: Path, text: str, error: yaml.YAMLError) -> QuizProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    else:
        line = text.count("\n", 0, getattr(error, "position", 0) or 0) + 1
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{what} ({context})" if context else what
    if what.startswith("anchors and aliases"):
        return QuizProblem(path, line, detail)
    return QuizProblem(
        path,
        line,
        f"YAML syntax error: {detail}; check the indentation, "
        f"and put text containing ': ' or starting with a special "
        f"character in quotes",
    )


def parse_quiz(text: str, path: Path) -> Quiz:
    """Turn the text of one quiz file into a Quiz, or raise QuizError listing every problem."""
    try:
        root = yaml.compose(text, Loader=_QuizYamlLoader)
    except yaml.YAMLError as error:
        raise QuizError([_yaml_problem(path, text, error)]) from None
    except RecursionError:
        raise QuizError(
            [QuizProblem(path, 1, "the YAML is nested too deeply to be a quiz")]
        ) from None
    if root is None:
        raise QuizError(
            [
                QuizProblem(
                    path,
                    1,
                    "the file is empty; a quiz needs schema_version, "
                    "id, title, category, tier, minutes, objectives "
                    "and questions",
                )
            ]
        )
    reader = _Reader(path)
    quiz = _read_quiz(reader, root)
    if quiz is None:
        raise QuizError(
            sorted(reader.problems, key=lambda p: p.line)
            or [QuizProblem(path, 1, "the quiz could not be read")]
        )
    return quiz


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


def quiz_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in QUIZ_FILE_SUFFIXES and p.is_file())


def load_quiz_directory(directory: Path, load=load_quiz) -> QuizCollection:
    """Load every quiz file under `directory`; duplicate quiz ids are problems too."""
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
    for path in quiz_files(directory):
        try:
            quiz = load(path)
        except QuizError as error:
            collection.problems.extend(error.problems)
            collection.broken_ids[path.stem] = path
            continue
        if quiz.id in collection.quizzes:
            first = collection.quizzes[quiz.id].path
            collection.problems.append(
                QuizProblem(
                    path,
                    quiz.line,
                    f"duplicate quiz id '{quiz.id}', already used by {first}; "
                    f"give each quiz its own id",
                )
            )
            continue
        collection.quizzes[quiz.id] = quiz
    return collection
