"""Put the tier switcher right after the title of every HTML page that has tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .nodes import TierNode, TierSwitcherNode

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def insert_switcher(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Add one switcher per page, after the page title (or first, for a page without one)."""
    if app.builder.format != "html" or next(doctree.findall(TierNode), None) is None:
        return
    switcher = TierSwitcherNode(default=app.config.tiers_default)
    section = next(doctree.findall(nodes.section), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, switcher)
    else:
        doctree.insert(0, switcher)


def setup_switcher(app: Sphinx) -> None:
    """Register the insertion step."""
    app.connect("doctree-resolved", insert_switcher)
