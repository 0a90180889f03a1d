"""Doctree nodes of the extension and how each builder writes them.

HTML gets the interactive markup (tiers.js and tiers.css style it). Every other builder
writes each tier under a visible label, drops the switcher and keeps term links as
plain links, so LaTeX, text, man and Texinfo output never crash and never hide a tier.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from .config import STORAGE_KEY, TIER_NAMES, _, tier_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.manpage import ManualPageTranslator
    from sphinx.writers.texinfo import TexinfoTranslator
    from sphinx.writers.text import TextTranslator


class TierNode(nodes.General, nodes.Element):
    """One tier of a tiered section; ``node["tier"]`` is its name."""


class TierSwitcherNode(nodes.General, nodes.Element):
    """Where the HTML tier switcher goes; ``node["default"]`` is the tier shown first."""


class TermTooltipNode(nodes.Inline, nodes.TextElement):
    """Wraps a glossary term link; ``definition`` and ``tip_id`` describe its tooltip."""


class ReadabilityReportNode(nodes.General, nodes.Element):
    """Placeholder replaced by the readability table once every page has been read."""


def enclosing_tier(node: nodes.Node | None) -> TierNode | None:
    """The tier that contains ``node`` (or is ``node``), if any."""
    while node is not None and not isinstance(node, TierNode):
        node = node.parent
    return node


# HTML


def visit_tier_html(self: HTML5Translator, node: TierNode) -> None:
    label_id = f"{node['ids'][0]}-label"
    attributes = {"role": "group", "aria-labelledby": label_id, "data-tier": node["tier"]}
    self.body.append(self.starttag(node, "div", **attributes))
    label = escape(tier_label(node["tier"]))
    self.body.append(f'<p class="cart-tier__label" id="{label_id}">{label}</p>\n')


def depart_tier_html(self: HTML5Translator, node: TierNode) -> None:
    self.body.append("</div>\n")


def visit_switcher_html(self: HTML5Translator, node: TierSwitcherNode) -> None:
    options = "".join(
        '<label class="cart-tier-switcher__option">'
        f'<input type="radio" name="cart-tier" value="{name}"'
        f"{' checked' if name == node['default'] else ''}>"
        f"<span>{escape(tier_label(name))}</span></label>\n"
        for name in TIER_NAMES
    )
    announce = escape(str(_("Now showing: {tier}.")))
    legend = escape(str(_("Reading level")))
    self.body.append(
        f'<fieldset class="cart-tier-switcher" hidden data-default-tier="{node["default"]}"'
        f' data-storage-key="{STORAGE_KEY}" data-announce="{announce}">\n'
        f'<legend class="cart-tier-switcher__legend">{legend}</legend>\n'
        f'<div class="cart-tier-switcher__options">\n{options}</div>\n'
        '<p class="cart-tier-switcher__status cart-visually-hidden" role="status"'
        ' aria-live="polite" aria-atomic="true"></p>\n'
        "</fieldset>\n"
    )
    raise nodes.SkipNode


def visit_term_tooltip_html(self: HTML5Translator, node: TermTooltipNode) -> None:
    self.body.append('<span class="cart-term">')


def depart_term_tooltip_html(self: HTML5Translator, node: TermTooltipNode) -> None:
    self.body.append(
        f'<span class="cart-term__tip" role="tooltip" id="{node["tip_id"]}">'
        f"{escape(node['definition'])}</span></span>"
    )


# Other builders: a visible label before each tier, nothing else.


def visit_tier_text(self: TextTranslator, node: TierNode) -> None:
    self.new_state(0)
    self.add_text(f"[{tier_label(node['tier'])}]")
    self.end_state()


def visit_tier_latex(self: LaTeXTranslator, node: TierNode) -> None:
    label = self.encode(tier_label(node["tier"]))
    self.body.append(f"\n\\par\\medskip\\noindent\\textbf{{{label}}}\\par\\nopagebreak\n")


def visit_tier_man(self: ManualPageTranslator, node: TierNode) -> None:
    self.ensure_eol()
    self.body.append(f".sp\n\\fB{self.deunicode(tier_label(node['tier']))}\\fP\n")


def visit_tier_texinfo(self: TexinfoTranslator, node: TierNode) -> None:
    self.body.append(f"\n\n@noindent\n@strong{{{self.escape(tier_label(node['tier']))}}}\n\n")


def do_nothing(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Write nothing for the node itself; its children are written as usual."""


def skip_node(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Write neither the node nor its children."""
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes with a behaviour for every builder family."""
    app.add_node(
        TierNode,
        html=(visit_tier_html, depart_tier_html),
        latex=(visit_tier_latex, do_nothing),
        text=(visit_tier_text, do_nothing),
        man=(visit_tier_man, do_nothing),
        texinfo=(visit_tier_texinfo, do_nothing),
    )
    app.add_node(
        TermTooltipNode,
        html=(visit_term_tooltip_html, depart_term_tooltip_html),
        latex=(do_nothing, do_nothing),
        text=(do_nothing, do_nothing),
        man=(do_nothing, do_nothing),
        texinfo=(do_nothing, do_nothing),
    )
    html_only = dict.fromkeys(("latex", "text", "man", "texinfo"), (skip_node, None))
    app.add_node(TierSwitcherNode, html=(visit_switcher_html, None), **html_only)
    app.add_node(ReadabilityReportNode, html=(skip_node, None), **html_only)
