"""Quiz text (the `cart_quiz.text` profile) as docutils nodes for the page.

Glossary terms and labels become the same `pending_xref` nodes Sphinx's own ``:term:`` and
``:ref:`` roles make, so Sphinx resolves and checks them, the tiers extension shows term
definitions, and each node carries the quiz file and line, so a term or label that does not
exist is reported in the YAML file.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from .text import Span, parse


def _node(span: Span, docname: str) -> nodes.Node:
    if span.kind == "text":
        return nodes.Text(span.text)
    if span.kind == "code":
        return nodes.literal(span.text, span.text)
    if span.kind in ("emphasis", "strong"):
        element = nodes.emphasis() if span.kind == "emphasis" else nodes.strong()
        element.extend(_node(child, docname) for child in span.children)
        return element
    if span.kind == "link":
        reference = nodes.reference("", "", refuri=span.target)
        reference.extend(_node(child, docname) for child in span.children)
        return reference
    target = " ".join(span.target.split())
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype=span.kind,
        # As Sphinx's own roles do: labels are lowercase, terms keep their case.
        reftarget=target.lower() if span.kind == "ref" else target,
        refexplicit=span.explicit,
        refwarn=True,
        refdoc=docname,
    )
    xref += nodes.inline(span.text, span.text, classes=["xref", "std", f"std-{span.kind}"])
    return xref


def text_nodes(text: str, docname: str, source: str, line: int) -> list[nodes.Node]:
    """The nodes of one quiz field, located at its YAML file and line."""
    result = [_node(span, docname) for span in parse(text)]
    for node in result:
        if isinstance(node, nodes.Element):
            for element in node.findall(nodes.Element):
                element.source, element.line = source, line
    return result
