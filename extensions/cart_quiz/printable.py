"""Printable worksheet and answer-key pages: `{quiz-worksheet}` shows a quiz's questions with
tick boxes, or with `:answers:` its answer key with the explanations. Both reuse the
worksheet that non-HTML builders print (`worksheet.build_worksheet`), so paper looks the same
whichever way it was made."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .collection import site_quizzes
from .directive import QuizDirective
from .nodes import quiz, quiz_question, text_part
from .translation import _, category_label, tier_label
from .worksheet import _copy, build_worksheet

PRINTABLE_CLASSES = ("cart-printable", "cart-educators")


class QuizWorksheetDirective(QuizDirective):
    """```{quiz-worksheet} crs-and-icans``` (add `:answers:` for the answer key)."""

    option_spec = {"answers": directives.flag}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        found = site_quizzes(self.config, self.env.srcdir).quizzes.get(self.arguments[0].strip())
        if found is None:
            return super().run()  # unknown and broken ids are reported as {quiz} does
        self.env.note_dependency(found.path)
        node = self.build_quiz(found)
        node["printable"] = "answers" if "answers" in self.options else "worksheet"
        return [node]


def printable_sheet(node: quiz) -> nodes.container:
    """The worksheet (name line, instructions, questions) or the answer key of a quiz node."""
    kind = node["printable"]
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


def replace_printable_quizzes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Runs before the worksheet pass of non-HTML builders, and for HTML builders too."""
    for node in list(doctree.findall(quiz)):
        if node.get("printable"):
            node.replace_self(printable_sheet(node))
