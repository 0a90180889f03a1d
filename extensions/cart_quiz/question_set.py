"""A question set of the educator's own: picked on the catalogue, opened from a link.

The catalogue gives each question a checkbox (`question_picker`) tied to one small form
(`set_form`): its "Make a link to these questions" button opens the set page at
`quiz-set.html?q=<quiz-id>/<question-id>&q=...` even without JavaScript, and with
cart-quiz-set.js it writes the shorter `?q=a/b,c/d` link to copy. The link carries question
ids only; there is no server.

The set page (```{quiz-set}```) holds every question of every quiz, hidden, each quiz as the
normal widget. cart-quiz-set.js, which runs before cart-quiz.js, keeps the requested questions
in link order, renumbers them, sets the title and removes the rest, so the widget's own script
scores the set unchanged; with `&view=worksheet` or `&view=answers` it shows the set on paper
instead, each question's worksheet or answer-key item made from its widget in the words of the
quiz's own worksheet (worksheet.py). Without JavaScript the
page says what it needs. Builders without the widget (LaTeX, EPUB, text) get one paragraph:
their readers have every quiz's worksheet and answer key in the document already.
"""

from __future__ import annotations

import json
from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .directive import QuizDirective
from .links import builder_of
from .model import Quiz
from .nodes import INTERACTIVE_BUILDERS, el, element
from .store import note_quiz_sources, quiz_store
from .text import to_plain
from .translation import _
from .worksheet import PRINTABLE_CLASSES

SET_CLASS = "cart-quiz-set"
PICKER_CLASS = "cart-set-picker"
FORM_ID = "cart-set-form"


def question_key(quiz_id: str, question_id: str) -> str:
    """How the link names one question."""
    return f"{quiz_id}/{question_id}"


def set_strings() -> dict[str, str]:
    """What cart-quiz-set.js says, rendered into the page so it follows `language`."""
    return {
        "number": _("Question {number} of {total}"),
        "title": _("Question set: {count} questions"),
        "titleOne": _("Question set: 1 question"),
        "unknown": _(
            "These questions were not found, so they are left out: {ids}. The link may be "
            "mistyped, or a quiz may have changed. Make a new link on the quiz catalogue."
        ),
        "none": _(
            "This link names no questions we know, so there is nothing to show. Make a new "
            "link on the quiz catalogue."
        ),
        "empty": _(
            "No questions are chosen yet. To make a set, open the quiz catalogue, tick the "
            "questions you want, and choose “Make a link to these questions”."
        ),
        "chosen": _("{count} questions chosen."),
        "chosenOne": _("1 question chosen."),
        "chosenNone": _("No questions chosen yet: tick at least one."),
        "linkReady": _("Your link is ready below. Copy it and share it."),
        "copied": _("Link copied."),
        "copyFailed": _("Could not copy: select the link and copy it yourself."),
        "worksheetTitle": _("Worksheet: {title}"),
        "answersTitle": _("Answer key: {title}"),
        "linkLabel": _("Link to your question set"),
        "copy": _("Copy link"),
        "open": _("Open the set"),
        "selfCheck": _("Self-check"),
        "worksheet": _("Worksheet to print"),
        "answers": _("Answer key to print"),
        "print": _("Print"),
        "numberSteps": _("Number the steps from first to last:"),
    }


def _plain_prompt(question) -> str:
    return " ".join(to_plain(question.prompt).split())


# The catalogue's side --------------------------------------------------------------------


def question_picker(quiz_data: Quiz) -> element:
    """One checkbox per question of a quiz, each labelled with its prompt. Without
    JavaScript it is a list to tick and print; the boxes belong to the set form."""
    items = []
    for number, question in enumerate(quiz_data.questions, start=1):
        key = question_key(quiz_data.id, question.id)
        box_id = f"cart-set-pick-{quiz_data.id}-{question.id}"
        control = el(
            "input",
            classes=["cart-set-pick"],
            ids=[box_id],
            type="checkbox",
            name="q",
            value=key,
            form=FORM_ID,
        )
        label = el(
            "label",
            _("Question {number}:").format(number=number),
            " ",
            _plain_prompt(question),
        )
        label["attributes"]["for"] = box_id
        items.append(el("li", control, " ", label, classes=["cart-set-pick-item"]))
    legend = el(
        "legend",
        _("Questions in {title}: tick to add them to your question set").format(
            title=quiz_data.title
        ),
    )
    return el(
        "fieldset",
        legend,
        el("ul", *items, classes=["cart-set-pick-list"]),
        classes=[PICKER_CLASS, "cart-educators"],
    )


def set_form() -> element:
    """The form the checkboxes belong to. Its target is filled in when the page is written
    (`SetFormTransform`), so it follows the builder's URLs."""
    return el(
        "form",
        el(
            "p",
            _(
                "Make a question set of your own: tick questions from any quizzes in this "
                "catalogue, then make a link to them. The link opens just those questions as "
                "a self-check, with a worksheet and an answer key to print."
            ),
        ),
        el("p", classes=["cart-set-count"], role="status"),
        el(
            "button",
            _("Make a link to these questions"),
            type="submit",
            classes=["cart-set-make"],
        ),
        el("div", classes=["cart-set-result"], hidden=True),
        classes=[PICKER_CLASS, "cart-set-form", "cart-educators", "cart-no-print"],
        ids=[FORM_ID],
        method="get",
        data_cart_set_strings=json.dumps(set_strings(), ensure_ascii=False),
    )


# The set page ----------------------------------------------------------------------------


class QuizSetDirective(QuizDirective):
    """```{quiz-set}```: the page that opens a question set from its link."""

    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        store = quiz_store(self.env)
        note_quiz_sources(self.env, [store.directory])  # every quiz file
        quizzes = sorted(store.quizzes.values(), key=lambda found: found.id)
        widgets = el("div", classes=["cart-set-pool"], hidden=True)
        # The worksheet and the answer key are not kept here a second and third time:
        # cart-quiz-set.js makes each question's from its widget, in the words of the quiz's
        # own worksheet and key (27 KB gzipped less on the page).
        for source in quizzes:
            widgets += self.build_quiz(source)
        needs = el(
            "p",
            _(
                "This page builds a question set from its link, and that needs JavaScript. "
                "Switch JavaScript on, or use the quiz catalogue: tick the questions you want "
                "there and print that page."
            ),
            classes=["cart-set-needs-script"],
        )
        root = el(
            "div",
            needs,
            el(
                "h2",
                _("This question set"),  # replaced by the set's title; never an empty heading
                classes=["cart-set-title"],
                ids=["cart-set-title"],
                hidden=True,
            ),
            el("p", classes=["cart-set-status", "cart-no-print"], role="status"),
            el(
                "nav",
                classes=["cart-set-views", "cart-no-print"],
                hidden=True,
                aria_label=_("This question set"),
            ),
            el(
                "div",
                el(
                    "p",
                    _("Name: ____________________   Date: ____________"),
                    classes=["cart-name-line"],
                    hidden=True,
                ),
                el(
                    "p",
                    _(
                        "Tick one answer for each question, unless it says to choose all that "
                        "apply."
                    ),
                    classes=["cart-set-sheet-help"],
                    hidden=True,
                ),
                classes=["cart-set-paper", *PRINTABLE_CLASSES],
                hidden=True,
            ),
            widgets,
            classes=[SET_CLASS, "cart-educators"],
            data_cart_set_strings=json.dumps(set_strings(), ensure_ascii=False),
        )
        self.set_source_info(root)
        return [root]


class QuestionSetPaperTransform(SphinxPostTransform):
    """Builders without the widget: the set page is a paragraph, not 59 hidden questions
    (which would otherwise print as worksheets with their answer keys a second time). Runs
    before the worksheet transform."""

    default_priority = 390

    def is_supported(self) -> bool:
        return self.env._builder_cls.name not in INTERACTIVE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for node in nodes_of(self.document, element):
            if SET_CLASS in node["classes"]:
                node.replace_self(
                    nodes.paragraph(
                        "",
                        _(
                            "A question set is made in a web browser: on the website's quiz "
                            "catalogue, tick the questions you want and make a link to them. "
                            "This document has every quiz's worksheet and answer key."
                        ),
                    )
                )
            elif FORM_ID in node["ids"] or PICKER_CLASS in node["classes"]:
                node.parent.remove(node)


class SetFormTransform(SphinxPostTransform):
    """The set form's target: the set page, in the builder's URLs. Without a set page the
    catalogue keeps its printable checklist and loses the form."""

    default_priority = 400
    builders = tuple(sorted(INTERACTIVE_BUILDERS))

    def run(self, **kwargs: Any) -> None:
        forms = [node for node in nodes_of(self.document, element) if FORM_ID in node["ids"]]
        if not forms:
            return
        target = self.config.quiz_set_page
        builder = builder_of(self.env)
        for form in forms:
            if target in self.env.all_docs and builder.name != "singlehtml":
                form["attributes"]["action"] = builder.get_relative_uri(self.env.docname, target)
            else:
                form.parent.remove(form)


class SetSourceTransform(SphinxPostTransform):
    """After the widget transform: the set page's hidden quizzes are sources to pick from,
    not quizzes of the page (`cart-set-source`), for whatever looks for a page's quizzes."""

    default_priority = 401
    builders = tuple(sorted(INTERACTIVE_BUILDERS))

    def run(self, **kwargs: Any) -> None:
        for root in nodes_of(self.document, element):
            if SET_CLASS not in root["classes"]:
                continue
            for node in root.findall(element):
                if "cart-quiz" in node["classes"]:
                    node["classes"].append("cart-set-source")


def shows_question_set(node: nodes.Node) -> bool:
    """The set page, or a catalogue whose set form was kept (a set page exists): they need
    cart-quiz-set.js. A catalogue without a set page keeps its checklist, script-free."""
    return isinstance(node, element) and (SET_CLASS in node["classes"] or FORM_ID in node["ids"])


def setup_question_set(app: Sphinx) -> None:
    app.add_config_value(
        "quiz_set_page",
        "quiz-set",
        "env",
        types=frozenset({str}),
        description="docname of the page with the {quiz-set} directive, where the "
        "catalogue's question-set links lead",
    )
    app.add_directive("quiz-set", QuizSetDirective)
    app.add_post_transform(QuestionSetPaperTransform)
    app.add_post_transform(SetFormTransform)
    app.add_post_transform(SetSourceTransform)
