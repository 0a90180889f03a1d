"""The readability gate: measure every tier block when its page is read.

A block above its tier's limit is a warning at the block's line, so a strict build
(``-W``) fails. The figures are kept on the environment for the report.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from .nodes import TierNode
from .readability import measure
from .readability_es import measure_es
from .report import BlockFigures

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: What a glossary term (or a link shown by its target's title) counts as: one short word.
SHORT_WORD = "term"
_NOT_READ = (
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math_block,
    nodes.comment,
    nodes.raw,
    nodes.footnote,
    nodes.citation,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.target,
    nodes.image,
    TierNode,
)
_TITLED_BY_TARGET = {"ref", "doc", "numref", "myst", "any"}


def _counts_as_short_word(node: nodes.Node) -> bool:
    if not isinstance(node, addnodes.pending_xref):
        return False
    if node.get("reftype") == "term":
        return True
    return node.get("reftype") in _TITLED_BY_TARGET and not node.get("refexplicit")


def _inline_text(node: nodes.Element) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, nodes.Text):
            parts.append(child.astext())
        elif isinstance(child, _NOT_READ):
            continue
        elif _counts_as_short_word(child):
            parts.append(f" {SHORT_WORD} ")
        elif isinstance(child, nodes.Element):
            parts.append(_inline_text(child))
    return "".join(parts)


def _blocks_in(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, _NOT_READ):
        return
    if isinstance(node, nodes.TextElement):
        yield _inline_text(node)
    elif isinstance(node, nodes.Element):
        for child in node.children:
            yield from _blocks_in(child)


def text_blocks(tier: TierNode) -> list[str]:
    """The text of each paragraph, list item and heading in a tier, as the gate reads it."""
    return [text for child in tier.children for text in _blocks_in(child)]


def stored_figures(env: BuildEnvironment) -> dict[str, list[BlockFigures]]:
    """Figures per page, kept on the environment between builds."""
    if not hasattr(env, "cart_tiers_readability"):
        env.cart_tiers_readability = {}
    return env.cart_tiers_readability


class ReadabilityCollector(EnvironmentCollector):
    """Measure each tier block at read time, warn about blocks over their limit."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        stored_figures(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        ours, theirs = stored_figures(env), stored_figures(other)
        ours.update({docname: theirs[docname] for docname in docnames if docname in theirs})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        spanish = is_spanish(app.config.language)
        limits = (
            app.config.tiers_spanish_readability_limits
            if spanish
            else app.config.tiers_readability_limits
        )
        blocks = [
            measure_block(env, tier, limits.get(tier["tier"]), spanish=spanish)
            for tier in nodes_of(doctree, TierNode)
        ]
        message = (
            "%s tier has a Fernández-Huerta reading ease of %.1f (%.1f words per sentence);"
            " the lowest allowed is %.1f; shorten sentences or use shorter words"
            if spanish
            else "%s tier reads at grade %.1f (%.1f words per sentence); the limit is %.1f"
            " (Flesch-Kincaid); shorten sentences or use simpler words"
        )
        for block in blocks:
            if block.status == "fail":
                logger.warning(
                    message,
                    block.tier,
                    block.grade,
                    block.sentence_length,
                    block.limit,
                    type="tiers",
                    subtype="readability",
                    location=(block.docname, block.line),
                )
        if blocks:
            stored_figures(env)[env.docname] = blocks


def is_spanish(language: str | None) -> bool:
    """Whether a page in this language is measured with the Spanish formula."""
    return str(language or "").lower().replace("_", "-").split("-")[0] == "es"


def measure_block(
    env: BuildEnvironment, tier: TierNode, limit: float | None, *, spanish: bool = False
) -> BlockFigures:
    """The figures of one tier block on the page being read (Flesch-Kincaid grade, or for
    Spanish the Fernández-Huerta reading ease, kept in `grade`)."""
    figures = (measure_es if spanish else measure)(text_blocks(tier))
    score = figures.fernandez_huerta if spanish else figures.grade
    return BlockFigures(
        docname=env.docname,
        source=env.doc2path(env.docname, False).as_posix(),
        line=tier.line,
        tier=tier["tier"],
        words=figures.words,
        sentences=figures.sentences,
        syllables=figures.syllables,
        grade=round(score, 1),
        sentence_length=round(figures.average_sentence_length, 1),
        limit=limit,
        anchor=tier["ids"][0] if tier["ids"] else "",
        formula="fernandez-huerta" if spanish else "flesch-kincaid",
    )


def setup_gate(app: Sphinx) -> None:
    """Register the collector that measures tiers."""
    app.add_env_collector(ReadabilityCollector)
