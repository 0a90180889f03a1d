"""Non-interactive builders (LaTeX/PDF, EPUB, text, man...) get a printable worksheet in place
of each quiz, and the answer keys at the end of the document."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .nodes import quiz, quiz_question, text_part, text_parts
from .translation import _, category_label, true_false_label, verdict_label

INTERACTIVE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


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
            order += nodes.list_item(
                "",
                nodes.paragraph(
                    "", "", nodes.strong("", "", *_copy(step)), nodes.Text(". "), *_copy(feedback)
                ),
            )
        item += order
    else:
        feedback_list = nodes.bullet_list(bullet="*")
        for choice, feedback in zip(
            text_parts(question, "choice"), text_parts(question, "choice-feedback"), strict=True
        ):
            verdict = verdict_label(choice["correct"], choice["unsure"])
            feedback_list += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    f"{verdict} ",
                    nodes.strong("", "", *_choice_text(question, choice)),
                    nodes.Text(". "),
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


def replace_quizzes_with_worksheets(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name in INTERACTIVE_BUILDERS:
        return
    keys = []
    for node in list(doctree.findall(quiz)):
        sheet, key = build_worksheet(node)
        node.replace_self(sheet)
        keys.append(key)
    doctree.extend(keys)
