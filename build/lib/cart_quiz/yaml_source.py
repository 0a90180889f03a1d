"""YAML text -> plain values (dict, list, str, int, bool, None) with the line of each.

Reads the parser's events itself (libyaml's when installed, which is what keeps 1,000 quizzes
fast), so that nothing YAML can express is ever constructed: every value becomes a typed
value or a located flaw. Refused outright: aliases (they can expand a small file into a huge
one), duplicate keys (`yaml.safe_load` keeps the last one silently), keys that are lists or
mappings, merge keys (`<<`), tags other than YAML's own, more than one document, strings
holding control, surrogate or bidirectional characters. Numbers are read only in plain
decimal digits (`5`, `-3`); every other form (`0x5`, `0o7`, `1_000`, `1:30`, `5.0`, `.inf`,
`!!int abc`, a 5,000-digit number), dates and binary data become `Unusable` values, which no
field of the schema accepts, so the schema check names the field and says what to write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml.resolver import Resolver

TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (TAG + name for name in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _BINARY, _MERGE, _VALUE = (TAG + n for n in ("timestamp", "binary", "merge", "value"))
_MAP, _SEQ = TAG + "map", TAG + "seq"
_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_RESOLVER = Resolver()
#: A quiz is five levels deep (quiz, questions, question, options, option); far deeper is a
#: mistake, and stopping there keeps every later step from recursing without end.
MAX_DEPTH = 32
PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
#: Line breaks as YAML counts them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: What YAML itself refuses anywhere in a file (its "printable" set, complemented).
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What quiz text refuses in a string value: controls other than tab and new line, lone
#: surrogates (from "\ud800" escapes) and bidirectional controls.
BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}

Path = tuple[str | int, ...]
SECOND_DOCUMENT = (
    "the file holds a second YAML document (after a `---` or `...` line); a quiz file holds "
    "one quiz, so remove the second document or split it into its own file"
)


def shown(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: in quotes, escaped, long ones shortened."""
    if len(text) > limit:
        return f"{text[: limit - 20]!r}… ({len(text)} characters)"
    return repr(text)


def character(char: str) -> str:
    """What a refused character is, and how to fix it, in plain words."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"U+{code:04X}, half of a surrogate pair, which is not a character on its own; "
            "write the character itself, or its full escape in double quotes "
            "(for example \\U0001F600), or remove it"
        )
    if code in range(0x202A, 0x202F) or code in range(0x2066, 0x206A):
        return (
            f"the bidirectional control character U+{code:04X} ({unicodedata.name(char)}), "
            "which can make text show in another order than it is written; remove it"
        )
    if unicodedata.category(char) != "Cc":
        return f"the character U+{code:04X}, which YAML does not allow; remove it"
    name = _CONTROL_NAMES.get(code)
    named = f" ({name})" if name else ""
    return f"the control character U+{code:04X}{named}; remove it (tab and new line are fine)"


def shown_tag(tag: str) -> str:
    """A tag as its author wrote it: `!!set` for YAML's own, `!name` for others."""
    return shown("!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag)


@dataclass(frozen=True, eq=False)
class Unusable:
    """A YAML value no quiz field takes, kept with its source so a message can show it."""

    source: str
    description: str

    def __repr__(self) -> str:
        return self.description


@dataclass(frozen=True)
class Flaw:
    """A mistake found while reading YAML. `template` names the value at `path` as {field}
    and the mapping at `path` as {where}; `covers` means schema errors at or under `path`
    are this same mistake."""

    path: Path
    line: int
    template: str
    args: dict[str, str] = field(default_factory=dict)
    covers: bool = True


@dataclass
class Document:
    """The values of one YAML document, where each came from, and what was wrong."""

    value: object
    lines: dict[Path, int] = field(default_factory=dict)
    key_lines: dict[Path, int] = field(default_factory=dict)
    sources: dict[Path, str] = field(default_factory=dict)
    flaws: list[Flaw] = field(default_factory=list)

    def line(self, path: Path) -> int:
        """The line of the key that holds `path`, else of its value, else of its parent."""
        while path:
            found = self.key_lines.get(path) or self.lines.get(path)
            if found:
                return found
            path = path[:-1]
        return self.lines.get((), 1)

    def covered(self, path: Path) -> bool:
        """Whether a flaw already reported the value at `path` or one holding it."""
        return any(flaw.covers and path[: len(flaw.path)] == flaw.path for flaw in self.flaws)


class SourceError(Exception):
    """The text is not YAML a quiz can be read from: one located message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _int_description(source: str) -> str:
    """What a number not written in plain digits is, for messages."""
    if not re.fullmatch(r"[-+]?[0-9][0-9a-fA-FxXoObB_:]*", source):
        return f"{shown(source)} marked as a number (!!int)"
    digits = source.lstrip("+-").lower()
    if digits.startswith("0x"):
        form = "hexadecimal"
    elif digits.startswith("0b"):
        form = "binary"
    elif ":" in digits:
        form = "base 60, like a time"
    elif "_" in digits:
        form = "with underscores"
    elif len(digits) > 1 and digits.startswith("0"):
        form = "octal, because of its leading zero"
    elif source.startswith("+"):
        form = "with a plus sign"
    else:
        form = f"{len(digits)} digits long"
    return f"the number {shown(source)} ({form})"


class _Reader:
    def __init__(self, parser: yaml.SafeLoader) -> None:
        self.parser = parser
        self.document = Document(None)

    def flaw(self, path: Path, line: int, template: str, covers: bool = True, **args: str) -> None:
        self.document.flaws.append(Flaw(path, line, template, args, covers))

    def skip(self) -> None:
        """Consume the events of one node without reading it."""
        depth = 0
        while True:
            event = self.parser.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if depth == 0:
                return

    def node(self, path: Path, depth: int) -> object:
        event = self.parser.peek_event()
        line = event.start_mark.line + 1
        self.document.lines[path] = line
        if isinstance(event, yaml.AliasEvent):
            self.parser.get_event()
            self.flaw(
                path,
                line,
                "anchors and aliases (&name, *name) are not allowed in quiz files; "
                "write the text out in full",
            )
            return Unusable(f"*{event.anchor}", "an alias (*name)")
        if isinstance(event, yaml.ScalarEvent):
            self.parser.get_event()
            return self.scalar(event, path, line)
        if depth >= MAX_DEPTH:
            self.skip()
            self.flaw(
                path[:3], line, "a value in {field} is nested too deeply to be part of a quiz"
            )
            return Unusable("", "values nested too deeply")
        kind = "mapping" if isinstance(event, yaml.MappingStartEvent) else "list"
        if event.tag not in (None, "!", _MAP if kind == "mapping" else _SEQ):
            self.flaw(
                path,
                line,
                "{field} has the tag {tag}, which quiz files do not use; remove the tag "
                "and write a plain " + kind,
                tag=shown_tag(event.tag),
            )
        if kind == "list":
            return self.sequence(path, depth)
        return self.mapping(path, depth)

    def sequence(self, path: Path, depth: int) -> list[object]:
        self.parser.get_event()
        items: list[object] = []
        while not self.parser.check_event(yaml.SequenceEndEvent):
            items.append(self.node((*path, len(items)), depth + 1))
        self.parser.get_event()
        return items

    def mapping(self, path: Path, depth: int) -> dict[str, object]:
        self.parser.get_event()
        entries: dict[str, object] = {}
        while not self.parser.check_event(yaml.MappingEndEvent):
            event = self.parser.peek_event()
            line = event.start_mark.line + 1
            if not isinstance(event, yaml.ScalarEvent):
                what = (
                    "an alias (*name)"
                    if isinstance(event, yaml.AliasEvent)
                    else "a mapping"
                    if isinstance(event, yaml.MappingStartEvent)
                    else "a list"
                )
                self.skip()
                self.skip()
                self.flaw(
                    path,
                    line,
                    "a key in {where} is " + what + ", not a name; write keys as plain "
                    "words such as `title:`",
                    covers=False,
                )
                continue
            self.parser.get_event()
            key = event.value
            tag = event.tag or _RESOLVER.resolve(yaml.ScalarNode, key, event.implicit)
            if tag == _MERGE and event.implicit[0]:
                self.skip()
                self.flaw(
                    path,
                    line,
                    "merge keys (`<<`) are not allowed in quiz files ({where}); "
                    "write the keys out in full",
                    covers=False,
                )
                continue
            if key in entries:
                self.skip()
                self.flaw(
                    path,
                    line,
                    "duplicate key {key} in {where} (first at line {first}); remove one of them",
                    covers=False,
                    key=shown(key),
                    first=str(self.document.key_lines[(*path, key)]),
                )
                continue
            self.document.key_lines[(*path, key)] = line
            entries[key] = self.node((*path, key), depth + 1)
        self.parser.get_event()
        return entries

    def scalar(self, event: yaml.ScalarEvent, path: Path, line: int) -> object:
        value = event.value
        tag = event.tag
        if tag in (None, "!"):
            tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
        if tag in (_STR, _VALUE, _MERGE):
            bad = BAD_CHARACTER.search(value)
            if bad:
                self.flaw(path, line, "{field} contains {character}", character=character(bad[0]))
            return value.strip()
        sources = self.document.sources
        if tag == _NULL and value in ("", "~", "null", "Null", "NULL"):
            sources[path] = value
            return None
        if tag == _BOOL and value.lower() in ("true", "yes", "on", "false", "no", "off"):
            sources[path] = value
            return value.lower() in ("true", "yes", "on")
        if tag == _INT and PLAIN_INT.fullmatch(value):
            sources[path] = value
            return int(value)
        if tag == _INT:
            return Unusable(value, _int_description(value))
        if tag == _FLOAT and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _FLOAT:
            return Unusable(value, f"the number {shown(value)} (not a whole number in digits)")
        if tag == _FLOAT:
            return Unusable(value, f"{shown(value)} marked as a number (!!float)")
        if tag == _TIMESTAMP:
            return Unusable(value, f"the date {shown(value)}")
        if tag == _BINARY:
            return Unusable(value, "binary data (!!binary)")
        if tag in (_NULL, _BOOL):
            kind = "an empty value (!!null)" if tag == _NULL else "a true/false value (!!bool)"
            return Unusable(value, f"{shown(value)} marked as {kind}")
        self.flaw(
            path,
            line,
            "{field} has the tag {tag}, which quiz files do not use; remove the tag",
            tag=shown_tag(tag),
        )
        return Unusable(value, f"a value tagged {shown_tag(tag)}")


def _syntax_error(text: str, error: yaml.YAMLError) -> SourceError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    # libyaml puts the end of a file without a final line break on the line after it
    last_line = len(_LINE_BREAK.split(text))
    line = min(mark.line + 1, last_line) if mark is not None else 1
    what = str(getattr(error, "problem", None) or "the text is not valid YAML")
    context = getattr(error, "context", None)
    if "expected <document start>" in what:
        return SourceError(line, SECOND_DOCUMENT)
    if "escape" in what and mark is not None:
        lines = text.splitlines()
        found = re.search(
            r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))",
            lines[mark.line][max(mark.column - 10, 0) :] if mark.line < len(lines) else "",
        )
        code = int(found[1] or found[2], 16) if found else None
        if code is not None and 0xD800 <= code <= 0xDFFF:
            return SourceError(line, f"the escape {found[0]} is {character(chr(code))}")
    detail = f"{what} ({context})" if context else what
    return SourceError(
        line,
        f"YAML syntax error: {detail}; check the indentation, and put text containing ': ' "
        "or starting with a special character in quotes",
    )


def read(text: str) -> Document:
    """The one YAML document in `text`, or SourceError; `value` is None for an empty file."""
    refused = _NOT_YAML.search(text)
    if refused:
        raise SourceError(
            text.count("\n", 0, refused.start()) + 1,
            f"the file contains {character(refused[0])}",
        )
    parser = _LOADER(text)
    try:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return Document(None)
        parser.get_event()  # document start
        reader = _Reader(parser)
        reader.document.value = reader.node((), 0)
        parser.get_event()  # document end
        if parser.check_event(yaml.DocumentStartEvent):
            raise SourceError(parser.peek_event().start_mark.line + 1, SECOND_DOCUMENT)
        return reader.document
    except yaml.YAMLError as error:
        raise _syntax_error(text, error) from None
    finally:
        parser.dispose()
