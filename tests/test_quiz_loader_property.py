"""Property: YAML values of every tag, in every field of a valid quiz, give a Quiz or located
problems on one line each, never another exception."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loader_helpers import assert_quiz_or_located_problems

ROOT = Path(__file__).parent / "roots" / "test-quiz-basic" / "quizzes"
VALID = (ROOT / "sample.yaml").read_text(encoding="utf-8")
LINES = VALID.splitlines()
#: Every line holding a field: `key: value`, `- key: value` or a `- text` list item.
FIELD = re.compile(r"^(?P<indent>\s*(?:- )?)(?:(?P<key>[a-z_]+):)?(?P<value>.*)$")
FIELD_LINES = [n for n, line in enumerate(LINES) if line.strip() and not line.startswith("#")]

ESCAPES = ["\\0", "\\a", "\\x07", "\\r", "\\t", "\\n", "\\e", "\\x85", "\\x9b", "\\ud800",
           "\\udfff", "\\ud83d\\ude00", "\\u202e", "\\u2066", "\\u2028", "\\U0001F600", "\\N",
           "\\_", "\\L", "\\P", '\\"', "\\\\", "\\q", "\\x"]  # fmt: skip
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
plain_words = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,.()-]{0,20}", fullmatch=True)

strings = st.one_of(
    plain_words,
    st.text(max_size=16).map(lambda t: "'" + t.replace("'", "''") + "'"),
    st.lists(
        st.one_of(
            st.sampled_from(ESCAPES),
            words.map(lambda t: t.replace("\\", "\\\\").replace('"', '\\"')),
        ),
        max_size=5,
    ).map(lambda parts: '"' + "".join(parts) + '"'),
    st.tuples(
        st.sampled_from(["|", "|-", "|+", ">", ">-", ">2"]), st.lists(plain_words, max_size=3)
    ).map(lambda block: block[0] + "".join(f"\n{{indent}}{line}" for line in block[1])),
)
integers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(0, 10**6).flatmap(
        lambda n: st.sampled_from(
            [
                f"0x{n:x}",
                f"0X{n:X}",
                f"0{n:o}",
                f"0o{n:o}",
                f"0b{n:b}",
                f"+{n}",
                f"-0{n}",
                f"{n:_}",
                f"1_{n}",
                f"{n % 60}:{n % 60:02d}",
                f"1:{n % 60}:00",
                f"!!int {n}",
            ]
        )
    ),
    st.sampled_from(["9" * 5000, "-" + "1" * 4400, "!!int abc", "!!int", "!!int 0x", "0"]),
)
floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from([".inf", "-.Inf", ".NaN", "5.0", "1e3", "1.5e+3", "1_0.5", "1:30.5",
                     "!!float 5", "!!float abc", "6.8523015e+5", "685.230_15e+03"]),
)  # fmt: skip
others = st.sampled_from(
    ["yes", "No", "ON", "off", "true", "FALSE", "y", "n", "!!bool maybe", "!!bool yes",
     "", "~", "null", "NULL", "!!null", "!!null x",
     "!!binary aGVsbG8=", "!!binary not-base64!", "2024-01-01", "2001-12-14t21:59:43.10-05:00",
     "!!timestamp nope", "!foo bar", "!foo", "!!python/object:os.system x",
     "!!python/name:os.system", "!<tag:example.com,2000:x> y", "!!set {a, b}", "!!omap [a: 1]",
     "!!pairs [a: 1]", "!!map {}", "!!seq []", "!!str 5", "!!str", "!!map x", "!!seq x",
     "{? [a]: b}", "{? {a: b}: c}", "{<<: {a: 1}}", "[a, {b: c}]", "&a x", "*a", "&a [*a]",
     "=", "<<", "{a: 1, a: 2}", "[" * 50 + "]" * 50, "- a", "a: b", "'unterminated",
     '"bad \\x escape"', "@at", "`tick", "%", "--- x", "... x", "\t", "{{ 7*7 }}"]
)  # fmt: skip
collections = st.recursive(
    st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
).filter(lambda value: isinstance(value, (list, dict)))
flow = collections.map(
    lambda value: yaml.safe_dump(value, default_flow_style=True, width=10**9).strip()
)
values = st.one_of(strings, integers, floats, others, flow)


def _substitute(line_number: int, value: str) -> list[str]:
    match = FIELD.match(LINES[line_number])
    indent = match["indent"]
    inner = " " * (len(indent) + 2)
    prefix = f"{indent}{match['key']}: " if match["key"] else indent
    return (prefix + value.replace("{indent}", inner)).split("\n")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FIELD_LINES), values), min_size=1, max_size=3))
def test_values_of_every_tag_in_every_field_never_crash_the_loader(changes):
    lines = [[line] for line in LINES]
    for line_number, value in changes:
        lines[line_number] = _substitute(line_number, value)
    assert_quiz_or_located_problems("\n".join(part for group in lines for part in group) + "\n")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FIELD_LINES), collections)
def test_block_mappings_and_lists_in_every_field_never_crash_the_loader(line_number, value):
    block = yaml.safe_dump(value, default_flow_style=False, width=10**9)
    match = FIELD.match(LINES[line_number])
    inner = " " * (len(match["indent"]) + 2)
    lines = list(LINES)
    prefix = f"{match['indent']}{match['key']}:" if match["key"] else match["indent"].rstrip()
    lines[line_number] = prefix + "\n" + "".join(inner + row for row in block.splitlines(True))
    assert_quiz_or_located_problems("\n".join(lines) + "\n")


def test_every_field_line_is_exercised():
    assert len(FIELD_LINES) == len([line for line in LINES if line.strip()]) - 1
