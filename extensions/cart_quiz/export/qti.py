"""IMS QTI 1.2 packages as Canvas imports them ("QTI .zip file" in Canvas's course import).

A package is a zip with `imsmanifest.xml` and, per quiz, the assessment XML plus Canvas's
`assessment_meta.xml` (title, description, practice quiz). Canvas also reads these packages
for New Quizzes, and other systems that take QTI 1.2 (Blackboard, D2L) ignore the Canvas
metadata. Mapping: single -> multiple_choice_question, multiple -> multiple_answers_question,
true-false -> true_false_question. QTI 1.2 as Canvas imports it has no ordering item, so an
ordering question becomes a matching_question: each step (listed shuffled, formatting kept) is
matched to its position, which Canvas marks step by step, and each step keeps its own feedback.

Items are titled by their prompt, shortened; every identifier starts with a letter (`q3c2`,
as text2qti writes them), which stricter QTI tools require. Scoring of multiple-answer
questions follows the rule in `content` (Canvas applies that rule itself); "I'm not sure" is
left out of multiple-answer questions because Canvas would count it as a wrong option. QTI
1.2 as Canvas reads it has no hints, so a hint becomes the feedback shown after an answer that
is not fully right (`general_incorrect_fb`, Canvas's "wrong answer" comments), labelled
"Hint:".

Canvas quiz settings (assessment_meta.xml): a practice quiz (ungraded, not in the grade book),
unlimited attempts keeping the highest score, answers not shuffled (the options' order is part
of some questions), correct answers shown after each attempt, all questions on one page with
going back allowed, and unpublished, so the teacher reviews it before students see it."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from ..model import Question, Quiz
from .content import (
    choice_percentages,
    format_percent,
    general_feedback_html,
    hint_html,
    position_name,
    prompt_html,
    question_title,
    quiz_description_html,
    scored_choices,
)
from .markup import inline_html
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
NOTICE = (
    "QTI 1.2 for Canvas: ordering questions are matching questions (match each step to its "
    "place); hints are the feedback shown after an answer that is not fully right; \"I'm not "
    'sure" is left out of questions with several right answers, as Canvas would count it wrong.'
)
# Canvas's converter reads this feedback as the question's "wrong answer" comments.
INCORRECT_FEEDBACK = "general_incorrect_fb"


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


def _choice_idents(question: Question, number: int) -> list[tuple[str, int]]:
    """(ident, option index) of each option QTI shows: letter-first idents, as text2qti
    writes them, and no "I'm not sure" on multiple-answer questions (see `content`)."""
    return [
        (f"q{number}c{index + 1}", index) for index in scored_choices(question, keep_unsure=False)
    ]


def _hint(item: ET.Element, processing: ET.Element, question: Question) -> None:
    """The hint as the feedback Canvas shows after an answer that is not fully right (its
    "wrong answer" comments): reached only when the full-marks condition did not stop."""
    if not question.hint:
        return
    otherwise = child(processing, "respcondition", **{"continue": "No"})
    child(child(otherwise, "conditionvar"), "other")
    child(otherwise, "displayfeedback", feedbacktype="Response", linkrefid=INCORRECT_FEEDBACK)


def _choice_item(item: ET.Element, question: Question, number: int) -> None:
    shown = _choice_idents(question, number)
    presentation = child(item, "presentation")
    _material(presentation, prompt_html(question))
    cardinality = "Multiple" if question.type == "multiple" else "Single"
    response = child(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = child(response, "render_choice")
    for ident, index in shown:
        label = child(render, "response_label", ident=ident)
        choice = question.choices[index]
        if question.type == "true-false":
            _material(label, choice.text, "text/plain")
        else:
            _material(label, inline_html(choice.text))
    processing = _scored_processing(item)
    for ident, _index in shown:
        condition = _condition(processing, "response1", ident, **{"continue": "Yes"})
        child(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
    scores = choice_percentages(question)
    right = [ident for ident, index in shown if scores[index] > 0]
    if question.type == "multiple":
        # Exactly the right options: full marks, and stop.
        correct = child(processing, "respcondition", **{"continue": "No"})
        both = child(child(correct, "conditionvar"), "and")
        for ident, _index in shown:
            if ident in right:
                child(both, "varequal", ident, respident="response1")
            else:
                child(child(both, "not"), "varequal", ident, respident="response1")
        child(correct, "setvar", "100", action="Set", varname="SCORE")
        # Otherwise each ticked option adds 100/R or -100/R (the decvar's minvalue 0 is the
        # floor). A negative Add, not a Subtract: Canvas's converter takes any condition whose
        # SCORE value is positive as naming a right answer.
        for ident, index in shown:
            if scores[index]:
                partial = _condition(processing, "response1", ident, **{"continue": "Yes"})
                child(
                    partial, "setvar", format_percent(scores[index]), action="Add", varname="SCORE"
                )
    else:
        correct = _condition(processing, "response1", right[0], **{"continue": "No"})
        child(correct, "setvar", "100", action="Set", varname="SCORE")
    _hint(item, processing, question)
    _feedback(item, "general_fb", general_feedback_html(question))
    if question.hint:
        _feedback(item, INCORRECT_FEEDBACK, hint_html(question))
    for ident, index in shown:
        _feedback(item, f"{ident}_fb", inline_html(question.choices[index].feedback))


def _matching_item(item: ET.Element, quiz: Quiz, question: Question, number: int) -> None:
    """An ordering question as Canvas matching: match each step (its formatting kept) to its
    position. Each step's feedback is that step's own feedback, shown when the step is in its
    place; the general feedback has the explanation without the right order, which Canvas
    shows with the correct answers instead."""
    count = len(question.steps)
    positions = [f"q{number}p{place}" for place in range(1, count + 1)]
    steps = [f"q{number}s{index + 1}" for index in range(count)]
    presentation = child(item, "presentation")
    _material(presentation, prompt_html(question))
    for index in question.shuffled_step_order(quiz.id):
        response = child(presentation, "response_lid", ident=f"response_{steps[index]}")
        _material(response, inline_html(question.steps[index].text))
        render = child(response, "render_choice")
        for place, ident in enumerate(positions, start=1):
            label = child(render, "response_label", ident=ident)
            _material(label, position_name(place, count), "text/plain")
    processing = _scored_processing(item)
    for index in range(count):
        condition = _condition(
            processing, f"response_{steps[index]}", positions[index], **{"continue": "Yes"}
        )
        child(condition, "setvar", f"{100 / count:.2f}", varname="SCORE", action="Add")
        child(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{steps[index]}_fb")
    if question.hint:
        otherwise = child(processing, "respcondition", **{"continue": "No"})
        whole = child(child(otherwise, "conditionvar"), "not")
        every = child(whole, "and")
        for index in range(count):
            child(every, "varequal", positions[index], respident=f"response_{steps[index]}")
        child(otherwise, "displayfeedback", feedbacktype="Response", linkrefid=INCORRECT_FEEDBACK)
    _feedback(item, "general_fb", general_feedback_html(question, with_order=False))
    if question.hint:
        _feedback(item, INCORRECT_FEEDBACK, hint_html(question))
    for index, step in enumerate(question.steps):
        _feedback(item, f"{steps[index]}_fb", inline_html(step.feedback))


def _item(quiz: Quiz, question: Question, number: int) -> ET.Element:
    ident = f"{assessment_ident(quiz)}-{question.id}"
    item = element("item", ident=ident, title=question_title(question))
    metadata = child(child(item, "itemmetadata"), "qtimetadata")
    _field(metadata, "question_type", CANVAS_TYPES[question.type])
    _field(metadata, "points_possible", "1.0")
    if question.type != "ordering":
        answer_ids = [ident for ident, _index in _choice_idents(question, number)]
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
    root.append(ET.Comment(f" {NOTICE} "))
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
    return manifest_for([assessment_ident(quiz) for quiz in quizzes])


def manifest_for(idents: Sequence[str]) -> bytes:
    """The manifest of a package holding the assessments with these identifiers."""
    name = idents[0].removeprefix("cart-quiz-") if len(idents) == 1 else "all"
    root = element("manifest", identifier=f"cart-quiz-manifest-{name}", xmlns=MANIFEST_NAMESPACE)
    metadata = child(root, "metadata")
    child(metadata, "schema", "IMS Content")
    child(metadata, "schemaversion", "1.1.3")
    child(root, "organizations")
    resources = child(root, "resources")
    for ident in idents:
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
    return zip_files(package_files(quizzes))


def compose_qti(packages: Sequence[bytes]) -> bytes:
    """The package of several quizzes from their one-quiz packages (in the same order): what
    `qti_package` writes for them all at once. Each quiz's files are copied as they are
    compressed in its package (deflate is deterministic, so the bytes are those a fresh
    compression would write): at 1,000 quizzes this is 10 times faster than decompressing and
    compressing 2,000 files again."""
    opened = [zipfile.ZipFile(io.BytesIO(data)) for data in packages]
    members = [
        (package, info)
        for package in opened
        for info in package.infolist()
        if info.filename != "imsmanifest.xml"
    ]
    idents = list(dict.fromkeys(info.filename.split("/", 1)[0] for _, info in members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        info = zipfile.ZipInfo("imsmanifest.xml", date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        out.writestr(info, manifest_for(idents))
        for package, info in members:
            _copy_compressed(package, info, out)
    for package in opened:
        package.close()
    return buffer.getvalue()


def _copy_compressed(source: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Append one member of `source` to `out` without decompressing it: the entry `zip_files`
    would write for the same name and content (same date, mode and compression)."""
    source.fp.seek(info.header_offset)
    header = source.fp.read(zipfile.sizeFileHeader)
    if len(header) != zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
        raise zipfile.BadZipFile(f"no local header for {info.filename!r}")
    name_length = int.from_bytes(header[26:28], "little")
    extra_length = int.from_bytes(header[28:30], "little")
    source.fp.seek(info.header_offset + zipfile.sizeFileHeader + name_length + extra_length)
    data = source.fp.read(info.compress_size)
    copy = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
    copy.compress_type = zipfile.ZIP_DEFLATED
    copy.external_attr = 0o644 << 16
    if info.compress_type != copy.compress_type or info.date_time != ZIP_DATE:
        raise ValueError(f"{info.filename!r} is not a member as zip_files writes it")
    copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
    copy.header_offset = out.fp.tell()
    out.fp.write(copy.FileHeader(False))
    out.fp.write(data)
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out.start_dir = out.fp.tell()
    out._didModify = True  # so close() writes the central directory


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip of these files in this order, with fixed dates and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return buffer.getvalue()
