"""The ``{tier}`` directive: one reading level of a tiered section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cart_static.walk import nodes_of
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .config import TIER_NAMES
from .nodes import TierNode, enclosing_tier

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class TierDirective(SphinxDirective):
    """``::::{tier} simple`` ... ``::::``: content for readers of one tier.

    An unknown tier name is reported at the directive's line; its content is then
    shown to every reader, so nothing an author wrote disappears.
    """

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        location = (self.env.docname, self.lineno)
        content = self.parse_content_to_nodes()
        if name not in TIER_NAMES:
            logger.warning(
                "unknown tier %r; valid tiers are: %s",
                name,
                ", ".join(TIER_NAMES),
                type="tiers",
                subtype="name",
                location=location,
            )
            return content
        if not content:
            logger.warning(
                "the %r tier is empty", name, type="tiers", subtype="empty", location=location
            )
        tier = TierNode(tier=name, classes=["cart-tier", f"cart-tier--{name}"])
        tier["ids"] = [f"cart-tier-{self.env.new_serialno('cart-tier')}"]
        self.set_source_info(tier)
        tier += content
        return [tier]


def warn_nested_tiers(app: Sphinx, doctree: nodes.document) -> None:
    """A tier inside a tier would be hidden with its parent; report it at its line."""
    for tier in nodes_of(doctree, TierNode):
        outer = enclosing_tier(tier.parent)
        if outer is not None:
            logger.warning(
                "the %r tier is nested inside the %r tier; close one tier before opening the next",
                tier["tier"],
                outer["tier"],
                type="tiers",
                subtype="nested",
                location=(app.env.docname, tier.line),
            )


def setup_directive(app: Sphinx) -> None:
    """Register the directive and its structural check."""
    app.add_directive("tier", TierDirective)
    app.connect("doctree-read", warn_nested_tiers)
