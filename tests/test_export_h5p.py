"""H5P packages: the zip layout H5P hosts read, h5p.json naming the right libraries and
versions, content.json valid against each content type's semantics, and a round trip back to
the questions, answers, feedback and scores.

The semantics below are a subset written for these tests from the content types' own
semantics.json (H5P.QuestionSet 1.20, H5P.MultiChoice 1.16, H5P.TrueFalse 1.8, H5P.DragText
1.10, read in h5p/h5p-* on GitHub): each field's name, type, whether it is optional, the
allowed values of selects, the tags of HTML fields and the libraries a library field takes.
Fields not listed are refused, so a misspelt or invented field fails too."""

from __future__ import annotations

import html
import io
import itertools
import json
import re
import zipfile
from pathlib import Path

import pytest
from cart_quiz.export import compose_all_quizzes, quiz_export
from cart_quiz.export.content import (
    multiple_answer_score,
    position_name,
    question_title,
)
from cart_quiz.export.h5p import h5p_bundle, h5p_package
from cart_quiz.export.markup import inline_plain
from cart_quiz.loader import load_quiz, load_quiz_directory

ROOT = Path(__file__).parent / "roots" / "test-educators" / "quizzes"
SITE_QUIZZES = Path(__file__).parent.parent / "quizzes"


def field(name, kind, optional=False, **more):
    return {"name": name, "type": kind, "optional": optional, **more}


def texts(*names, optional=False):
    return [field(name, "text", optional) for name in names]


A11Y = texts("a11yCheck", "a11yShowSolution", "a11yRetry")
CONFIRM = texts("header", "body", "cancelLabel", "confirmLabel")
MEDIA = field(
    "media",
    "group",
    fields=[
        field("type", "library", True, options=[]),
        field("disableImageZooming", "boolean", True),
    ],
)
OVERALL_FEEDBACK = field(
    "overallFeedback",
    "group",
    fields=[
        field(
            "overallFeedback",
            "list",
            True,
            min=1,
            field=field(
                "overallFeedback",
                "group",
                fields=[
                    field("from", "number"),
                    field("to", "number"),
                    field("feedback", "text", True),
                ],
            ),
        )
    ],
)
OVERALL_FEEDBACK_LIST = OVERALL_FEEDBACK
HTML_INLINE = ["strong", "em", "sub", "sup", "code"]
QUESTION_HTML = ["p", "br", "strong", "em", "sub", "sup", "h2", "h3", "pre", "code"]
SEMANTICS = {
    "H5P.MultiChoice 1.16": [
        MEDIA,
        field("question", "html", tags=QUESTION_HTML),
        field(
            "answers",
            "list",
            min=1,
            field=field(
                "answer",
                "group",
                fields=[
                    field("text", "html", tags=HTML_INLINE),
                    field("correct", "boolean"),
                    field(
                        "tipsAndFeedback",
                        "group",
                        True,
                        fields=[
                            field(
                                "tip", "html", True, tags=["p", "br", "strong", "em", "a", "code"]
                            ),
                            field("chosenFeedback", "html", True, tags=[*HTML_INLINE, "a"]),
                            field("notChosenFeedback", "html", True, tags=[*HTML_INLINE, "a"]),
                        ],
                    ),
                ],
            ),
        ),
        OVERALL_FEEDBACK_LIST,
        field(
            "UI",
            "group",
            fields=[
                *texts("checkAnswerButton", "submitAnswerButton", "showSolutionButton"),
                *texts("tryAgainButton", optional=True),
                *A11Y,
            ],
        ),
        field(
            "behaviour",
            "group",
            True,
            fields=[
                field("enableRetry", "boolean", True),
                field("enableSolutionsButton", "boolean", True),
                field("enableCheckButton", "boolean", True),
                field("type", "select", options=["auto", "multi", "single"]),
                field("singlePoint", "boolean"),
                field("randomAnswers", "boolean"),
                field("showSolutionsRequiresInput", "boolean", True),
                field("confirmCheckDialog", "boolean"),
                field("confirmRetryDialog", "boolean"),
                field("autoCheck", "boolean"),
                field("passPercentage", "number"),
                field("showScorePoints", "boolean"),
            ],
        ),
        field("confirmCheck", "group", fields=CONFIRM),
        field("confirmRetry", "group", fields=CONFIRM),
    ],
    "H5P.TrueFalse 1.8": [
        MEDIA,
        field("question", "html", tags=QUESTION_HTML),
        field("correct", "select", options=["true", "false"]),
        field(
            "l10n",
            "group",
            fields=[
                *texts("trueText", "falseText", "score", "checkAnswer", "submitAnswer"),
                *texts("showSolutionButton", "tryAgain", "wrongAnswerMessage"),
                *texts("correctAnswerMessage", "scoreBarLabel"),
                *A11Y,
            ],
        ),
        field(
            "behaviour",
            "group",
            fields=[
                field("enableRetry", "boolean"),
                field("enableSolutionsButton", "boolean"),
                field("enableCheckButton", "boolean", True),
                field("confirmCheckDialog", "boolean"),
                field("confirmRetryDialog", "boolean"),
                field("autoCheck", "boolean"),
                field("feedbackOnCorrect", "text", True, maxLength=2048),
                field("feedbackOnWrong", "text", True, maxLength=2048),
            ],
        ),
        field("confirmCheck", "group", fields=CONFIRM),
        field("confirmRetry", "group", fields=CONFIRM),
    ],
    "H5P.DragText 1.10": [
        MEDIA,
        field(
            "taskDescription",
            "html",
            tags=[
                "p",
                "br",
                "strong",
                "em",
                "u",
                "a",
                "ul",
                "ol",
                "li",
                "h2",
                "h3",
                "hr",
                "pre",
                "code",
            ],
        ),
        field("textField", "text"),
        field("distractors", "text", True),
        OVERALL_FEEDBACK_LIST,
        *texts("checkAnswer", "submitAnswer", "tryAgain", "showSolution", "dropZoneIndex"),
        *texts("empty", "contains", "ariaDraggableIndex", "tipLabel", "correctText"),
        *texts("incorrectText", "resetDropTitle", "resetDropDescription", "grabbed"),
        *texts("cancelledDragging", "correctAnswer", "feedbackHeader", "scoreBarLabel"),
        *A11Y,
        field(
            "behaviour",
            "group",
            True,
            fields=[
                field("enableRetry", "boolean"),
                field("enableSolutionsButton", "boolean"),
                field("enableCheckButton", "boolean", True),
                field("instantFeedback", "boolean", True),
            ],
        ),
    ],
}
QUESTION_SET_LIBRARIES = [
    "H5P.MultiChoice 1.16",
    "H5P.DragQuestion 1.14",
    "H5P.Blanks 1.14",
    "H5P.MarkTheWords 1.11",
    "H5P.DragText 1.10",
    "H5P.TrueFalse 1.8",
    "H5P.Essay 1.5",
    "H5P.MultiMediaChoice 0.3",
]
SEMANTICS["H5P.QuestionSet 1.20"] = [
    field(
        "introPage",
        "group",
        fields=[
            field("showIntroPage", "boolean"),
            *texts("title", "introduction", "startButtonText", optional=True),
            field("backgroundImage", "image", True),
        ],
    ),
    field("backgroundImage", "image", True),
    field("progressType", "select", options=["dots", "textual"]),
    field("passPercentage", "number"),
    field(
        "questions",
        "list",
        min=1,
        field=field("question", "library", options=QUESTION_SET_LIBRARIES),
    ),
    field(
        "texts",
        "group",
        fields=texts(
            "prevButton",
            "previous",
            "nextButton",
            "next",
            "finishButton",
            "submitButton",
            "textualProgress",
            "jumpToQuestion",
            "questionLabel",
            "readSpeakerProgress",
            "unansweredText",
            "answeredText",
            "currentQuestionText",
            "navigationLabel",
        ),
    ),
    field("disableBackwardsNavigation", "boolean", True),
    field("randomQuestions", "boolean"),
    field("poolSize", "number", True),
    field(
        "endGame",
        "group",
        fields=[
            field("showResultPage", "boolean"),
            field("showSolutionButton", "boolean"),
            field("showRetryButton", "boolean"),
            field("noResultMessage", "text", True),
            *texts("message", "amountCorrect", "scoreBarLabel", "scoreHeader"),
            OVERALL_FEEDBACK,
            field(
                "oldFeedback",
                "group",
                fields=texts(
                    "successGreeting",
                    "successComment",
                    "failGreeting",
                    "failComment",
                    optional=True,
                ),
            ),
            *texts("solutionButtonText", "retryButtonText", "finishButtonText", "submitButtonText"),
            field("showAnimations", "boolean"),
            field("skippable", "boolean"),
            field("skipButtonText", "text"),
            field("successVideo", "video", True),
            field("failVideo", "video", True),
        ],
    ),
    field(
        "override",
        "group",
        True,
        fields=[
            field("checkButton", "boolean", True),
            field("showSolutionButton", "select", True, options=["on", "off"]),
            field("retryButton", "select", True, options=["on", "off"]),
        ],
    ),
]
MAIN = ("H5P.QuestionSet", 1, 20)
_TAG = re.compile(r"</?([a-zA-Z0-9]+)")


def problems(value, fields, path="") -> list[str]:
    """Where `value` (a group's parameters) breaks the semantics `fields`."""
    found = []
    if not isinstance(value, dict):
        return [f"{path}: not an object"]
    known = {spec["name"]: spec for spec in fields}
    found += [f"{path}/{name}: not in the semantics" for name in value if name not in known]
    for name, spec in known.items():
        where = f"{path}/{name}"
        if name not in value:
            if not spec["optional"] and spec["type"] != "group":
                found.append(f"{where}: required field missing")
            continue
        found += check(value[name], spec, where)
    return found


def check(value, spec, where) -> list[str]:
    kind = spec["type"]
    if kind in {"text", "html"}:
        if not isinstance(value, str):
            return [f"{where}: not text"]
        if kind == "text" and re.search(r"[<>\"']|&(?!#?\w+;)", value):
            # H5P stores plain text escaped (htmlspecialchars, ENT_QUOTES) and would change it.
            return [f"{where}: plain text field not escaped as H5P stores it"]
        if len(value) > spec.get("maxLength", 10**9):
            return [f"{where}: too long"]
        tags = set(_TAG.findall(value)) - set(spec.get("tags", []))
        return [f"{where}: tags {sorted(tags)} not allowed"] if tags else []
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{where}: not a boolean"]
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{where}: not a number"]
    if kind == "select":
        return [] if value in spec["options"] else [f"{where}: {value!r} is not an option"]
    if kind == "group":
        if len(spec["fields"]) == 1:
            # H5P stores a group of one field as that field's value.
            return check(value, spec["fields"][0], where)
        return problems(value, spec["fields"], where)
    if kind == "list":
        if not isinstance(value, list) or len(value) < spec.get("min", 0):
            return [f"{where}: not a list of at least {spec.get('min', 0)}"]
        return [
            p for i, item in enumerate(value) for p in check(item, spec["field"], f"{where}/{i}")
        ]
    if kind == "library":
        if not isinstance(value, dict) or value.get("library") not in spec["options"]:
            return [f"{where}: library {value.get('library')!r} not accepted"]
        extra = set(value) - {"library", "params", "subContentId", "metadata"}
        if extra:
            return [f"{where}: unknown keys {sorted(extra)}"]
        return problems(value.get("params"), SEMANTICS[value["library"]], f"{where}/params")
    return [f"{where}: {kind} not expected here"]


def package_problems(data: bytes) -> list[str]:
    """Everything an H5P host would refuse in this package."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["not a zip"]
    names = set(package.namelist())
    if not {"h5p.json", "content/content.json"} <= names:
        return [f"zip layout: {sorted(names)}"]
    if any(not name.startswith("content/") and name != "h5p.json" for name in names):
        return [f"files outside content/: {sorted(names)}"]
    meta = json.loads(package.read("h5p.json"))
    content = json.loads(package.read("content/content.json"))
    found = [
        f"h5p.json: {key} missing"
        for key in ("title", "mainLibrary", "language", "embedTypes", "preloadedDependencies")
        if key not in meta
    ]
    dependencies = {
        (d["machineName"], d["majorVersion"], d["minorVersion"])
        for d in meta.get("preloadedDependencies", [])
    }
    if meta.get("mainLibrary") != MAIN[0] or MAIN not in dependencies:
        found.append("h5p.json: main library is not H5P.QuestionSet 1.20")
    used = {
        tuple(q.get("library", "").replace(".", " ", 1).split(" "))
        for q in content.get("questions", [])
    }
    for question in content.get("questions", []):
        name, version = question.get("library", " ").split(" ")
        major, minor = (int(part) for part in version.split("."))
        if (name, major, minor) not in dependencies:
            found.append(f"h5p.json: {question['library']} not among the dependencies")
    del used
    return found + problems(content, SEMANTICS["H5P.QuestionSet 1.20"], "content")


def unpack(data: bytes) -> tuple[dict, dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return json.loads(package.read("h5p.json")), json.loads(
            package.read("content/content.json")
        )


def repack(meta: dict, content: dict, names=("h5p.json", "content/content.json")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(names[0], json.dumps(meta))
        package.writestr(names[1], json.dumps(content))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def site():
    return sorted(load_quiz_directory(SITE_QUIZZES).quizzes.values(), key=lambda quiz: quiz.id)


def test_every_site_quiz_is_a_valid_package_holding_every_question(site):
    for quiz in site:
        data = h5p_package(quiz)
        assert package_problems(data) == [], quiz.id
        _, content = unpack(data)
        assert len(content["questions"]) == len(quiz.questions)


def test_the_test_fixtures_are_valid_packages_too():
    for name in ("escapes.yaml", "team.yaml", "basics.yaml"):
        assert package_problems(h5p_package(load_quiz(ROOT / name))) == [], name


def test_a_broken_package_is_refused(site):
    meta, content = unpack(h5p_package(site[0]))
    assert package_problems(repack(meta, content)) == []
    missing = json.loads(json.dumps(content))
    del missing["questions"][0]["params"]["question"]
    assert any("required field missing" in p for p in package_problems(repack(meta, missing)))
    wrong_version = json.loads(json.dumps(content))
    wrong_version["questions"][0]["library"] = "H5P.MultiChoice 1.99"
    assert any("not accepted" in p for p in package_problems(repack(meta, wrong_version)))
    old_main = {**meta, "preloadedDependencies": meta["preloadedDependencies"][1:]}
    assert any("main library" in p for p in package_problems(repack(old_main, content)))
    assert any(
        "layout" in p for p in package_problems(repack(meta, content, ("h5p.json", "content.json")))
    )
    invented = json.loads(json.dumps(content))
    invented["questions"][0]["params"]["behaviour"]["shuffle"] = True
    assert any("not in the semantics" in p for p in package_problems(repack(meta, invented)))
    assert package_problems(b"not a zip") == ["not a zip"]


def test_the_package_says_what_it_cannot_carry(site):
    meta, _ = unpack(h5p_package(site[0]))
    assert "Hints are not included" in meta["authorComments"]


def test_the_same_quiz_gives_the_same_bytes(site):
    assert h5p_package(site[0]) == h5p_package(site[0])
    with zipfile.ZipFile(io.BytesIO(h5p_package(site[0]))) as package:
        assert [info.date_time for info in package.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 2
        assert package.namelist() == sorted(package.namelist())


def test_questions_answers_feedback_and_scores_round_trip(site):
    for quiz in site:
        _, content = unpack(h5p_package(quiz))
        for item, question in zip(content["questions"], quiz.questions, strict=True):
            params = item["params"]
            assert html.unescape(item["metadata"]["title"]) == question_title(question)
            if question.type in {"single", "multiple"}:
                shown = [c for c in question.choices if question.type == "single" or not c.unsure]
                assert [inline_plain_html(a["text"]) for a in params["answers"]] == [
                    inline_plain(c.text) for c in shown
                ]
                assert [a["correct"] for a in params["answers"]] == [c.correct for c in shown]
                assert [
                    inline_plain_html(a["tipsAndFeedback"]["chosenFeedback"])
                    for a in params["answers"]
                ] == [inline_plain(c.feedback) for c in shown]
                assert params["behaviour"]["type"] == (
                    "multi" if question.type == "multiple" else "single"
                )
                assert inline_plain(question.explanation) in inline_plain_html(
                    params["overallFeedback"][0]["feedback"]
                )
                if question.type == "multiple":
                    indexes = [question.choices.index(c) for c in shown]
                    for size in range(len(shown) + 1):
                        for ticked in itertools.combinations(range(len(shown)), size):
                            assert h5p_multichoice_score(params, set(ticked)) == pytest.approx(
                                multiple_answer_score(question, {indexes[i] for i in ticked})
                            )
            elif question.type == "true-false":
                assert params["correct"] == ("true" if question.choices[0].correct else "false")
                right = next(c for c in question.choices if c.correct)
                wrong = next(c for c in question.choices if not c.correct)
                assert inline_plain_html(params["behaviour"]["feedbackOnCorrect"]).startswith(
                    inline_plain(right.feedback)
                )
                assert inline_plain_html(params["behaviour"]["feedbackOnWrong"]).startswith(
                    inline_plain(wrong.feedback)
                )
            else:
                assert read_drag_text(params["textField"]) == [
                    (
                        position_name(place, len(question.steps)),
                        inline_plain(step.text),
                        inline_plain(step.feedback),
                    )
                    for place, step in enumerate(question.steps, start=1)
                ]


def inline_plain_html(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def h5p_multichoice_score(params: dict, ticked: set[int]) -> float:
    """H5P.MultiChoice's score for several right answers (singlePoint off): +1 per right
    option chosen, -1 per wrong one, never below 0, out of the number of right options."""
    answers = params["answers"]
    gained = sum(1 if answers[i]["correct"] else -1 for i in ticked)
    return max(0, gained) / sum(a["correct"] for a in answers)


def read_drag_text(text_field: str) -> list[tuple[str, str, str]]:
    """Each line's place, the step to drag there and its feedback, as drag-text parses them
    (`*answer\\+correct feedback*`), with the look-alike characters read back."""
    import html

    back = str.maketrans({"\u2217": "*", "\ua789": ":", "\u2216": "\\"})
    lines = []
    for line in html.unescape(text_field).split("\n"):
        place, gap = line.split(": *", 1)
        assert gap.endswith("*") and gap.count("*") == 1
        answer, feedback = gap[:-1].split("\\+")
        assert ":" not in answer + feedback
        lines.append((place, answer.translate(back), feedback.translate(back)))
    return lines


def test_all_quizzes_bundle_holds_one_package_per_quiz(site):
    with zipfile.ZipFile(io.BytesIO(h5p_bundle(site))) as bundle:
        assert bundle.namelist() == [f"{quiz.id}.h5p" for quiz in site]
        for quiz in site:
            assert bundle.read(f"{quiz.id}.h5p") == h5p_package(quiz)


@pytest.mark.parametrize("format_name", ["qti", "moodle", "moodle-legacy", "gift", "h5p"])
def test_the_all_quizzes_file_composed_from_parts_equals_the_one_written_at_once(site, format_name):
    from cart_quiz.export import export_contents
    from cart_quiz.export.files import all_quizzes_export_path

    at_once = export_contents(site, [format_name])[all_quizzes_export_path(format_name)]
    parts = {quiz.id: quiz_export(quiz, format_name) for quiz in site}
    assert compose_all_quizzes(format_name, parts) == at_once


@pytest.mark.parametrize("format_name", ["qti", "moodle", "moodle-legacy", "gift", "h5p"])
def test_a_one_quiz_all_quizzes_file_is_composed_the_same_way(site, format_name):
    from cart_quiz.export import all_quizzes_export

    quiz = site[0]
    composed = compose_all_quizzes(format_name, {quiz.id: quiz_export(quiz, format_name)})
    assert composed == all_quizzes_export([quiz], format_name)
