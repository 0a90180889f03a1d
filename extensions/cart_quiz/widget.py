"""HTML builders: each quiz becomes a form that teaches without JavaScript (every answer sits
behind "Show answer") and that cart-quiz.js turns into a self-check with live feedback and a
score.

`QuizWidgetTransform` rewrites the quiz's nodes into `element` nodes, one per HTML element,
that the translator writes with `starttag`, so every attribute is escaped by structure and
author text stays docutils nodes (emphasis, links, glossary terms), never a string.
"""

from __future__ import annotations

import json
from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .links import builder_of
from .nodes import (
    INTERACTIVE_BUILDERS,
    after_answer,
    el,
    element,
    heading_level,
    quiz,
    quiz_question,
    quiz_text,
    text_part,
    text_parts,
)
from .progress import MY_PROGRESS_LABEL
from .translation import (
    _,
    category_label,
    script_strings,
    tier_label,
    true_false_label,
    verdict_label,
)


def copy_of(part: quiz_text | None) -> list[nodes.Node]:
    """The author text of a part, as nodes to place in the widget."""
    if part is None:
        return []
    return [
        child.deepcopy() for child in part.children if not isinstance(child, nodes.system_message)
    ]


def plain(part: quiz_text | None) -> str:
    return " ".join(part.astext().split()) if part is not None else ""


def choice_text(question: quiz_question, choice: quiz_text) -> list[nodes.Node]:
    if question["question_type"] == "true-false":
        return [nodes.Text(true_false_label(choice["index"]))]
    return copy_of(choice)


def choice_input(question: quiz_question, choice: quiz_text) -> element:
    anchor, index = question["anchor"], choice["index"]
    input_id = f"{anchor}-choice-{index}"
    control = el(
        "input",
        classes=["cart-choice-input"],
        ids=[input_id],
        type="checkbox" if question["question_type"] == "multiple" else "radio",
        name=anchor,
        value=index,
        data_correct="true" if choice["correct"] else None,
        data_unsure="true" if choice["unsure"] else None,
    )
    label = el("label", *choice_text(question, choice), classes=["cart-choice-label"])
    label["attributes"]["for"] = input_id
    return el("div", control, label, classes=["cart-choice"])


def answer_item(question: quiz_question, choice: quiz_text, feedback: quiz_text) -> element:
    verdict = verdict_label(choice["correct"], choice["unsure"])
    text = choice_text(question, choice)
    return el(
        "li",
        el("span", verdict, classes=["cart-verdict"]),
        " ",
        el("strong", *text),
        after_answer(text),
        *copy_of(feedback),
        " ",
        el("span", classes=["cart-your-answer"], hidden=True),
        classes=["cart-answer-item"],
        data_choice=choice["index"],
    )


def ordering_parts(question: quiz_question) -> tuple[list[element], list[element]]:
    """The shuffled steps the reader orders, and the right order for the answer."""
    steps = text_parts(question, "step")
    feedback = text_parts(question, "step-feedback")
    anchor = question["anchor"]
    items = []
    for index in question["step_order"]:
        step, name = steps[index], plain(steps[index])
        moves = el(
            "span",
            el(
                "button",
                _("Move up"),
                classes=["cart-move"],
                type="button",
                data_move="-1",
                aria_label=f"{_('Move up')}: {name}",
            ),
            el(
                "button",
                _("Move down"),
                classes=["cart-move"],
                type="button",
                data_move="1",
                aria_label=f"{_('Move down')}: {name}",
            ),
            classes=["cart-step-moves"],
            hidden=True,
        )
        text = el("span", *copy_of(step), classes=["cart-step-text"])
        # The list item keeps its marker (the visible step number); the row is laid out
        # inside it.
        body = el("div", text, moves, classes=["cart-step-body"])
        items.append(el("li", body, classes=["cart-step"], data_position=index))
    shuffled = [
        el(
            "p",
            _("These steps are in a mixed-up order."),
            # Shown with the Move buttons, by the same script and style (cart-quiz.css).
            el(
                "span",
                " ",
                _(
                    "Use the Move up and Move down buttons to put the steps in order, "
                    "then check your answer."
                ),
                classes=["cart-ordering-moves-help"],
                hidden=True,
            ),
            classes=["cart-ordering-help"],
            ids=[f"{anchor}-help"],
        ),
        # Read once, in sequence: the help is not also the list's description.
        el("ol", *items, classes=["cart-steps"]),
    ]
    answer = [
        el("p", _("The right order:")),
        el(
            "ol",
            *(
                el(
                    "li",
                    el("strong", *copy_of(step)),
                    after_answer(copy_of(step)),
                    *copy_of(feedback[index]),
                )
                for index, step in enumerate(steps)
            ),
            classes=["cart-answer-list"],
        ),
    ]
    return shuffled, answer


def question_widget(question: quiz_question) -> element:
    anchor, qtype = question["anchor"], question["question_type"]
    ask = text_part(question, "ask")
    number = _("Question {number} of {total}").format(
        number=question["number"], total=question["total"]
    )
    legend = el(
        "legend",
        el("span", number, classes=["cart-question-number"]),
        " ",
        el("span", *copy_of(text_part(question, "prompt")), classes=["cart-question-prompt"]),
        classes=["cart-question-legend"],
    )
    body: list[nodes.Node] = [legend]
    if qtype == "multiple":
        body.append(el("p", _("Choose all that apply."), classes=["cart-question-note"]))
    hint = text_part(question, "hint")
    if hint is not None:
        body.append(
            el(
                "details",
                el("summary", _("Hint")),
                el("div", *copy_of(hint), classes=["cart-hint-body"]),
                classes=["cart-hint"],
            )
        )
    if qtype == "ordering":
        shuffled, answer = ordering_parts(question)
        body.extend(shuffled)
    else:
        choices = text_parts(question, "choice")
        feedback = text_parts(question, "choice-feedback")
        body.append(
            el("div", *(choice_input(question, c) for c in choices), classes=["cart-choices"])
        )
        answer = [
            el(
                "ul",
                *(answer_item(question, c, feedback[i]) for i, c in enumerate(choices)),
                classes=["cart-answer-list"],
            )
        ]
    which = _("question {number}").format(number=question["number"])
    actions = [
        el(
            "button",
            _("Check answer"),
            classes=["cart-check"],
            type="button",
            # The visible words start the name (WCAG 2.5.3); the rest says which question.
            aria_label=f"{_('Check answer')}: {which}",
        ),
        el("button", _("Try again"), classes=["cart-retry"], type="button", hidden=True),
    ]
    if ask is not None:
        actions.append(
            el(
                "button",
                _("Add to My questions"),
                classes=["cart-add-question"],
                type="button",
                hidden=True,
            )
        )
    body.append(el("div", *actions, classes=["cart-actions"], hidden=True))
    body.append(el("p", classes=["cart-status"], role="status"))
    explanation = el(
        "div", el("p", *copy_of(text_part(question, "explanation"))), classes=["cart-explanation"]
    )
    learn_more = el(
        "p",
        _("Learn more:"),
        " ",
        *copy_of(text_part(question, "learn-more")),
        classes=["cart-learn-more"],
    )
    answer_body = [*answer, explanation, learn_more]
    if ask is not None:
        answer_body.append(
            el(
                "p",
                el("strong", _("A question for your care team:")),
                " ",
                *copy_of(ask),
                classes=["cart-ask"],
            )
        )
    body.append(
        el(
            "details",
            el("summary", _("Show answer")),
            el("div", *answer_body, classes=["cart-answer-body"]),
            classes=["cart-answer"],
        )
    )
    return el(
        "fieldset",
        *body,
        classes=["cart-question"],
        ids=[anchor],
        data_question_id=question["question_id"],
        data_question_type=qtype,
        data_stage=question["stage"],
        data_ask=plain(ask) if ask is not None else None,
    )


def page_heading(node: quiz) -> nodes.title | None:
    """The title of the section the quiz sits in, when the directive says it is the quiz's
    own (`:page-title:`, as on the generated quiz pages)."""
    if not node.get("page_title"):
        return None
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is None or not parent.children or not isinstance(parent[0], nodes.title):
        return None
    return parent[0]


def my_progress_link(node: quiz, env: Any, builder: Any) -> element | None:
    """A link to the page with `{my-progress}` (its label `my-progress`), if the site has it."""
    found = env.get_domain("std").labels.get(MY_PROGRESS_LABEL)
    if not found or not found[0]:
        return None
    docname, anchor = found[0], found[1]
    uri = builder.get_relative_uri(env.docname, docname)
    if anchor:
        uri += f"#{anchor}"
    link = el("a", _("My progress"))
    link["attributes"]["href"] = uri
    return el("p", _("See all your self-checks:"), " ", link, classes=["cart-progress-link"])


def quiz_widget(
    node: quiz, env: Any = None, builder: Any = None, *, with_strings: bool = True
) -> element:
    """The quiz's widget; `with_strings` puts the script's strings on it (the transform
    gives them to the first quiz of a page only: cart-quiz.js reads them once a page)."""
    quiz_id = node["quiz_id"]
    level = heading_level(node)
    title_id = f"quiz-{quiz_id}-title"
    heading = page_heading(node)
    if heading is not None:
        # The page's h1 already names the quiz: label the widget by it, never repeat it.
        if title_id not in heading["ids"]:
            heading["ids"].append(title_id)
        own_heading: list[nodes.Node] = []
    else:
        own_heading = [
            el(
                f"h{level}",
                _("Self-check: {title}").format(title=node["title"]),
                classes=["cart-quiz-title"],
                ids=[title_id],
            )
        ]
    questions = [child for child in node.children if isinstance(child, quiz_question)]
    meta = " · ".join(
        [
            category_label(node["category"]),
            _("{count} questions").format(count=len(questions)),
            _("about {minutes} minutes").format(minutes=node["minutes"]),
            _("Reading level: {tier}").format(tier=tier_label(node["tier"])),
        ]
    )
    objectives = el(
        "ul",
        *(el("li", *copy_of(part)) for part in text_parts(node, "objective")),
        classes=["cart-quiz-objectives"],
    )
    progress = my_progress_link(node, env, builder) if env is not None else None
    footer = el(
        "div",
        el("p", classes=["cart-score"]),
        el("div", classes=["cart-summary"], role="status"),
        el("button", _("Start over"), classes=["cart-reset"], type="button"),
        *([progress] if progress is not None else []),
        classes=["cart-quiz-footer"],
        hidden=True,
    )
    return el(
        "section",
        *own_heading,
        el("p", meta, classes=["cart-quiz-meta"]),
        el("p", _("This self-check helps you:"), classes=["cart-quiz-objectives-intro"]),
        objectives,
        el("p", _("Your answers stay on this device."), classes=["cart-quiz-privacy"]),
        el("p", classes=["cart-progress-note"]),
        *(question_widget(question) for question in questions),
        footer,
        classes=["cart-quiz"],
        ids=[f"quiz-{quiz_id}"],
        data_quiz_id=quiz_id,
        data_quiz_title=node["title"],
        data_category=node["category"],
        data_cart_strings=(
            json.dumps(script_strings(), ensure_ascii=False, separators=(",", ":"))
            if with_strings
            else None
        ),
        aria_labelledby=title_id if heading is not None or own_heading else None,
    )


class QuizWidgetTransform(SphinxPostTransform):
    """Every quiz of the page as its HTML widget, for the web builders (other HTML-format
    builders, such as EPUB, print the worksheet)."""

    default_priority = 400
    builders = tuple(sorted(INTERACTIVE_BUILDERS))

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self.env)
        for index, node in enumerate(nodes_of(self.document, quiz)):
            node.replace_self(quiz_widget(node, self.env, builder, with_strings=index == 0))


def setup_widget(app: Sphinx) -> None:
    app.add_post_transform(QuizWidgetTransform)
