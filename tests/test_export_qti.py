"""QTI 1.2 packages for Canvas: well-formed, every type mapped, round-trips faithfully."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from cart_quiz.export.content import (
    general_feedback_html,
    hint_html,
    multiple_answer_score,
    prompt_html,
    question_title,
)
from cart_quiz.export.markup import inline_html, inline_plain
from cart_quiz.export.qti import assessment_ident, qti_package
from cart_quiz.loader import load_quiz, load_quiz_directory
from cart_quiz.model import Choice, Question, Quiz
from export_helpers import read_html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import XML_TEXT

ROOT = Path(__file__).parent / "roots" / "test-educators" / "quizzes"
SITE_QUIZZES = Path(__file__).parent.parent / "quizzes"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def escapes():
    return load_quiz(ROOT / "escapes.yaml")


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def mattext(element) -> str:
    return element.find(f"{QTI}material/{QTI}mattext").text or ""


def read_items(xml: bytes) -> list[dict]:
    """Each item back as plain data: what Canvas would import from it."""
    root = etree.fromstring(xml)
    items = []
    for item in root.iter(f"{QTI}item"):
        fields = {
            field.findtext(f"{QTI}fieldlabel"): field.findtext(f"{QTI}fieldentry")
            for field in item.iter(f"{QTI}qtimetadatafield")
        }
        feedback = {
            fb.get("ident"): mattext(fb.find(f"{QTI}flow_mat"))
            for fb in item.iter(f"{QTI}itemfeedback")
        }
        presentation = item.find(f"{QTI}presentation")
        read = {
            "ident": item.get("ident"),
            "type": fields["question_type"],
            "prompt": mattext(presentation),
            "general": feedback.get("general_fb"),
            "hint": feedback.get("general_incorrect_fb"),
            "all_feedback": feedback,
            "title": item.get("title"),
        }
        processing = item.find(f"{QTI}resprocessing")
        if read["type"] == "matching_question":
            labels = {}
            lefts = {}
            for response in presentation.iter(f"{QTI}response_lid"):
                lefts[response.get("ident")] = mattext(response)
                for label in response.iter(f"{QTI}response_label"):
                    labels[label.get("ident")] = mattext(label)
            matches = {}
            for condition in processing.iter(f"{QTI}respcondition"):
                equal = condition.find(f"{QTI}conditionvar/{QTI}varequal")
                setvar = condition.find(f"{QTI}setvar")
                if equal is not None and setvar is not None:
                    matches[lefts[equal.get("respident")]] = labels[equal.text]
                    assert setvar.get("action") == "Add"
                    shown = condition.find(f"{QTI}displayfeedback").get("linkrefid")
                    read.setdefault("step_feedback", {})[lefts[equal.get("respident")]] = feedback[
                        shown
                    ]
            read["left_order"] = list(lefts.values())
            read["matches"] = matches
        else:
            response = presentation.find(f"{QTI}response_lid")
            read["cardinality"] = response.get("rcardinality")
            read["choices"] = [
                (label.get("ident"), mattext(label))
                for label in response.iter(f"{QTI}response_label")
            ]
            read["feedback"] = {ident: feedback[f"{ident}_fb"] for ident, _ in read["choices"]}
            scoring = [
                c
                for c in processing.iter(f"{QTI}respcondition")
                if c.find(f"{QTI}setvar") is not None
                and c.find(f"{QTI}setvar").get("action") == "Set"
            ]
            assert len(scoring) == 1
            assert scoring[0].findtext(f"{QTI}setvar") == "100"
            read["processing"] = processing
            condition = scoring[0].find(f"{QTI}conditionvar")
            read["right"] = {
                equal.text
                for equal in condition.iter(f"{QTI}varequal")
                if equal.getparent().tag != f"{QTI}not"
            }
            read["must_not"] = {
                equal.text
                for equal in condition.iter(f"{QTI}varequal")
                if equal.getparent().tag == f"{QTI}not"
            }
        items.append(read)
    return items


def _holds(condition, ticked: set[str]) -> bool:
    """A QTI 1.2 conditionvar test (varequal, and, not, other) for the ticked idents."""
    tag = condition.tag.removeprefix(QTI)
    if tag == "varequal":
        return condition.text in ticked
    if tag == "other":
        return True
    if tag == "not":
        return not _holds(condition[0], ticked)
    if tag in {"and", "conditionvar"}:
        return all(_holds(part, ticked) for part in condition)
    raise AssertionError(tag)


def score(processing, ticked: set[str]) -> float:
    """QTI 1.2 response processing run for a learner who ticked `ticked`: SCORE from 0 to 100,
    clamped to the decvar's bounds."""
    decvar = processing.find(f"{QTI}outcomes/{QTI}decvar")
    value = 0.0
    for condition in processing.iter(f"{QTI}respcondition"):
        if not _holds(condition.find(f"{QTI}conditionvar"), ticked):
            continue
        for setvar in condition.iter(f"{QTI}setvar"):
            amount = float(setvar.text)
            value = {"Set": amount, "Add": value + amount, "Subtract": value - amount}[
                setvar.get("action")
            ]
        if condition.get("continue") == "No":
            break
    return min(float(decvar.get("maxvalue")), max(float(decvar.get("minvalue")), value))


def test_the_package_is_a_zip_with_a_manifest_naming_every_file(escapes):
    files = unzip(qti_package([escapes]))
    ident = assessment_ident(escapes)
    assert set(files) == {"imsmanifest.xml", f"{ident}/{ident}.xml", f"{ident}/assessment_meta.xml"}
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = {file.get("href") for file in manifest.iter(f"{MANIFEST}file")}
    assert hrefs == set(files) - {"imsmanifest.xml"}
    resource = manifest.find(f"{MANIFEST}resources/{MANIFEST}resource")
    assert resource.get("type") == "imsqti_xmlv1p2"


def test_every_file_of_every_site_quiz_is_well_formed_xml():
    quizzes = list(load_quiz_directory(SITE_QUIZZES).quizzes.values())
    files = unzip(qti_package(quizzes))
    assert len(files) == 1 + 2 * len(quizzes)
    for name, data in files.items():
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"), name
        etree.fromstring(data)
    for quiz in quizzes:
        ident = assessment_ident(quiz)
        items = read_items(files[f"{ident}/{ident}.xml"])
        assert [item["ident"] for item in items] == [f"{ident}-{q.id}" for q in quiz.questions]


def test_each_question_type_maps_to_a_canvas_type(escapes):
    ident = assessment_ident(escapes)
    items = read_items(unzip(qti_package([escapes]))[f"{ident}/{ident}.xml"])
    assert [item["type"] for item in items] == [
        "multiple_choice_question",
        "multiple_answers_question",
        "true_false_question",
        "matching_question",  # QTI 1.2 in Canvas has no ordering item: documented exception
    ]
    assert [item.get("cardinality") for item in items[:3]] == ["Single", "Multiple", "Single"]


def test_choices_answers_and_feedback_round_trip(escapes):
    ident = assessment_ident(escapes)
    items = read_items(unzip(qti_package([escapes]))[f"{ident}/{ident}.xml"])
    for item, question in zip(items[:3], escapes.questions[:3], strict=True):
        assert item["prompt"] == prompt_html(question)
        assert item["general"] == general_feedback_html(question)
        assert item["title"] == question_title(question)
        assert item["hint"] == (hint_html(question) or None)
        shown = [c for c in question.choices if question.type != "multiple" or not c.unsure]
        texts = [text for _, text in item["choices"]]
        if question.type == "true-false":
            assert texts == ["True", "False"]
        else:
            assert texts == [inline_html(choice.text) for choice in shown]
        idents = [ident for ident, _ in item["choices"]]
        assert all(ident[0].isalpha() for ident in idents)
        assert [item["feedback"][i] for i in idents] == [inline_html(c.feedback) for c in shown]
        assert item["right"] == {i for i, c in zip(idents, shown, strict=True) if c.correct}
        if question.type == "multiple":
            assert item["must_not"] == set(idents) - item["right"]


def test_special_characters_arrive_as_the_text_the_author_wrote(escapes):
    ident = assessment_ident(escapes)
    xml = unzip(qti_package([escapes]))[f"{ident}/{ident}.xml"]
    first = read_items(xml)[0]
    shown, tags = read_html(first["prompt"])
    assert " ".join(shown.split()) == inline_plain(escapes.questions[0].prompt)
    assert "~ = # { } \\ & <b>x</b> \"q\" 'a' café 😀?" in shown
    assert ("a", {"href": "https://example.org/a?b=1&c=2"}) in tags
    assert ("strong", {}) in tags and ("em", {}) in tags
    assert not any(tag == "b" for tag, _ in tags)
    shown_feedback, _ = read_html(first["general"])
    assert "<script>alert(1)</script>" in shown_feedback  # text, never markup
    assert "café 😀".encode() in xml  # UTF-8, not character references


def test_ordering_becomes_matching_each_step_to_its_position(escapes):
    ident = assessment_ident(escapes)
    order = read_items(unzip(qti_package([escapes]))[f"{ident}/{ident}.xml"])[3]
    steps = [inline_html(step.text) for step in escapes.questions[3].steps]
    assert sorted(order["left_order"]) == sorted(steps)  # formatting kept
    assert order["left_order"] != steps  # shown shuffled, as on the site
    assert order["matches"] == dict(zip(steps, ["1 (first)", "2", "3 (last)"], strict=True))
    # Each step keeps its own feedback; the general feedback does not give the order away.
    assert order["step_feedback"] == {
        inline_html(step.text): inline_html(step.feedback) for step in escapes.questions[3].steps
    }
    assert order["general"] == general_feedback_html(escapes.questions[3], with_order=False)
    shown, _ = read_html(order["general"])
    for step in escapes.questions[3].steps:
        assert inline_plain(step.feedback) not in shown


def test_canvas_metadata_makes_a_practice_quiz_with_the_objectives(escapes):
    ident = assessment_ident(escapes)
    meta = etree.fromstring(unzip(qti_package([escapes]))[f"{ident}/assessment_meta.xml"])
    ns = "{http://canvas.instructure.com/xsd/cccv1p0}"
    assert meta.findtext(f"{ns}title") == escapes.title
    assert meta.findtext(f"{ns}quiz_type") == "practice_quiz"
    assert inline_plain(escapes.objectives[0]) in read_html(meta.findtext(f"{ns}description"))[0]


def test_the_package_is_the_same_bytes_every_time(escapes):
    assert qti_package([escapes]) == qti_package([escapes])


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(XML_TEXT, min_size=6, max_size=6))
def test_any_text_round_trips_through_qti(texts):
    prompt, right, wrong, feedback_right, feedback_wrong, explanation = texts
    choices = (
        Choice(right, feedback_right, 1, correct=True),
        Choice(wrong, feedback_wrong, 1),
    )
    question = Question("q", "single", prompt, explanation, "label", 1, 1, "treatment", choices)
    quiz = Quiz("z", prompt, "risks", "simple", 1, "treatment", ("o",), (question,), Path("z"))
    files = unzip(qti_package([quiz]))
    item = read_items(files["cart-quiz-z/cart-quiz-z.xml"])[0]
    assert (
        etree.fromstring(files["cart-quiz-z/cart-quiz-z.xml"]).find(f"{QTI}assessment").get("title")
        == prompt
    )
    assert item["prompt"] == prompt_html(question)
    assert item["general"] == general_feedback_html(question)
    assert [text for _, text in item["choices"]] == [inline_html(c.text) for c in choices]
    assert list(item["feedback"].values()) == [inline_html(c.feedback) for c in choices]


def test_multiple_answer_scoring_follows_the_one_rule_for_every_answer():
    """Every combination of ticks scores as `multiple_answer_score` says, for every
    multiple-answer question of the site."""
    import itertools

    for quiz in load_quiz_directory(SITE_QUIZZES).quizzes.values():
        ident = assessment_ident(quiz)
        items = read_items(unzip(qti_package([quiz]))[f"{ident}/{ident}.xml"])
        for item, question in zip(items, quiz.questions, strict=True):
            if question.type != "multiple":
                continue
            shown = [i for i, c in enumerate(question.choices) if not c.unsure]
            idents = [ident for ident, _ in item["choices"]]
            for size in range(len(shown) + 1):
                for ticked in itertools.combinations(range(len(shown)), size):
                    expected = multiple_answer_score(question, {shown[i] for i in ticked})
                    got = score(item["processing"], {idents[i] for i in ticked})
                    assert got / 100 == pytest.approx(expected, abs=1e-4), (question.id, ticked)


def test_canvas_reads_exactly_the_right_options_as_right():
    """Canvas's converter (qti_exporter ChoiceInteraction#get_response_weight) takes an option
    as right when it sits directly under the full-marks `and`, or when a condition on it sets
    or adds a positive SCORE. So no condition on a wrong option may carry a positive value."""
    for quiz in load_quiz_directory(SITE_QUIZZES).quizzes.values():
        ident = assessment_ident(quiz)
        root = etree.fromstring(unzip(qti_package([quiz]))[f"{ident}/{ident}.xml"])
        for item, question in zip(root.iter(f"{QTI}item"), quiz.questions, strict=True):
            if question.type == "ordering":
                continue
            shown = [c for c in question.choices if question.type != "multiple" or not c.unsure]
            labels = [label.get("ident") for label in item.iter(f"{QTI}response_label")]
            right = {label for label, c in zip(labels, shown, strict=True) if c.correct}
            canvas_right = set()
            for condition in item.iter(f"{QTI}respcondition"):
                variable = condition.find(f"{QTI}conditionvar")
                both = variable.find(f"{QTI}and")
                if both is not None:
                    canvas_right |= {equal.text for equal in both.findall(f"{QTI}varequal")}
                    continue
                equal = variable.find(f"{QTI}varequal")
                setvar = condition.find(f"{QTI}setvar")
                if equal is not None and setvar is not None and float(setvar.text) > 0:
                    canvas_right.add(equal.text)
            assert canvas_right == right, (quiz.id, question.id)


def test_the_assessment_says_what_it_cannot_carry(escapes):
    ident = assessment_ident(escapes)
    xml = unzip(qti_package([escapes]))[f"{ident}/{ident}.xml"]
    assert b"<!-- QTI 1.2 for Canvas: ordering questions are matching questions" in xml
