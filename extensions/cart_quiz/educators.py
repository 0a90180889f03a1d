"""What educators use: the quiz catalogue, a page per quiz, printable worksheets and answer
keys, and exports for learning systems. `setup_educators(app)` wires them into Sphinx."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .catalog import (
    QuizCatalogDirective,
    reread_catalogue_when_quizzes_come_or_go,
    rewrite_when_embeds_change,
)
from .downloads import write_site_exports
from .export import FORMATS
from .html import skip_node
from .links import QuizLinksDirective, quiz_links, resolve_quiz_links
from .pages import generate_quiz_pages
from .printable import QuizWorksheetDirective, replace_printable_quizzes

EDUCATOR_CSS = "cart-quiz-educators.css"
# Before the worksheet pass of non-HTML builders (priority 500), which would take the
# printable quizzes for ordinary ones.
PRINTABLE_PRIORITY = 400


def add_educator_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The catalogue filter and print styles, on the pages that have educator content."""
    if doctree is None:
        return
    marked = next(
        doctree.findall(
            lambda node: isinstance(node, nodes.Element) and "cart-educators" in node["classes"]
        ),
        None,
    )
    if marked is not None or (
        pagename in app.env.metadata and app.env.metadata[pagename].get("cart_quiz_page")
    ):
        app.add_css_file(EDUCATOR_CSS)


def setup_educators(app: Sphinx) -> None:
    app.add_config_value("quiz_pages_directory", "", "env", types=frozenset({str}))
    app.add_config_value(
        "quiz_export_formats", list(FORMATS), "html", types=frozenset({list, tuple})
    )
    fallback = (skip_node, None)
    app.add_node(
        quiz_links, html=fallback, latex=fallback, text=fallback, man=fallback, texinfo=fallback
    )
    app.add_directive("quiz-catalog", QuizCatalogDirective)
    app.add_directive("quiz-links", QuizLinksDirective)
    app.add_directive("quiz-worksheet", QuizWorksheetDirective)
    app.connect("builder-inited", generate_quiz_pages)
    app.connect("env-get-outdated", reread_catalogue_when_quizzes_come_or_go)
    app.connect("env-updated", rewrite_when_embeds_change)
    app.connect("doctree-resolved", replace_printable_quizzes, priority=PRINTABLE_PRIORITY)
    app.connect("doctree-resolved", resolve_quiz_links)
    app.connect("html-page-context", add_educator_assets)
    app.connect("build-finished", write_site_exports)
