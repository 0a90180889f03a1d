"""Which pages embed each quiz, from what the `{quiz}` directive records in the page metadata
(`cart_quizzes`). Generated quiz pages are left out: they are the quiz's own page."""

from __future__ import annotations

from sphinx.environment import BuildEnvironment

from .pages import is_generated_page


def pages_embedding(env: BuildEnvironment) -> dict[str, list[str]]:
    """Quiz id -> docnames of the pages that show it, in the order of their titles."""
    found: dict[str, list[str]] = {}
    for docname, metadata in env.metadata.items():
        if is_generated_page(env.config, docname) or docname not in env.all_docs:
            continue
        for quiz_id in metadata.get("cart_quizzes", []):
            found.setdefault(quiz_id, []).append(docname)

    def title(docname: str) -> str:
        node = env.titles.get(docname)
        return node.astext() if node is not None else docname

    return {quiz_id: sorted(docs, key=lambda d: (title(d), d)) for quiz_id, docs in found.items()}


def catalogue_pages(env: BuildEnvironment) -> list[str]:
    """Docnames of the pages that show the `{quiz-catalog}`."""
    return sorted(
        docname
        for docname, metadata in env.metadata.items()
        if metadata.get("cart_quiz_catalog") and docname in env.all_docs
    )
