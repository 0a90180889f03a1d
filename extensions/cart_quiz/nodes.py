"""Doctree nodes of a quiz. Text parts stay real doctree children so Sphinx resolves the
cross-references and glossary terms inside them before any writer sees them."""

from __future__ import annotations

from docutils import nodes


class quiz(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A whole quiz; attributes carry the model's metadata (id, title, category...)."""


class quiz_question(nodes.General, nodes.Element):  # noqa: N801
    """One question; its children are `quiz_text` parts."""


class quiz_text(nodes.General, nodes.TextElement):  # noqa: N801
    """One piece of author text, tagged with its `part` (prompt, choice, feedback...)."""


QUIZ_NODES = (quiz, quiz_question, quiz_text)


def text_parts(question: quiz_question, part: str) -> list[quiz_text]:
    """The question's parts of one kind, in document order."""
    return [
        child
        for child in question.children
        if isinstance(child, quiz_text) and child["part"] == part
    ]


def text_part(question: quiz_question, part: str) -> quiz_text | None:
    found = text_parts(question, part)
    return found[0] if found else None
