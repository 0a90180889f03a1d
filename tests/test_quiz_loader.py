"""The quiz loader: every author mistake is reported with its line and a fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cart_quiz.loader import QuizError, load_quiz, load_quiz_directory, parse_quiz, quiz_files
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loader_helpers import assert_quiz_or_located_problems

ROOT = Path(__file__).parent / "roots" / "test-quiz-basic" / "quizzes"
VALID = (ROOT / "sample.yaml").read_text(encoding="utf-8")
SCHEMA = json.loads(
    (Path(__file__).parent.parent / "extensions/cart_quiz/schema/quiz.schema.json").read_text(
        encoding="utf-8"
    )
)


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(QuizError) as caught:
        parse_quiz(text, Path("quiz.yaml"))
    return [(problem.line, problem.message) for problem in caught.value.problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle` (`needle#n` picks the n-th)."""
    if "#" in needle:
        needle, count = needle.rsplit("#", 1)
        occurrence = int(count)
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def test_valid_quiz_loads_every_question_type():
    quiz = parse_quiz(VALID, Path("sample.yaml"))
    assert [q.type for q in quiz.questions] == ["single", "multiple", "true-false", "ordering"]
    first = quiz.questions[0]
    assert first.correct_indexes == (0,)
    assert first.choices[2].unsure
    assert first.ask_your_team == "Which temperature should make me call you?"
    assert quiz.questions[2].choices[1].correct  # answer: false makes "False" the answer
    assert quiz.questions[3].steps[0].text == "Collect the cells"


def test_ordering_is_shown_shuffled_the_same_way_every_build():
    quiz = parse_quiz(VALID, Path("sample.yaml"))
    ordering = quiz.questions[3]
    order = ordering.shuffled_step_order(quiz.id)
    assert sorted(order) == [0, 1, 2, 3]
    assert all(place != step for place, step in enumerate(order)), order
    assert order == ordering.shuffled_step_order(quiz.id)


def test_no_step_of_any_real_ordering_question_starts_in_its_right_place():
    """A mixed-up list with steps already in place gives part of the answer away."""
    checked = 0
    for path in sorted((REPO / "quizzes").glob("*.yaml")):
        quiz = parse_quiz(path.read_text(encoding="utf-8"), path)
        for question in quiz.questions:
            if question.steps:
                order = question.shuffled_step_order(quiz.id)
                assert sorted(order) == list(range(len(question.steps)))
                in_place = [step for place, step in enumerate(order) if place == step]
                assert not in_place, f"{path.name} {question.id}: steps {in_place} in place"
                checked += 1
    assert checked


BAD_INPUTS = [
    pytest.param(
        VALID.replace("    type: multiple", "    type: multiple\n  oops: [", 1),
        "oops: [",
        "YAML syntax error",
        id="yaml-syntax",
    ),
    pytest.param(
        VALID.replace("title: Sample check", "title: Sample check\ntitle: Again"),
        "title: Again",
        "duplicate key 'title' in the quiz (first at line 4)",
        id="duplicate-key",
    ),
    pytest.param(
        VALID.replace(
            "        correct: true\n        feedback: Yes. Fever",
            "        corect: true\n        feedback: Yes. Fever",
        ),
        "corect: true",
        "unknown key 'corect' in option 1 of question 'first-sign'; did you mean 'correct'?",
        id="unknown-key-typo",
    ),
    pytest.param(
        VALID.replace("minutes: 5", "minutes: five"),
        "minutes: five",
        "'minutes' is 'five'; write a whole number",
        id="wrong-type-minutes",
    ),
    pytest.param(
        VALID.replace("      - text: A rash", "      - text: yes"),
        "- text: yes",
        "'text' in option 2 of question 'first-sign' should be text, but YAML read "
        "the true/false value 'yes' (put the text in quotes)",
        id="wrong-type-bool",
    ),
    pytest.param(
        VALID.replace("    explanation: The first sign is usually a fever.\n", ""),
        "- id: first-sign",
        "question 'first-sign' is missing 'explanation'",
        id="missing-field",
    ),
    pytest.param(
        VALID.replace(
            "        correct: true\n        feedback: Yes. Fever", "        feedback: Yes. Fever"
        ),
        "- id: first-sign",
        "question 'first-sign' has no correct answer; add `correct: true`",
        id="no-correct-answer",
    ),
    pytest.param(
        VALID.replace("      - text: A rash\n", "      - text: A rash\n        correct: true\n"),
        "- id: first-sign",
        "question 'first-sign' is single choice but has 2 correct options",
        id="several-correct-in-single",
    ),
    pytest.param(
        VALID.replace("  - id: signs", "  - id: first-sign"),
        "- id: first-sign#2",
        "duplicate question id 'first-sign' (first at line 12)",
        id="duplicate-question-id",
    ),
    pytest.param(
        VALID.replace("category: care-team", "category: risk"),
        "category: risk",
        "'category' in the quiz is 'risk'; did you mean 'risks'?",
        id="bad-category",
    ),
    pytest.param(
        VALID.replace("category: care-team", "category: risks"),
        "- text: I'm not sure",
        "only care-team quizzes may offer",
        id="unsure-outside-care-team",
    ),
    pytest.param(
        VALID.replace("    type: ordering", "    type: single"),
        "    steps:",
        "'steps' does not belong in question 'steps'",
        id="fields-of-other-type",
    ),
    pytest.param(
        VALID.replace("id: sample", "id: Sample Quiz"),
        "id: Sample Quiz",
        "'id' in the quiz is 'Sample Quiz'; use lowercase letters",
        id="bad-id",
    ),
    pytest.param(
        VALID.replace("schema_version: 1", "schema_version: 2"),
        "schema_version: 2",
        "reads schema_version 1",
        id="schema-version",
    ),
    pytest.param(
        VALID.replace("  - text: Feeling hungry", "  - text: &h Feeling hungry") + "extra: *h\n",
        "extra: *h",
        "anchors and aliases",
        id="alias",
    ),
    pytest.param("", "", "the file is empty", id="empty-file"),
    pytest.param(
        VALID.replace("minutes: 5", "minutes: 0x5"),
        "minutes: 0x5",
        "'minutes' is '0x5'; write a whole number of minutes from 1 to 240 in plain digits",
        id="number-not-in-plain-digits",
    ),
    pytest.param(
        VALID.replace("      - text: A rash", "      - text: A  FEVER"),
        "- text: A  FEVER",
        "option 2 of question 'first-sign' has the same text as option 1 ('A fever')",
        id="identical-options",
    ),
    pytest.param(
        VALID.replace("      - text: Infusion", "      - text: Collect the cells"),
        "- text: Collect the cells#2",
        "step 4 of question 'steps' has the same text as step 1 ('Collect the cells')",
        id="identical-steps",
    ),
    pytest.param(
        VALID.replace("title: Sample check", 'title: "Sample\\0check"'),
        "title: ",
        "'title' in the quiz contains the control character U+0000 (NUL); remove it",
        id="nul-in-text",
    ),
    pytest.param(
        VALID.replace(
            "    prompt: What is", "    prompt: What ![x](https://other.example/t.png) is"
        ),
        "prompt: What ![x]",
        "images are not allowed in quiz text",
        id="quiz-text-profile",
    ),
]

#: Which part of the loader finds each mistake: "yaml" (reading YAML, stricter than a YAML
#: library's own loading), "schema" (the shipped JSON Schema) or "rule" (what a JSON Schema
#: cannot say). The schema and the loader must agree on the "schema" and "rule" rows.
LAYERS = {
    "yaml-syntax": "yaml",
    "duplicate-key": "yaml",
    "unknown-key-typo": "schema",
    "wrong-type-minutes": "schema",
    "wrong-type-bool": "schema",
    "missing-field": "schema",
    "no-correct-answer": "rule",
    "several-correct-in-single": "rule",
    "duplicate-question-id": "rule",
    "bad-category": "schema",
    "unsure-outside-care-team": "rule",
    "fields-of-other-type": "schema",
    "bad-id": "schema",
    "schema-version": "schema",
    "alias": "yaml",
    "empty-file": "yaml",
    "number-not-in-plain-digits": "yaml",
    "identical-options": "rule",
    "identical-steps": "rule",
    "nul-in-text": "yaml",
    "quiz-text-profile": "rule",
}


@pytest.mark.parametrize(("text", "needle", "expected"), BAD_INPUTS)
def test_each_mistake_is_reported_with_its_line_and_a_fix(text, needle, expected):
    problems = problems_of(text)
    expected_line = line_of(text, needle) if needle else 1
    assert any(line == expected_line and expected in message for line, message in problems), (
        f"expected line {expected_line}: {expected!r}\ngot: {problems}"
    )


def test_every_problem_in_a_file_is_reported_at_once():
    text = VALID.replace("minutes: 5", "minutes: five").replace("tier: simple", "tier: easy")
    messages = [message for _, message in problems_of(text)]
    assert any("minutes" in m for m in messages)
    assert any("tier" in m for m in messages)


def test_problem_prints_as_file_colon_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace("minutes: 5", "minutes: -3"), encoding="utf-8")
    with pytest.raises(QuizError) as caught:
        load_quiz(path)
    assert str(caught.value).startswith(
        f"{path}:{line_of(path.read_text(encoding='utf-8'), 'minutes')}: "
    )


def test_non_utf8_file_is_a_located_error(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9".encode("latin-1"))
    with pytest.raises(QuizError, match="not UTF-8"):
        load_quiz(path)


def test_two_files_with_the_same_id_are_both_reported_and_neither_published(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sample.yaml").write_text(VALID, encoding="utf-8")
    collection = load_quiz_directory(tmp_path)
    assert collection.quizzes == {}
    assert [(p.path.parent.name, p.line) for p in collection.problems] == [("a", 2), ("b", 2)]
    assert all("duplicate quiz id 'sample', also used by" in p.message for p in collection.problems)
    assert collection.broken_ids == {"sample": tmp_path / "a" / "sample.yaml"}


def test_an_id_that_differs_from_the_file_name_is_located_at_the_id(tmp_path):
    (tmp_path / "other.yaml").write_text(VALID, encoding="utf-8")
    collection = load_quiz_directory(tmp_path)
    assert collection.quizzes == {}
    [problem] = collection.problems
    assert (problem.line, problem.message) == (
        line_of(VALID, "id: sample"),
        "the quiz id 'sample' differs from the file name 'other.yaml'; rename the file to "
        "sample.yaml or change the id to 'other'",
    )
    # `{quiz} other` says the file could not be loaded, not "create other.yaml"
    assert collection.broken_ids == {
        "other": tmp_path / "other.yaml",
        "sample": tmp_path / "other.yaml",
    }


def test_no_question_is_silently_dropped():
    """A quiz with one broken question is rejected whole, never published without it."""
    text = VALID.replace("    prompt: Which of these are signs to report?\n", "")
    problems = problems_of(text)
    assert problems and "missing 'prompt'" in problems[0][1]


def test_site_quizzes_match_the_published_json_schema_and_load():
    jsonschema = pytest.importorskip("jsonschema")
    repo_quizzes = Path(__file__).parent.parent / "quizzes"
    paths = [*sorted(repo_quizzes.glob("*.yaml")), *sorted(ROOT.glob("*.yaml"))]
    assert len(paths) >= 10
    for path in paths:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)
        assert load_quiz(path).id == path.stem


def test_every_bad_input_has_its_layer():
    assert set(LAYERS) == {case.id for case in BAD_INPUTS}


@pytest.mark.parametrize(
    ("text", "layer"),
    [
        pytest.param(case.values[0], LAYERS[case.id], id=case.id)
        for case in BAD_INPUTS
        if LAYERS[case.id] != "yaml"
    ],
)
def test_the_json_schema_and_the_loader_agree_on_the_bad_inputs(text, layer):
    """Schema mistakes are refused by the shipped schema too (what editors check as authors
    type); rule mistakes pass it, because only the loader can say them."""
    jsonschema = pytest.importorskip("jsonschema")
    assert problems_of(text)
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(yaml.safe_load(text)))
    assert bool(errors) == (layer == "schema"), errors


def test_the_schema_is_the_only_key_table():
    """Allowed keys come from the schema: its property names are what messages offer."""
    from cart_quiz import loader, places, rules, schema, yaml_source

    for module in (loader, places, rules, schema, yaml_source):
        assert not [name for name in dir(module) if name.endswith("_KEYS")], module
    problems = problems_of(VALID.replace("tier: simple", "tier: simple\nlevel: 1"))
    allowed = ", ".join(sorted(SCHEMA["properties"]))
    assert (7, f"unknown key 'level' in the quiz; remove it (allowed: {allowed})") in problems


# --- property tests: any input is a quiz or a located error, never a traceback -------------

yaml_scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none())
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)


def _assert_quiz_or_located_error(text: str) -> None:
    assert_quiz_or_located_problems(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_crashes_the_loader(text):
    _assert_quiz_or_located_error(text)


@settings(max_examples=300, deadline=None)
@given(yaml_values)
def test_random_yaml_structures_never_crash_the_loader(value):
    _assert_quiz_or_located_error(yaml.safe_dump(value))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_mutated_valid_quizzes_never_crash_the_loader(data):
    lines = VALID.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace", "indent"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = data.draw(st.text(max_size=40)) + "\n"
        else:
            lines[index] = "  " + lines[index]
    _assert_quiz_or_located_error("".join(lines))


def test_the_quiz_folder_is_listed_as_path_rglob_would(tmp_path):
    """Every .yaml and .yml file, nested folders included, in `Path` order; not a file named
    only `.yaml`, not a folder named like a quiz, not a folder reached by a symbolic link."""
    for name in ("a.yaml", "b.yml", "a-b.yaml", ".yaml", "notes.txt", "sub/c.yaml",
                 "sub/deeper/d.yaml", "folder.yaml/e.yaml", "z/a.yaml"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "sub")
    assert [Path(name).relative_to(tmp_path).as_posix() for name in quiz_files(tmp_path)] == [
        "a-b.yaml", "a.yaml", "b.yml", "folder.yaml/e.yaml", "sub/c.yaml", "sub/deeper/d.yaml",
        "z/a.yaml",
    ]  # fmt: skip
