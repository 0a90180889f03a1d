"""The quiz format's one key table: the shipped JSON Schema (`schema/quiz.schema.json`),
checked with `jsonschema`. Each error's path leads back to the YAML line of the value (or of
its key), and each kind of error becomes a message that says what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from pathlib import Path as FilePath

from jsonschema import Draft202012Validator, ValidationError

from .places import value_at, where
from .yaml_source import Document, Path, Unusable, shown

SCHEMA_FILE = FilePath(__file__).parent / "schema" / "quiz.schema.json"
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three"}


@functools.cache
def quiz_schema() -> dict:
    """The shipped JSON Schema, read once per process."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _inlined(node: object, definitions: dict) -> object:
    """The schema with each local `$ref` replaced by what it names: the same rules, checked
    about three times faster, because jsonschema no longer resolves a reference per value."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = _inlined(definitions[node["$ref"].removeprefix("#/$defs/")], definitions)
            rest = {key: _inlined(value, definitions) for key, value in node.items()}
            del rest["$ref"]
            return {**target, **rest}
        return {key: _inlined(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(value, definitions) for value in node]
    return node


@functools.cache
def _validator() -> Draft202012Validator:
    """Built once per process."""
    schema = quiz_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inlined(schema, schema.get("$defs", {})))


def text_fields(instance: object) -> Iterator[tuple[Path, str, bool]]:
    """(path, text, is an answer) for every quiz-text value: wherever the schema says
    `$ref: #/$defs/text` (or `answerText`, an option's or step's text)."""
    definitions = quiz_schema()["$defs"]

    def walk(schema: object, value: object, path: Path) -> Iterator[tuple[Path, str, bool]]:
        if not isinstance(schema, dict):
            return
        name = str(schema.get("$ref", "")).removeprefix("#/$defs/")
        if name in ("text", "answerText"):
            if isinstance(value, str):
                yield path, value, name == "answerText"
            return
        if name:
            schema = definitions[name]
        if isinstance(value, dict):
            for key, rule in schema.get("properties", {}).items():
                if key in value:
                    yield from walk(rule, value[key], (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(schema.get("items"), item, (*path, index))

    yield from walk(quiz_schema(), instance, ())


def _value_text(document: Document, path: Path, value: object) -> str:
    """The value as the author wrote it, quoted: '0x5', 'five', or "a list"."""
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, Unusable):
        return shown(value.source)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return shown(document.sources.get(path, str(value)))


def _described(document: Document, path: Path, value: object) -> str:
    """What YAML read, in plain words: "the true/false value 'yes'", "the date '2024-01-01'"."""
    if isinstance(value, Unusable):
        return value.description
    if isinstance(value, bool):
        return f"the true/false value {_value_text(document, path, value)}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, int):
        return f"the number {document.sources.get(path, value)}"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    return _value_text(document, path, value)


def _branch_for(question_type: object) -> dict:
    """The `then` of the schema's if/then branch for a question type ({} if none)."""
    for branch in quiz_schema()["$defs"]["question"]["allOf"]:
        condition = branch["if"]["properties"]["type"]
        if question_type in condition.get("enum", [condition.get("const")]):
            return branch["then"]
    return {}


def _number_message(document: Document, path: Path, value: object, schema: dict) -> str:
    key = str(path[-1])
    example = (schema.get("examples") or [schema.get("minimum", 1)])[0]
    return (
        f"{shown(key)} is {_value_text(document, path, value)}; write a whole number of {key} "
        f"from {schema.get('minimum')} to {schema.get('maximum')} in plain digits, "
        f"for example `{key}: {example}`"
    )


def _messages(error: ValidationError, document: Document) -> Iterator[tuple[Path, int, str]]:
    """(path, line, message) for one jsonschema error."""
    instance = document.value
    path: Path = tuple(error.absolute_path)
    value = error.instance
    line = document.line(path)
    field = where(instance, path)
    keyword = error.validator
    if error.schema is False:
        # A key the question's type forbids (`false` in its if/then branch). jsonschema leaves
        # the key out of this error's path, so every forbidden key of the question is named.
        question_path = path
        while question_path and not isinstance(value_at(instance, question_path), dict):
            question_path = question_path[:-1]
        question = value_at(instance, question_path)
        question_type = question.get("type") if isinstance(question, dict) else None
        branch = _branch_for(question_type)
        forbidden = [key for key, rule in branch.get("properties", {}).items() if rule is False]
        for key in forbidden:
            if isinstance(question, dict) and key in question:
                yield (
                    (*question_path, key),
                    document.line((*question_path, key)),
                    f"{shown(key)} does not belong in {where(instance, question_path)}, which is "
                    f"`type: {question_type}`; {question_type} questions use "
                    f"{', '.join(branch.get('required', []))}",
                )
    elif keyword == "type":
        expected = error.validator_value
        described = _described(document, path, value)
        if expected == "object":
            yield (
                path,
                line,
                f"{field} should be a mapping of `key: value` lines, but YAML read "
                f"{described}; check the indentation",
            )
        elif expected == "array":
            yield (
                path,
                line,
                f"{field} should be a list of `- ` items, but YAML read {described}; "
                "add at least one `- ` item",
            )
        elif expected == "string":
            quote = (
                " (put the text in quotes)"
                if value is None or isinstance(value, (bool, int, Unusable))
                else ""
            )
            yield path, line, f"{field} should be text, but YAML read {described}{quote}"
        elif expected == "boolean":
            yield path, line, f"{field} should be true or false, but YAML read {described}"
        elif expected == "integer":
            yield path, line, _number_message(document, path, value, error.schema)
        else:
            yield path, line, f"{field} should be {expected}, but YAML read {described}"
    elif keyword in ("minimum", "maximum"):
        yield path, line, _number_message(document, path, value, error.schema)
    elif keyword == "const":
        key = str(path[-1]) if path else "the quiz"
        yield (
            path,
            line,
            f"{key} is {_value_text(document, path, value)}; this version of cart_quiz reads "
            f"{key} {json.dumps(error.validator_value)}",
        )
    elif keyword == "enum":
        allowed = [str(choice) for choice in error.validator_value]
        guess = difflib.get_close_matches(value, allowed, n=1) if isinstance(value, str) else []
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        yield (
            path,
            line,
            f"{field} is {_value_text(document, path, value)}; {hint}use one of: "
            f"{', '.join(allowed)}",
        )
    elif keyword == "pattern":
        rule = error.schema.get("description") or f"match {error.validator_value}"
        yield path, line, f"{field} is {_value_text(document, path, value)}; use {rule}"
    elif keyword == "minLength":
        yield path, line, f"{field} is empty; write the text"
    elif keyword == "minItems":
        count = len(value)
        if count == 0:
            yield path, line, f"{field} is empty; add at least one `- ` item"
        else:
            noun = str(path[-1]).removesuffix("s") if path else "item"
            least = _NUMBER_WORDS.get(error.validator_value, str(error.validator_value))
            yield (
                path,
                line,
                f"{where(instance, path[:-1])} has only {_NUMBER_WORDS.get(count, count)} "
                f"{noun}; give at least {least}",
            )
    elif keyword == "required":
        by_type = "then" in error.absolute_schema_path
        mapping_line = document.lines.get(path, line)
        for key in error.validator_value:
            if key in value:
                continue
            if by_type:
                message = f"{field} is `type: {value.get('type')}` but has no {shown(key)}; add it"
            else:
                message = f"{field} is missing {shown(key)}; add `{key}:` to it"
            yield (*path, key), mapping_line, message
    elif keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else "remove it"
            yield (
                path,
                document.line((*path, key)),
                f"unknown key {shown(key)} in {field}; {hint} (allowed: {', '.join(allowed)})",
            )
    else:
        yield path, line, f"{field}: {error.message}"


def schema_problems(document: Document) -> list[tuple[int, str]]:
    """(line, message) for every way the document breaks the JSON Schema, except where a
    flaw found while reading the YAML already reported the same value."""
    found: dict[tuple[int, str], None] = {}
    for error in _validator().iter_errors(document.value):
        for path, line, message in _messages(error, document):
            if not document.covered(path):
                found[(line, message)] = None
    return list(found)
