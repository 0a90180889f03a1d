"""Put the tier switcher right after the title of every HTML page that has tiers, and let the
page take its final shape before any script runs (no layout shift).

tiers.js runs at the end of the page, after the browser may have painted it with every tier
showing. So that nothing moves when it runs:

- each tier block is marked, at build time, with the reading levels that show it
  (``cart-tier--for-<name>``: its own level, or a neighbour's standing in where a section
  lacks that level), the same choice tiers.js makes;
- a tiny script in the page's head, ``tiers-early.js`` (a file, so a strict
  Content-Security-Policy holds), reads the reader's level (``?tier=`` or the stored choice)
  and sets it on ``<html>`` before the body is drawn; tiers.css then hides the other tiers and
  shows the switcher in its place from the first paint. tiers.js takes over when it runs.

Without JavaScript neither runs: every tier shows under its label and the switcher stays
hidden, as before.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from cart_static.walk import first_of, nodes_of
from docutils import nodes
from markupsafe import Markup

from .config import STORAGE_KEY, TIER_NAMES
from .nodes import TierNode, TierSwitcherNode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EARLY_SCRIPT = "_static/tiers-early.js"


def preference_order(chosen: str) -> list[str]:
    """The chosen tier first, then plainer ones, then deeper ones (as tiers.js)."""
    index = TIER_NAMES.index(chosen)
    return [*reversed(TIER_NAMES[: index + 1]), *TIER_NAMES[index + 1 :]]


def tier_groups(doctree: nodes.document) -> list[list[TierNode]]:
    """Tiers written one after another: one section at several depths (as tiers.js)."""
    groups: list[list[TierNode]] = []
    for block in nodes_of(doctree, TierNode):
        parent = block.parent
        index = parent.index(block)
        previous = parent[index - 1] if index > 0 else None
        if groups and previous is not None and any(previous is node for node in groups[-1]):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def mark_shown_for(doctree: nodes.document) -> None:
    """Give each tier block a class per reading level that shows it."""
    for group in tier_groups(doctree):
        present = {block["tier"] for block in group}
        for chosen in TIER_NAMES:
            shown = next(name for name in preference_order(chosen) if name in present)
            for block in group:
                if block["tier"] == shown:
                    block["classes"].append(f"cart-tier--for-{chosen}")


def insert_switcher(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Add one switcher per page, after the page title (or first, for a page without one)."""
    if app.builder.format != "html" or first_of(doctree, TierNode) is None:
        return
    mark_shown_for(doctree)
    switcher = TierSwitcherNode(default=app.config.tiers_default)
    section = first_of(doctree, nodes.section)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, switcher)
    else:
        doctree.insert(0, switcher)


def add_early_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Load tiers-early.js in the head of pages with a switcher (themes put the scripts that
    Sphinx knows about at the end of the body, too late)."""
    if doctree is None or first_of(doctree, TierSwitcherNode) is None:
        return
    src = escape(context["pathto"](EARLY_SCRIPT, 1))
    tag = (
        f'<script src="{src}" data-storage-key="{STORAGE_KEY}"'
        f' data-tiers="{" ".join(TIER_NAMES)}" data-default-tier="{app.config.tiers_default}">'
        "</script>"
    )
    context["metatags"] = Markup(f"{context.get('metatags', '')}\n{tag}")


def setup_switcher(app: Sphinx) -> None:
    """Register the insertion step and the early script."""
    app.connect("doctree-resolved", insert_switcher)
    app.connect("html-page-context", add_early_script)
