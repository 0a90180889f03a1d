"""The `{my-progress}` directive: the reader's self-checks, read from this browser's storage by
cart-progress.js (which are done, the score of each, what to review, the questions saved in My
questions), with a "Print my results" view to show a nurse and one "Forget my answers" for the
whole site. Nothing is sent anywhere; the page itself holds no answer.

Without JavaScript nothing is saved, and the page says so in one sentence. Every quiz links
here through the label `my-progress` (put `(my-progress)=` above the directive's heading).
"""

from __future__ import annotations

import json
from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .nodes import INTERACTIVE_BUILDERS, el, element, heading_level
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


def progress_widget(node: my_progress) -> element:
    """The view cart-progress.js fills, around the no-JavaScript sentence."""
    privacy = _(
        "Your answers are kept only in this browser, on this device: nothing is sent anywhere."
    )
    confirm_text = _("Forget every self-check answer saved on this device? This cannot be undone.")
    strings = script_strings()
    level = heading_level(node)
    app = el(
        "div",
        el("p", privacy, classes=["cart-progress-privacy"]),
        el("p", classes=["cart-progress-alert"], role="status"),
        el(
            "div",
            el("button", _("Print my results"), classes=["cart-progress-print"], type="button"),
            el("button", _("Forget my answers"), classes=["cart-progress-forget"], type="button"),
            classes=["cart-progress-buttons"],
        ),
        el(
            "div",
            el(
                "p",
                confirm_text,
                classes=["cart-progress-confirm-text"],
                ids=["cart-progress-confirm-text"],
            ),
            el(
                "div",
                el(
                    "button", _("Forget them"), classes=["cart-progress-confirm-yes"], type="button"
                ),
                el("button", _("Cancel"), classes=["cart-progress-confirm-no"], type="button"),
                classes=["cart-progress-buttons"],
            ),
            classes=["cart-progress-confirm"],
            role="group",
            aria_labelledby="cart-progress-confirm-text",
            hidden=True,
        ),
        el("p", classes=["cart-progress-printed"]),
        # A first visit's view, drawn in advance: nothing moves when the script starts.
        el(
            "div",
            el("p", strings["none"], classes=["cart-progress-none"]),
            classes=["cart-progress-results"],
        ),
        el(
            "div",
            el(f"h{level}", strings["savedHeading"]),
            el("p", strings["savedNone"]),
            classes=["cart-progress-saved"],
        ),
        classes=["cart-progress-app"],
        hidden=True,
    )
    return el(
        "div",
        *(child.deepcopy() for child in node.children),
        app,
        classes=["cart-progress"],
        ids=["cart-progress"],
        data_cart_strings=json.dumps(strings, ensure_ascii=False),
        data_heading_level=level,
    )


class MyProgressTransform(SphinxPostTransform):
    """The progress view for web builders; the others keep the one sentence."""

    default_priority = 400
    builders = tuple(sorted(INTERACTIVE_BUILDERS))

    def run(self, **kwargs: Any) -> None:
        for node in nodes_of(self.document, my_progress):
            node.replace_self(progress_widget(node))


def keep_children(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Builders without scripts show the sentence only."""


def setup_progress(app: Sphinx) -> None:
    app.add_node(
        my_progress,
        html=(keep_children, keep_children),
        latex=(keep_children, keep_children),
        text=(keep_children, keep_children),
        man=(keep_children, keep_children),
        texinfo=(keep_children, keep_children),
    )
    app.add_directive("my-progress", MyProgressDirective)
    app.add_post_transform(MyProgressTransform)
