"""Doctree nodes of a quiz, and how builders write them.

The directive builds `quiz` > `quiz_question` > `quiz_text` nodes from the model; text parts
stay real doctree children so Sphinx resolves the cross-references and glossary terms inside
them. Before any writer sees them, a post-transform turns them into the HTML widget's
`element` nodes (web builders) or into a printable worksheet of ordinary nodes (every other
builder), so the writers only ever meet `element`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

#: Builders whose readers get the interactive widget; the others get the worksheet.
INTERACTIVE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
VOID_ELEMENTS = frozenset({"input", "br", "hr", "img"})


class quiz(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A whole quiz; attributes carry the model's metadata (id, title, category...)."""


class quiz_question(nodes.General, nodes.Element):  # noqa: N801
    """One question; its children are `quiz_text` parts."""


class quiz_text(nodes.General, nodes.TextElement):  # noqa: N801
    """One piece of author text, tagged with its `part` (prompt, choice, feedback...)."""


class element(nodes.General, nodes.TextElement):  # noqa: N801
    """One HTML element of a widget: `tag`, `attributes`, and docutils `ids`/`classes`. A text
    element, so the translator writes links inside it as inline links."""


def heading_level(node: nodes.Element) -> int:
    """The heading level a widget's own heading takes inside its page's sections."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth + 1, 2), 6)


def el(tag: str, *children: nodes.Node | str, **attributes: Any) -> element:
    """One HTML element; `classes` and `ids` as docutils has them, other keyword arguments
    become attributes (`data_x` is written `data-x`; True is an empty boolean attribute)."""
    # The node `element(tag=..., classes=...)` would make, with its children appended, built
    # directly: a widget is thousands of these (a quarter of a 500-quiz build's widget time
    # went to docutils' generic constructor and `append`, which looks up the document of a
    # node that has none yet). Same attributes in the same order, same parent links.
    node = element.__new__(element)
    node.rawsource = ""
    node.children = [nodes.Text(child) if isinstance(child, str) else child for child in children]
    for child in node.children:
        child.parent = node
    node.attributes = {name: [] for name in element.list_attributes}
    node.attributes["ids"] = list(attributes.pop("ids", ()))
    node.attributes["classes"] = list(attributes.pop("classes", ()))
    node.attributes["tag"] = tag
    node.attributes["attributes"] = {
        name.replace("_", "-"): "" if value is True else str(value)
        for name, value in attributes.items()
        if value is not None and value is not False
    }
    node.tagname = "element"
    return node


def text_parts(question: nodes.Element, part: str) -> list[quiz_text]:
    """The question's parts of one kind, in document order."""
    return [
        child
        for child in question.children
        if isinstance(child, quiz_text) and child["part"] == part
    ]


def text_part(question: nodes.Element, part: str) -> quiz_text | None:
    found = text_parts(question, part)
    return found[0] if found else None


def after_answer(text: list[nodes.Node]) -> str:
    """What follows an answer's text before its feedback: a full stop, unless the text
    already ends a sentence (no "...body.. No.")."""
    shown = "".join(node.astext() for node in text).rstrip()
    return " " if shown.endswith((".", "!", "?", ":")) else ". "


def visit_element_html(translator: HTML5Translator, node: element) -> None:
    tag = node["tag"]
    translator.body.append(
        translator.starttag(node, tag, suffix="", empty=tag in VOID_ELEMENTS, **node["attributes"])
    )


def depart_element_html(translator: HTML5Translator, node: element) -> None:
    if node["tag"] not in VOID_ELEMENTS:
        translator.body.append(f"</{node['tag']}>")


def skip(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Non-web builders never meet widget elements; if one slips through, it writes nothing."""
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    fallback = (skip, None)
    for node_class in (quiz, quiz_question, quiz_text):
        app.add_node(
            node_class, html=fallback, latex=fallback, text=fallback, man=fallback, texinfo=fallback
        )
    app.add_node(
        element,
        html=(visit_element_html, depart_element_html),
        latex=fallback,
        text=fallback,
        man=fallback,
        texinfo=fallback,
    )
