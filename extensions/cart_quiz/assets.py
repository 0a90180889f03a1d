"""The extension's own scripts and styles: shipped minified from its `static/` folder to web
builds, and linked only from the pages that show what they serve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cart_static import add_minified_static_dir
from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx

from .nodes import INTERACTIVE_BUILDERS, element
from .question_set import shows_question_set

STATIC_DIR = Path(__file__).parent / "static"
EDUCATOR_CLASSES = frozenset({"cart-educators"})


def _shows_quiz(node: nodes.Node) -> bool:
    return isinstance(node, element) and "cart-quiz" in node["classes"]


def _shows_my_questions(node: nodes.Node) -> bool:
    return isinstance(node, element) and "cart-my-questions" in node["classes"]


def _shows_my_progress(node: nodes.Node) -> bool:
    return isinstance(node, element) and "cart-progress" in node["classes"]


def _shows_educator_content(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(EDUCATOR_CLASSES & set(node["classes"]))


#: Page content -> the assets it needs, in load order. Each test looks only at an element's
#: classes or ids (`_shown` skips elements with neither).
PAGE_ASSETS = (
    # First: on the set page it keeps the chosen questions before cart-quiz.js starts.
    (shows_question_set, ("cart-quiz-set.css",), ("cart-quiz-set.js",)),
    (_shows_quiz, ("cart-quiz.css",), ("cart-storage.js", "cart-quiz.js")),
    (
        _shows_my_questions,
        ("cart-my-questions.css",),
        ("cart-storage.js", "cart-my-questions.js"),
    ),
    (_shows_my_progress, ("cart-progress.css",), ("cart-storage.js", "cart-progress.js")),
    (_shows_educator_content, ("cart-quiz-educators.css",), ()),
)


def register_static_dir(app: Sphinx) -> None:
    if app.builder.name in INTERACTIVE_BUILDERS:
        add_minified_static_dir(app, STATIC_DIR)


def _shown(doctree: nodes.document) -> list[tuple]:
    """The entries of `PAGE_ASSETS` whose content the page shows, in their order: one walk
    through the page's elements (five walks, one per entry, cost 2 ms a page). Each entry's
    test looks at an element's classes or ids, so elements with neither are passed over."""
    left = list(PAGE_ASSETS)
    found: set[int] = set()
    for node in nodes_of(doctree, nodes.Element):
        attributes = node.attributes
        if not attributes["classes"] and not attributes["ids"]:
            continue
        for index, entry in enumerate(left):
            if index not in found and entry[0](node):
                found.add(index)
        if len(found) == len(left):
            break
    return [entry for index, entry in enumerate(left) if index in found]


def add_page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None or app.builder.name not in INTERACTIVE_BUILDERS:
        return
    styles: list[str] = []
    scripts: list[str] = []
    for _shows, page_styles, page_scripts in _shown(doctree):
        styles.extend(style for style in page_styles if style not in styles)
        scripts.extend(script for script in page_scripts if script not in scripts)
    for style in styles:
        app.add_css_file(style)
    for script in scripts:  # deferred scripts run in this order: the storage module first
        app.add_js_file(script, defer="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", register_static_dir)
    app.connect("html-page-context", add_page_assets)
