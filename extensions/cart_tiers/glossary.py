"""Glossary definitions as tooltips on plain-language term links.

At read time, definitions are collected from every ``glossary`` directive, and term
links that plain-tier readers see (in the simple tier, or outside any tier) are
marked. When an HTML page is written, each marked link that resolved to a glossary
entry is wrapped with its short definition; tiers.js makes it reachable on hover and
focus and dismissible with Escape (WCAG 1.4.13).
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import TYPE_CHECKING

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from . import nodes as tier_nodes
from .nodes import TermTooltipNode, enclosing_tier

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The attribute that marks the text node of a term link for a tooltip.
TERM_KEY = "cart_term"
MAX_DEFINITION_LENGTH = 280
_NATIVE_NODE_MODULES = frozenset({"docutils.nodes", "sphinx.addnodes", tier_nodes.__name__})
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def term_key(text: str) -> str:
    """How a term is looked up: lowercased, with spaces collapsed (as Sphinx matches)."""
    return " ".join(text.split()).lower()


def short_definition(definition: nodes.Element) -> str:
    """The first paragraph of a definition, cut at a sentence end if it is long."""
    paragraph = next(iter(definition.findall(nodes.paragraph)), definition)
    text = " ".join(paragraph.astext().split())
    if len(text) <= MAX_DEFINITION_LENGTH:
        return text
    head = text[:MAX_DEFINITION_LENGTH]
    ends = [match.end() for match in _SENTENCE_END.finditer(head)]
    return head[: ends[-1]] if ends else head.rsplit(" ", 1)[0] + "…"


def definitions_in(doctree: nodes.document) -> dict[str, str]:
    """Every term defined by a glossary directive in one page, with its short definition."""
    found = {}
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            definition = next(iter(item.findall(nodes.definition)), None)
            if definition is None:
                continue
            text = short_definition(definition)
            for term in item.children:
                if isinstance(term, nodes.term):
                    found[term_key(term.astext())] = text
    return found


def _read_in_plain_tier(xref: addnodes.pending_xref) -> bool:
    """Shown to plain-tier readers, in ordinary text, not in a heading or another widget."""
    tier = enclosing_tier(xref)
    if tier is not None and tier["tier"] != "simple":
        return False
    node = xref.parent
    while node is not None:
        if isinstance(node, (nodes.title, addnodes.glossary)):
            return False
        if type(node).__module__ not in _NATIVE_NODE_MODULES:
            return False
        node = node.parent
    return True


def stored_glossary(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """Definitions per page that has a glossary."""
    if not hasattr(env, "cart_tiers_glossary"):
        env.cart_tiers_glossary = {}
    return env.cart_tiers_glossary


def stored_tooltip_pages(env: BuildEnvironment) -> set[str]:
    """Pages with term links that get tooltips."""
    if not hasattr(env, "cart_tiers_tooltip_pages"):
        env.cart_tiers_tooltip_pages = set()
    return env.cart_tiers_tooltip_pages


class GlossaryCollector(EnvironmentCollector):
    """Collect definitions and mark plain-tier term links; rewrite pages when terms change."""

    def __init__(self) -> None:
        self.glossary_changed = False

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        if stored_glossary(env).pop(docname, None) is not None:
            self.glossary_changed = True
        stored_tooltip_pages(env).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = stored_glossary(other)
        for docname in docnames & theirs.keys():
            stored_glossary(env)[docname] = theirs[docname]
            self.glossary_changed = True
        stored_tooltip_pages(env).update(docnames & stored_tooltip_pages(other))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        if definitions := definitions_in(doctree):
            stored_glossary(env)[env.docname] = definitions
            self.glossary_changed = True
        if not app.config.tiers_term_tooltips:
            return
        for xref in nodes_of(doctree, addnodes.pending_xref):
            if xref.get("reftype") == "term" and xref.children and _read_in_plain_tier(xref):
                xref[0][TERM_KEY] = term_key(xref["reftarget"])
                stored_tooltip_pages(env).add(env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        changed, self.glossary_changed = self.glossary_changed, False
        return sorted(stored_tooltip_pages(env)) if changed else []


def add_term_tooltips(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Wrap each marked term link that reached a glossary entry with its definition."""
    if app.builder.format != "html" or not app.config.tiers_term_tooltips:
        return
    definitions: dict[str, str] = {}
    for page_definitions in stored_glossary(app.env).values():
        definitions.update(page_definitions)
    marked = [
        node
        for node in nodes_of(doctree, nodes.Element)
        if TERM_KEY in node.attributes and isinstance(node.parent, nodes.reference)
    ]
    for number, text_node in enumerate(marked, start=1):
        definition = definitions.get(text_node[TERM_KEY])
        if not definition:
            continue
        reference = text_node.parent
        tooltip = TermTooltipNode(definition=definition, tip_id=f"cart-term-tip-{number}")
        reference.replace_self(tooltip)
        tooltip += reference


def setup_glossary(app: Sphinx) -> None:
    """Register the collector and the tooltip step."""
    app.add_env_collector(GlossaryCollector)
    app.connect("doctree-resolved", add_term_tooltips)
