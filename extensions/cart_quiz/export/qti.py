"""IMS QTI 1.2 packages as Canvas imports them ("QTI .zip file" in Canvas's course import).

A package is a zip with `imsmanifest.xml` and, per quiz, the assessment XML plus Canvas's
`assessment_meta.xml` (title, description, practice quiz). Canvas also reads these packages
for New Quizzes, and other systems that take QTI 1.2 (Blackboard, D2L) ignore the Canvas
metadata. Mapping: single -> multiple_choice_question, multiple -> multiple_answers_question,
true-false -> true_false_question. QTI 1.2 as Canvas imports it has no ordering item, so an
ordering question becomes a matching_question: each step (listed shuffled) is matched to its
position, which Canvas marks step by step; each step's feedback goes into the general feedback
with the right order, as the site shows it."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from ..model import Question, Quiz
from .content import choice_percentages, general_feedback_html, prompt_html, quiz_description_html
from .markup import inline_html, inline_plain
from .xmlwriter import child, element, to_bytes

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "ordering": "matching_question",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def assessment_ident(quiz: Quiz) -> str:
    return f"cart-quiz-{quiz.id}"


def _field(parent: ET.Element, label: str, entry: str) -> None:
    field = child(parent, "qtimetadatafield")
    child(field, "fieldlabel", label)
    child(field, "fieldentry", entry)


def _material(parent: ET.Element, html: str, texttype: str = "text/html") -> None:
    child(child(parent, "material"), "mattext", html, texttype=texttype)


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    feedback = child(item, "itemfeedback", ident=ident)
    _material(child(feedback, "flow_mat"), html)


def _scored_processing(item: ET.Element) -> ET.Element:
    """Response processing with a 0-100 score that always shows the general feedback."""
    processing = child(item, "resprocessing")
    outcomes = child(processing, "outcomes")
    child(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = child(processing, "respcondition", **{"continue": "Yes"})
    child(child(general, "conditionvar"), "other")
    child(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    return processing


def _condition(parent: ET.Element, respident: str, value: str, **attributes: str) -> ET.Element:
    condition = child(parent, "respcondition", **attributes)
    child(child(condition, "conditionvar"), "varequal", value, respident=respident)
    return condition


def _choice_item(item: ET.Element, question: Question, number: int) -> None:
    idents = [f"{number}{index + 1:02d}" for index in range(len(question.choices))]
    presentation = child(item, "presentation")
    _material(presentation, prompt_html(question))
    cardinality = "Multiple" if question.type == "multiple" else "Single"
    response = child(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = child(response, "render_choice")
    for ident, choice in zip(idents, question.choices, strict=True):
        label = child(render, "response_label", ident=ident)
        if question.type == "true-false":
            _material(label, choice.text, "text/plain")
        else:
            _material(label, inline_html(choice.text))
    processing = _scored_processing(item)
    for ident in idents:
        shown = _condition(processing, "response1", ident, **{"continue": "Yes"})
        child(shown, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
    scores = choice_percentages(question)
    right = [ident for ident, score in zip(idents, scores, strict=True) if score > 0]
    if question.type == "multiple":
        correct = child(processing, "respcondition", **{"continue": "No"})
        both = child(child(correct, "conditionvar"), "and")
        for ident in idents:
            if ident in right:
                child(both, "varequal", ident, respident="response1")
            else:
                child(child(both, "not"), "varequal", ident, respident="response1")
    else:
        correct = _condition(processing, "response1", right[0], **{"continue": "No"})
    child(correct, "setvar", "100", action="Set", varname="SCORE")
    _feedback(item, "general_fb", general_feedback_html(question))
    for ident, choice in zip(idents, question.choices, strict=True):
        _feedback(item, f"{ident}_fb", inline_html(choice.feedback))


def position_name(place: int, count: int) -> str:
    """What the learner matches a step to: `1 (first)`, `2`, ... `4 (last)`."""
    if place == 1:
        return "1 (first)"
    return f"{place} (last)" if place == count else str(place)


def _matching_item(item: ET.Element, quiz: Quiz, question: Question, number: int) -> None:
    """An ordering question as Canvas matching: match each step to its position."""
    count = len(question.steps)
    positions = [f"{number}{place:02d}" for place in range(1, count + 1)]
    presentation = child(item, "presentation")
    _material(presentation, prompt_html(question))
    for index in question.shuffled_step_order(quiz.id):
        response = child(presentation, "response_lid", ident=f"response_{number}{index + 1:02d}")
        _material(response, inline_plain(question.steps[index].text), "text/plain")
        render = child(response, "render_choice")
        for place, ident in enumerate(positions, start=1):
            label = child(render, "response_label", ident=ident)
            _material(label, position_name(place, count), "text/plain")
    processing = _scored_processing(item)
    for index in range(count):
        condition = _condition(processing, f"response_{number}{index + 1:02d}", positions[index])
        child(condition, "setvar", f"{100 / count:.2f}", varname="SCORE", action="Add")
    _feedback(item, "general_fb", general_feedback_html(question))


def _item(quiz: Quiz, question: Question, number: int) -> ET.Element:
    ident = f"{assessment_ident(quiz)}-{question.id}"
    item = element("item", ident=ident, title=question.id)
    metadata = child(child(item, "itemmetadata"), "qtimetadata")
    _field(metadata, "question_type", CANVAS_TYPES[question.type])
    _field(metadata, "points_possible", "1.0")
    answer_ids = [f"{number}{index + 1:02d}" for index in range(len(question.choices))]
    _field(metadata, "original_answer_ids", ",".join(answer_ids))
    _field(metadata, "assessment_question_identifierref", f"{ident}-ref")
    if question.type == "ordering":
        _matching_item(item, quiz, question, number)
    else:
        _choice_item(item, question, number)
    return item


def assessment_xml(quiz: Quiz) -> bytes:
    root = element(
        "questestinterop",
        xmlns=QTI_NAMESPACE,
        **{
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{QTI_NAMESPACE} "
            "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
    )
    assessment = child(root, "assessment", ident=assessment_ident(quiz), title=quiz.title)
    section = child(assessment, "section", ident="root_section")
    for number, question in enumerate(quiz.questions, start=1):
        section.append(_item(quiz, question, number))
    return to_bytes(root)


def assessment_meta_xml(quiz: Quiz) -> bytes:
    """Canvas's quiz settings: an ungraded practice quiz that shows the answers afterwards."""
    root = element(
        "quiz",
        identifier=assessment_ident(quiz),
        xmlns=CANVAS_NAMESPACE,
        **{
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{CANVAS_NAMESPACE} https://canvas.instructure.com/xsd/cccv1p0.xsd",
        },
    )
    child(root, "title", quiz.title)
    child(root, "description", quiz_description_html(quiz))
    child(root, "shuffle_answers", "false")
    child(root, "scoring_policy", "keep_highest")
    child(root, "quiz_type", "practice_quiz")
    child(root, "points_possible", f"{len(quiz.questions):.1f}")
    child(root, "show_correct_answers", "true")
    child(root, "allowed_attempts", "-1")
    child(root, "one_question_at_a_time", "false")
    child(root, "cant_go_back", "false")
    child(root, "available", "false")
    return to_bytes(root)


def manifest_xml(quizzes: Sequence[Quiz]) -> bytes:
    root = element(
        "manifest",
        identifier="cart-quiz-manifest-" + (quizzes[0].id if len(quizzes) == 1 else "all"),
        xmlns=MANIFEST_NAMESPACE,
    )
    metadata = child(root, "metadata")
    child(metadata, "schema", "IMS Content")
    child(metadata, "schemaversion", "1.1.3")
    child(root, "organizations")
    resources = child(root, "resources")
    for quiz in quizzes:
        ident = assessment_ident(quiz)
        resource = child(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        child(resource, "file", href=f"{ident}/{ident}.xml")
        child(resource, "dependency", identifierref=f"{ident}-meta")
        meta = child(
            resources,
            "resource",
            identifier=f"{ident}-meta",
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{ident}/assessment_meta.xml",
        )
        child(meta, "file", href=f"{ident}/assessment_meta.xml")
    return to_bytes(root)


def package_files(quizzes: Sequence[Quiz]) -> dict[str, bytes]:
    """Every file of the package by its path inside the zip."""
    files = {"imsmanifest.xml": manifest_xml(quizzes)}
    for quiz in quizzes:
        ident = assessment_ident(quiz)
        files[f"{ident}/{ident}.xml"] = assessment_xml(quiz)
        files[f"{ident}/assessment_meta.xml"] = assessment_meta_xml(quiz)
    return files


def qti_package(quizzes: Sequence[Quiz]) -> bytes:
    """One zip holding every quiz given; byte-identical for the same quizzes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in package_files(quizzes).items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return buffer.getvalue()
