"""The `{my-progress}` directive: the reader's self-checks, read from this browser's storage by
cart-progress.js (which are done, the score of each, what to review, the questions saved in My
questions), with a "Print my results" view to show a nurse and one "Forget my answers" for the
whole site. Nothing is sent anywhere; the page itself holds no answer.

Without JavaScript nothing is saved, and the page says so in one sentence. Every quiz links
here through the label `my-progress` (put `(my-progress)=` above the directive's heading).
"""

from __future__ import annotations

import json
from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from .translation import _

#: The label of the page that shows `{my-progress}`; quizzes link to it when it exists.
MY_PROGRESS_LABEL = "my-progress"


class my_progress(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The progress view; its one child is the sentence shown without JavaScript."""


def script_strings() -> dict[str, str]:
    """Strings cart-progress.js shows, rendered into the page so they follow `language`."""
    return {
        "none": _(
            "You have not answered any self-check in this browser yet. Your answers appear "
            "here when you check them."
        ),
        "score": _("{score} of {total} right"),
        "answered": _("{answered} of {total} questions answered"),
        "done": _("Done"),
        "notDone": _("Not finished"),
        "yourAnswer": _("Your answer:"),
        "right": _("Right"),
        "notRight": _("Not right"),
        "unsure": _("Not sure"),
        "review": _("To review:"),
        "open": _("Open this self-check"),
        "savedHeading": _("Questions you saved for your care team"),
        "savedNone": _("You have not saved any question in My questions."),
        "savedUnreadable": _(
            "The questions saved in My questions could not be read. Open My questions to see them."
        ),
        "unreadable": _(
            "The saved answers of one self-check ({id}) could not be read. They were left "
            "as they are. Use Start over on that self-check to replace them."
        ),
        "blocked": _(
            "Your browser is not letting this site store data, so no answers are kept. The "
            "self-checks still work."
        ),
        "forgotten": _("Your answers were forgotten on this device."),
        "forgetFailed": _(
            "Some answers could not be forgotten: your browser did not let this site change "
            "its data."
        ),
        "printed": _("Printed from this device on {date}. It holds no name or personal data."),
    }


class MyProgressDirective(SphinxDirective):
    """```{my-progress}```: place it once, under a heading labelled `my-progress`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = my_progress()
        node += nodes.paragraph(
            "",
            _(
                "Your self-check answers are kept only in your web browser, by a small "
                "script. With JavaScript switched off nothing is saved, so there is nothing "
                "to show here; each self-check still shows its answers under “Show answer”."
            ),
            classes=["cart-progress-nojs"],
        )
        self.set_source_info(node)
        return [node]


def heading_level(node: nodes.Element) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth + 1, 2), 6)


def visit_my_progress_html(translator: HTML5Translator, node: my_progress) -> None:
    strings = escape(json.dumps(script_strings(), ensure_ascii=False), quote=True)
    translator.body.append(
        f'<div class="cart-progress" id="cart-progress" data-cart-strings="{strings}" '
        f'data-heading-level="{heading_level(node)}">'
    )


def depart_my_progress_html(translator: HTML5Translator, node: my_progress) -> None:
    translator.body.append(
        '<div class="cart-progress-app" hidden>'
        '<p class="cart-progress-privacy">'
        f"{escape(_('Your answers are kept only in this browser, on this device: nothing is sent anywhere.'))}"  # noqa: E501
        "</p>"
        '<p class="cart-progress-alert" role="status"></p>'
        '<div class="cart-progress-buttons">'
        f'<button type="button" class="cart-progress-print">{escape(_("Print my results"))}'
        "</button>"
        f'<button type="button" class="cart-progress-forget">{escape(_("Forget my answers"))}'
        "</button></div>"
        '<div class="cart-progress-confirm" role="group" '
        'aria-labelledby="cart-progress-confirm-text" hidden>'
        '<p class="cart-progress-confirm-text" id="cart-progress-confirm-text">'
        f"{escape(_('Forget every self-check answer saved on this device? This cannot be undone.'))}"  # noqa: E501
        "</p>"
        '<div class="cart-progress-buttons">'
        f'<button type="button" class="cart-progress-confirm-yes">{escape(_("Forget them"))}'
        "</button>"
        f'<button type="button" class="cart-progress-confirm-no">{escape(_("Cancel"))}'
        "</button></div></div>"
        '<p class="cart-progress-printed"></p>'
        '<div class="cart-progress-results"></div>'
        '<div class="cart-progress-saved"></div>'
        "</div></div>"
    )


def keep_children(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Other builders show the sentence only."""


def setup_progress(app: Sphinx) -> None:
    app.add_node(
        my_progress,
        html=(visit_my_progress_html, depart_my_progress_html),
        latex=(keep_children, keep_children),
        text=(keep_children, keep_children),
        man=(keep_children, keep_children),
        texinfo=(keep_children, keep_children),
    )
    app.add_directive("my-progress", MyProgressDirective)
