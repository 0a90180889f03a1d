"""Every malformed value is a located problem with the exact message, one table per class."""
# ruff: noqa: E501 -- the tables hold exact messages, one per line

from __future__ import annotations

from pathlib import Path

import pytest
from cart_quiz.loader import QuizError, parse_quiz

ROOT = Path(__file__).parent / "roots" / "test-quiz-basic" / "quizzes"
VALID = (ROOT / "sample.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(QuizError) as caught:
        parse_quiz(text, Path("sample.yaml"))
    return [(problem.line, problem.message) for problem in caught.value.problems]


def replaced(old: str, new: str) -> str:
    assert VALID.count(old) >= 1, old
    return VALID.replace(old, new, 1)


MINUTES = (
    "; write a whole number of minutes from 1 to 240 in plain digits, for example `minutes: 5`"
)
VERSION = "; this version of cart_quiz reads schema_version 1"

NUMBERS = [
    ("minutes: 0x5", f"'minutes' is '0x5'{MINUTES}"),
    ("minutes: 0o7", f"'minutes' is '0o7'{MINUTES}"),
    ("minutes: 0b11", f"'minutes' is '0b11'{MINUTES}"),
    ("minutes: 1_000", f"'minutes' is '1_000'{MINUTES}"),
    ("minutes: 1:30", f"'minutes' is '1:30'{MINUTES}"),
    ("minutes: 05", f"'minutes' is '05'{MINUTES}"),
    ("minutes: +5", f"'minutes' is '+5'{MINUTES}"),
    ("minutes: 5.0", f"'minutes' is '5.0'{MINUTES}"),
    ("minutes: .inf", f"'minutes' is '.inf'{MINUTES}"),
    ("minutes: .nan", f"'minutes' is '.nan'{MINUTES}"),
    ("minutes: 1e3", f"'minutes' is '1e3'{MINUTES}"),
    ("minutes: !!int abc", f"'minutes' is 'abc'{MINUTES}"),
    ("minutes: !!float 5", f"'minutes' is '5'{MINUTES}"),
    (
        "minutes: " + "9" * 5000,
        f"'minutes' is '{'9' * 40}'… (5000 characters){MINUTES}",
    ),
    ("minutes: -3", f"'minutes' is '-3'{MINUTES}"),
    ("minutes: 0", f"'minutes' is '0'{MINUTES}"),
    ("minutes: 241", f"'minutes' is '241'{MINUTES}"),
    ("minutes: five", f"'minutes' is 'five'{MINUTES}"),
    ("minutes: '5'", f"'minutes' is '5'{MINUTES}"),
    ("minutes: true", f"'minutes' is 'true'{MINUTES}"),
    ("minutes:", f"'minutes' is ''{MINUTES}"),
    ("minutes: [5]", f"'minutes' is a list{MINUTES}"),
    ("minutes: 2024-01-01", f"'minutes' is '2024-01-01'{MINUTES}"),
    ("schema_version: 0x1", f"schema_version is '0x1'{VERSION}"),
    ("schema_version: 1.0", f"schema_version is '1.0'{VERSION}"),
    ("schema_version: 01", f"schema_version is '01'{VERSION}"),
    ("schema_version: '1'", f"schema_version is '1'{VERSION}"),
    ("schema_version: true", f"schema_version is 'true'{VERSION}"),
    (
        "schema_version: " + "1" * 5000,
        f"schema_version is '{'1' * 40}'… (5000 characters){VERSION}",
    ),
    ("schema_version: -1", f"schema_version is '-1'{VERSION}"),
    ("schema_version: 0", f"schema_version is '0'{VERSION}"),
    ("schema_version: 2", f"schema_version is '2'{VERSION}"),
]


@pytest.mark.parametrize(("line", "expected"), NUMBERS, ids=[case[0][:30] for case in NUMBERS])
def test_numbers_are_whole_plain_digits_or_a_located_problem(line, expected):
    key = line.split(":")[0]
    original = next(text for text in VALID.splitlines() if text.startswith(f"{key}:"))
    text = replaced(original, line)
    assert problems_of(text) == [(VALID.splitlines().index(original) + 1, expected)]


PROMPT = "    prompt: What is often the **first** sign?"
CHARACTERS = [
    (
        '"\\0"',
        "U+0000",
        "the control character U+0000 (NUL); remove it (tab and new line are fine)",
    ),
    (
        '"a\\x07b"',
        "U+0007",
        "the control character U+0007 (BELL); remove it (tab and new line are fine)",
    ),
    (
        '"a\\rb"',
        "U+000D",
        "the control character U+000D (CARRIAGE RETURN); remove it (tab and new line are fine)",
    ),
    (
        '"a\\eb"',
        "U+001B",
        "the control character U+001B (ESCAPE); remove it (tab and new line are fine)",
    ),
    (
        '"a\\x7fb"',
        "U+007F",
        "the control character U+007F (DELETE); remove it (tab and new line are fine)",
    ),
    ('"a\\x9bb"', "U+009B", "the control character U+009B; remove it (tab and new line are fine)"),
    (
        '"a\\u202eb"',
        "U+202E",
        "the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make text show in another order than it is written; remove it",
    ),
    (
        '"a\\u202ab"',
        "U+202A",
        "the bidirectional control character U+202A (LEFT-TO-RIGHT EMBEDDING), which can make text show in another order than it is written; remove it",
    ),
    (
        '"a\\u2066b"',
        "U+2066",
        "the bidirectional control character U+2066 (LEFT-TO-RIGHT ISOLATE), which can make text show in another order than it is written; remove it",
    ),
    (
        '"a\\u2069b"',
        "U+2069",
        "the bidirectional control character U+2069 (POP DIRECTIONAL ISOLATE), which can make text show in another order than it is written; remove it",
    ),
    (
        "a\u202eb",
        "U+202E",
        "the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make text show in another order than it is written; remove it",
    ),
]


@pytest.mark.parametrize(
    ("value", "code", "expected"), CHARACTERS, ids=[c[1] + c[0][:4] for c in CHARACTERS]
)
def test_refused_characters_in_text_say_which_and_how_to_fix(value, code, expected):
    text = replaced(PROMPT, f"    prompt: {value}")
    assert problems_of(text) == [(14, f"'prompt' in question 'first-sign' contains {expected}")]
    assert code in expected


SURROGATE = (
    "U+D800, half of a surrogate pair, which is not a character on its own; write the "
    "character itself, or its full escape in double quotes (for example \\U0001F600), or "
    "remove it"
)


@pytest.mark.parametrize("escape", ['"\\ud800"', '"x \\udfff y"'])
def test_a_lone_surrogate_is_a_located_problem(escape):
    [(line, message)] = problems_of(replaced(PROMPT, f"    prompt: {escape}"))
    assert line == 14
    assert "half of a surrogate pair" in message and "U+D" in message


def test_a_lone_surrogate_given_as_text_is_a_located_problem():
    # parse_quiz can be handed a str holding one, which no file on disk can
    assert problems_of(replaced(PROMPT, "    prompt: a\ud800b")) == [
        (14, f"the file contains {SURROGATE}")
    ]


RAW = [
    ("\x00", "the control character U+0000 (NUL); remove it (tab and new line are fine)"),
    ("\x01", "the control character U+0001; remove it (tab and new line are fine)"),
    ("\x1b", "the control character U+001B (ESCAPE); remove it (tab and new line are fine)"),
    ("\x7f", "the control character U+007F (DELETE); remove it (tab and new line are fine)"),
    ("\ufffe", "the character U+FFFE, which YAML does not allow; remove it"),
    ("\uffff", "the character U+FFFF, which YAML does not allow; remove it"),
]


@pytest.mark.parametrize(("raw", "expected"), RAW, ids=[f"U+{ord(c[0]):04X}" for c in RAW])
def test_raw_characters_yaml_refuses_are_located(raw, expected):
    text = replaced(PROMPT, f"    prompt: a{raw}b")
    assert problems_of(text) == [(14, f"the file contains {expected}")]


def test_tab_and_new_line_are_fine_in_text():
    quiz = parse_quiz(replaced(PROMPT, '    prompt: "a\\tb\\nc"'), Path("sample.yaml"))
    assert quiz.questions[0].prompt == "a\tb\nc"


TEXT = "; put the text in quotes)"
OTHER_TYPES = [
    (
        "title: yes",
        4,
        "'title' in the quiz should be text, but YAML read the true/false value 'yes' (put the text in quotes)",
    ),
    (
        "title: ~",
        4,
        "'title' in the quiz should be text, but YAML read nothing (an empty value) (put the text in quotes)",
    ),
    (
        "title: 12",
        4,
        "'title' in the quiz should be text, but YAML read the number 12 (put the text in quotes)",
    ),
    (
        "title: 0x1F",
        4,
        "'title' in the quiz should be text, but YAML read the number '0x1F' (hexadecimal) (put the text in quotes)",
    ),
    (
        "title: 1:30",
        4,
        "'title' in the quiz should be text, but YAML read the number '1:30' (base 60, like a time) (put the text in quotes)",
    ),
    (
        "title: 1.5",
        4,
        "'title' in the quiz should be text, but YAML read the number '1.5' (not a whole number in digits) (put the text in quotes)",
    ),
    (
        "title: 2024-01-01",
        4,
        "'title' in the quiz should be text, but YAML read the date '2024-01-01' (put the text in quotes)",
    ),
    (
        "title: !!binary aGVsbG8=",
        4,
        "'title' in the quiz should be text, but YAML read binary data (!!binary) (put the text in quotes)",
    ),
    ("title: [a, b]", 4, "'title' in the quiz should be text, but YAML read a list"),
    ("title: {a: b}", 4, "'title' in the quiz should be text, but YAML read a mapping of keys"),
    (
        "title: !!bool maybe",
        4,
        "'title' in the quiz should be text, but YAML read 'maybe' marked as a true/false value (!!bool) (put the text in quotes)",
    ),
    (
        "title: !custom x",
        4,
        "'title' in the quiz has the tag '!custom', which quiz files do not use; remove the tag",
    ),
    (
        "title: !!python/object:os.system x",
        4,
        "'title' in the quiz has the tag '!!python/object:os.system', which quiz files do not use; remove the tag",
    ),
    (
        "title: !!set {a, b}",
        4,
        "'title' in the quiz has the tag '!!set', which quiz files do not use; remove the tag and write a plain mapping",
    ),
    ("title: ''", 4, "'title' in the quiz is empty; write the text"),
    ("title: '   '", 4, "'title' in the quiz is empty; write the text"),
    ("tier: 5", 6, "'tier' in the quiz is '5'; use one of: simple, detail, clinical"),
    (
        "objectives: Know it",
        9,
        "'objectives' in the quiz should be a list of `- ` items, but YAML read the text 'Know it'; add at least one `- ` item",
    ),
    ("objectives: []", 9, "'objectives' in the quiz is empty; add at least one `- ` item"),
    (
        "questions: {}",
        11,
        "'questions' in the quiz should be a list of `- ` items, but YAML read a mapping of keys; add at least one `- ` item",
    ),
    (
        "        correct: true\n        feedback: Yes. Fever",
        18,
        "'correct' in option 1 of question 'first-sign' should be true or false, but YAML read the text 'sure'",
    ),
]
OTHER_TYPES[-1] = (
    "        correct: sure\n        feedback: Yes. Fever",
    18,
    "'correct' in option 1 of question 'first-sign' should be true or false, but YAML read the text 'sure'",
)


@pytest.mark.parametrize(
    ("line_text", "line", "expected"), OTHER_TYPES, ids=[c[0][:30] for c in OTHER_TYPES]
)
def test_every_other_type_gets_a_plain_words_message(line_text, line, expected):
    key = line_text.split(":")[0]
    if line_text.startswith(" "):
        text = replaced("        correct: true\n        feedback: Yes. Fever", line_text)
    else:
        original = next(t for t in VALID.splitlines() if t.startswith(f"{key}:"))
        end = "\n  - Know the *first* sign." if key == "objectives" else ""
        if key == "questions":
            text = VALID[: VALID.index("questions:")] + line_text + "\n"
        else:
            text = replaced(original + end, line_text)
    assert (line, expected) in problems_of(text)


STRUCTURE = [
    pytest.param(
        replaced("title: Sample check", "? [a, b]\n: x\ntitle: Sample check"),
        [
            (
                4,
                "a key in the quiz is a list, not a name; write keys as plain words such as `title:`",
            )
        ],
        id="complex-key-list",
    ),
    pytest.param(
        replaced("title: Sample check", "? {a: b}\n: x\ntitle: Sample check"),
        [
            (
                4,
                "a key in the quiz is a mapping, not a name; write keys as plain words such as `title:`",
            )
        ],
        id="complex-key-mapping",
    ),
    pytest.param(
        replaced("title: Sample check", "title: Sample check\n<<: {tier: simple}"),
        [
            (
                5,
                "merge keys (`<<`) are not allowed in quiz files (the quiz); write the keys out in full",
            )
        ],
        id="merge-key",
    ),
    pytest.param(
        VALID + "---\nid: second\n",
        [
            (
                65,
                "the file holds a second YAML document (after a `---` or `...` line); a quiz file holds one quiz, so remove the second document or split it into its own file",
            )
        ],
        id="two-documents",
    ),
    pytest.param(
        VALID + "...\nid: second\n",
        [
            (
                66,
                "the file holds a second YAML document (after a `---` or `...` line); a quiz file holds one quiz, so remove the second document or split it into its own file",
            )
        ],
        id="document-end-then-more",
    ),
    pytest.param(
        replaced("title: Sample check", "title: &t Sample check\nextra: *t"),
        [
            (
                5,
                "anchors and aliases (&name, *name) are not allowed in quiz files; write the text out in full",
            ),
            (
                5,
                "unknown key 'extra' in the quiz; remove it (allowed: category, id, minutes, objectives, questions, schema_version, stage, tier, title)",
            ),
        ],
        id="alias",
    ),
    pytest.param(
        replaced("title: Sample check", "title: Sample check\n" + "x: " + "[" * 40 + "]" * 40),
        [
            (5, "a value in item 1 of 'x' in the quiz is nested too deeply to be part of a quiz"),
            (
                5,
                "unknown key 'x' in the quiz; remove it (allowed: category, id, minutes, objectives, questions, schema_version, stage, tier, title)",
            ),
        ],
        id="deep-nesting",
    ),
    pytest.param(
        replaced("title: Sample check", '"ti\\0tle": Sample check'),
        [
            (
                4,
                "unknown key 'ti\\x00tle' in the quiz; did you mean 'title'? (allowed: category, id, minutes, objectives, questions, schema_version, stage, tier, title)",
            ),
            (2, "the quiz is missing 'title'; add `title:` to it"),
        ],
        id="control-character-in-key",
    ),
    pytest.param(
        "title: [",
        [
            (
                1,
                "YAML syntax error: did not find expected node content (while parsing a flow node); check the indentation, and put text containing ': ' or starting with a special character in quotes",
            )
        ],
        id="end-of-file-without-line-break",
    ),
    pytest.param(
        "- a\n- b\n",
        [
            (
                1,
                "the quiz should be a mapping of `key: value` lines, but YAML read a list; check the indentation",
            )
        ],
        id="root-list",
    ),
    pytest.param(
        "---\n",
        [
            (
                1,
                "the file is empty; a quiz needs schema_version, id, title, category, tier, minutes, objectives and questions",
            )
        ],
        id="root-empty-document",
    ),
    pytest.param(
        "just text\n",
        [
            (
                1,
                "the quiz should be a mapping of `key: value` lines, but YAML read the text 'just text'; check the indentation",
            )
        ],
        id="root-text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STRUCTURE)
def test_yaml_structures_quizzes_do_not_use_are_located(text, expected):
    problems = problems_of(text)
    for item in expected:
        assert item in problems, problems


SAME = [
    pytest.param(
        "      - text: A rash",
        "      - text: a   FEVER",
        20,
        "option 2 of question 'first-sign' has the same text as option 1 ('A fever'); give each option its own words",
        id="options-case-and-spaces",
    ),
    pytest.param(
        "      - text: A rash",
        "      - text: A *fever*",
        20,
        "option 2 of question 'first-sign' has the same text as option 1 ('A fever'); give each option its own words",
        id="options-markup",
    ),
    pytest.param(
        "      - text: Infusion",
        "      - text: collect the  cells",
        61,
        "step 4 of question 'steps' has the same text as step 1 ('Collect the cells'); give each step its own words",
        id="steps",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "expected"), SAME)
def test_identical_options_and_steps_are_problems(old, new, line, expected):
    assert problems_of(replaced(old, new)) == [(line, expected)]


IMAGE = "images are not allowed in quiz text (a picture from another site would be loaded by every reader); describe it in words"
ANSWER_LINK = "an answer text contains a link or glossary term, which would sit inside the answer's label; move it to the feedback or the explanation"
PROFILE = [
    ("title: Sample check", "title: See ![x](https://other.example/t.png)", 4, IMAGE),
    ("  - Know the *first* sign.", "  - Know ![x](https://o.example/a.png)", 10, IMAGE),
    (PROMPT, "    prompt: '![x](https://other.example/t.png)'", 14, IMAGE),
    (
        "    hint: Think of a thermometer.",
        "    hint: '{raw}`html` x'",
        15,
        "the role {raw} is not allowed in quiz text; quiz text may use {term} for glossary terms and {ref} for labels of the site",
    ),
    (
        "    explanation: The first sign is usually a fever.",
        "    explanation: '[a](ftp://example.org/f)'",
        25,
        "the link to 'ftp://example.org/f' is not allowed in quiz text; link to other sites with https://, or to this site with {ref}`label`",
    ),
    (
        "    ask_your_team: Which temperature",
        "    ask_your_team: Which ![x](https://o.example/a.png) temperature",
        27,
        IMAGE,
    ),
    (
        "        feedback: Yes. Fever",
        "        feedback: Yes ![x](https://o.example/a.png) Fever",
        19,
        IMAGE,
    ),
    ("      - text: A rash", "      - text: A [rash](https://example.org/)", 20, ANSWER_LINK),
    ("      - text: A rash", "      - text: A '{term}`rash`'", 20, ANSWER_LINK),
    (
        "    feedback_true: Not right.",
        "    feedback_true: Not ![x](https://o.example/a.png) right.",
        46,
        IMAGE,
    ),
    (
        "    feedback_false: Right.",
        "    feedback_false: Right ![x](https://o.example/a.png).",
        47,
        IMAGE,
    ),
    ("      - text: Infusion", "      - text: '[Infusion](https://example.org/)'", 61, ANSWER_LINK),
    (
        "        feedback: This comes last.",
        "        feedback: '![x](https://o.example/a.png)'",
        62,
        IMAGE,
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"), PROFILE, ids=[c[1].split(":")[0].strip() for c in PROFILE]
)
def test_every_text_field_is_checked_with_the_quiz_text_profile(old, new, line, expected):
    assert (line, expected) in problems_of(replaced(old, new))


REPO_QUIZZES = sorted((Path(__file__).parent.parent / "quizzes").glob("*.yaml"))


@pytest.fixture
def pure_python_yaml(monkeypatch):
    """Read YAML with PyYAML's pure-Python parser, as on a machine without libyaml."""
    import yaml
    from cart_quiz import yaml_source

    monkeypatch.setattr(yaml_source, "_LOADER", yaml.SafeLoader)


@pytest.mark.parametrize("path", REPO_QUIZZES, ids=[path.stem for path in REPO_QUIZZES])
def test_without_libyaml_the_site_quizzes_read_the_same(path, pure_python_yaml):
    from cart_quiz import yaml_source

    text = path.read_text(encoding="utf-8")
    quiz = parse_quiz(text, path)
    assert yaml_source._LOADER.__name__ == "SafeLoader"
    yaml_source._LOADER = getattr(__import__("yaml"), "CSafeLoader", yaml_source._LOADER)
    assert parse_quiz(text, path) == quiz


@pytest.mark.parametrize(("line", "expected"), NUMBERS, ids=[case[0][:30] for case in NUMBERS])
def test_without_libyaml_numbers_read_the_same(line, expected, pure_python_yaml):
    test_numbers_are_whole_plain_digits_or_a_located_problem(line, expected)


@pytest.mark.parametrize(
    ("value", "code", "expected"), CHARACTERS, ids=[c[1] + c[0][:4] for c in CHARACTERS]
)
def test_without_libyaml_characters_read_the_same(value, code, expected, pure_python_yaml):
    test_refused_characters_in_text_say_which_and_how_to_fix(value, code, expected)


@pytest.mark.parametrize("escape", ['"\\ud800"', '"x \\udfff y"'])
def test_without_libyaml_a_lone_surrogate_is_a_located_problem(escape, pure_python_yaml):
    test_a_lone_surrogate_is_a_located_problem(escape)
