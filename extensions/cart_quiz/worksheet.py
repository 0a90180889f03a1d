"""Paper: the printable worksheet and answer key of a quiz.

Builders without the interactive widget (LaTeX/PDF, EPUB, text, man...) get a worksheet in
place of each quiz and the answer keys at the end of the document (`QuizWorksheetTransform`);
the `{quiz-worksheet}` pages (`printable_sheet`) reuse the same sheets, so paper looks the same
whichever way it was made."""

from __future__ import annotations

from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import INTERACTIVE_BUILDERS, after_answer, quiz, quiz_question, text_part, text_parts
from .translation import _, category_label, tier_label, true_false_label, verdict_label

PRINTABLE_CLASSES = ("cart-printable", "cart-educators")


def _copy(part) -> list[nodes.Node]:
    return (
        [child.deepcopy() for child in part.children if not isinstance(child, nodes.system_message)]
        if part is not None
        else []
    )


def _choice_text(question: quiz_question, choice) -> list[nodes.Node]:
    if question["question_type"] == "true-false":
        return [nodes.Text(true_false_label(choice["index"]))]
    return _copy(choice)


def _question_item(question: quiz_question) -> nodes.list_item:
    item = nodes.list_item()
    item += nodes.paragraph("", "", *_copy(text_part(question, "prompt")))
    if question["question_type"] == "multiple":
        item += nodes.paragraph("", _("Choose all that apply."))
    if question["question_type"] == "ordering":
        item += nodes.paragraph("", _("Number the steps from first to last:"))
        steps = text_parts(question, "step")
        blanks = nodes.bullet_list(bullet="*")
        for index in question["step_order"]:
            blanks += nodes.list_item("", nodes.paragraph("", "____ ", *_copy(steps[index])))
        item += blanks
    else:
        box = "[ ] " if question["question_type"] == "multiple" else "( ) "
        options = nodes.bullet_list(bullet="*")
        for choice in text_parts(question, "choice"):
            options += nodes.list_item(
                "", nodes.paragraph("", box, *_choice_text(question, choice))
            )
        item += options
    return item


def _answer_item(question: quiz_question) -> nodes.list_item:
    item = nodes.list_item()
    if question["question_type"] == "ordering":
        item += nodes.paragraph("", _("The right order:"))
        order = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for step, feedback in zip(
            text_parts(question, "step"), text_parts(question, "step-feedback"), strict=True
        ):
            text = _copy(step)
            order += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    nodes.strong("", "", *text),
                    nodes.Text(after_answer(text)),
                    *_copy(feedback),
                ),
            )
        item += order
    else:
        feedback_list = nodes.bullet_list(bullet="*")
        for choice, feedback in zip(
            text_parts(question, "choice"), text_parts(question, "choice-feedback"), strict=True
        ):
            verdict = verdict_label(choice["correct"], choice["unsure"])
            text = _choice_text(question, choice)
            feedback_list += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    f"{verdict} ",
                    nodes.strong("", "", *text),
                    nodes.Text(after_answer(text)),
                    *_copy(feedback),
                ),
            )
        item += feedback_list
    item += nodes.paragraph("", "", *_copy(text_part(question, "explanation")))
    item += nodes.paragraph("", f"{_('Learn more:')} ", *_copy(text_part(question, "learn-more")))
    ask = text_part(question, "ask")
    if ask is not None:
        item += nodes.paragraph(
            "",
            "",
            nodes.strong("", _("A question for your care team:")),
            nodes.Text(" "),
            *_copy(ask),
        )
    return item


def build_worksheet(node: quiz) -> tuple[nodes.Element, nodes.Element]:
    """The questions to print, and their answer key."""
    questions = [child for child in node.children if isinstance(child, quiz_question)]
    title = _("Self-check: {title}").format(title=node["title"])
    sheet = nodes.container(classes=["cart-quiz-worksheet"])
    sheet += nodes.rubric("", title)
    sheet += nodes.paragraph(
        "",
        _(
            "{category}. {count} questions, about {minutes} minutes. The answers are at the end."
        ).format(
            category=category_label(node["category"]), count=len(questions), minutes=node["minutes"]
        ),
    )
    items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    items.extend(_question_item(question) for question in questions)
    sheet += items
    key = nodes.container(classes=["cart-quiz-answer-key"])
    key += nodes.rubric("", _("Answer key: {title}").format(title=node["title"]))
    answers = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    answers.extend(_answer_item(question) for question in questions)
    key += answers
    return sheet, key


def printable_sheet(node: quiz, kind: str) -> nodes.container:
    """The worksheet (name line, instructions, questions) or, for `kind` "answers", the
    answer key of a quiz node, for a page of its own."""
    sheet, key = build_worksheet(node)
    source = sheet if kind == "worksheet" else key
    items = next(child for child in source.children if isinstance(child, nodes.enumerated_list))
    questions = [child for child in node.children if isinstance(child, quiz_question)]
    count = len(questions)
    if kind == "answers":
        # On its own page, each answer says which question it answers.
        for item, question in zip(items.children, questions, strict=True):
            item.insert(0, nodes.paragraph("", "", *_copy(text_part(question, "prompt"))))
            item[0]["classes"].append("cart-answer-prompt")
    box = nodes.container(classes=[*PRINTABLE_CLASSES, f"cart-printable--{kind}"])
    if kind == "worksheet":
        box += nodes.paragraph(
            "", _("Name: ____________________   Date: ____________"), classes=["cart-name-line"]
        )
    meta = " · ".join(
        [
            category_label(node["category"]),
            _("{count} questions").format(count=count),
            _("about {minutes} minutes").format(minutes=node["minutes"]),
            _("Reading level: {tier}").format(tier=tier_label(node["tier"])),
        ]
    )
    box += nodes.paragraph("", meta, classes=["cart-printable-meta"])
    if kind == "worksheet":
        box += nodes.paragraph(
            "",
            _("Tick one answer for each question, unless it says to choose all that apply."),
        )
    box += items
    return box


class QuizWorksheetTransform(SphinxPostTransform):
    """Every quiz as a worksheet, and the answer keys at the end, for builders without the
    interactive widget."""

    default_priority = 400

    def is_supported(self) -> bool:
        return self.env._builder_cls.name not in INTERACTIVE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        keys = []
        for node in nodes_of(self.document, quiz):
            sheet, key = build_worksheet(node)
            node.replace_self(sheet)
            keys.append(key)
        self.document.extend(keys)


def setup_worksheet(app: Sphinx) -> None:
    app.add_post_transform(QuizWorksheetTransform)
