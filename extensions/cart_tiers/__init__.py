"""cart_tiers: one page, three reading levels, and proof that the plain level is plain.

Authors write ``::::{tier} simple|detail|clinical`` blocks; readers pick a level with a
switcher that remembers their choice; the build measures each block's Flesch-Kincaid
grade and fails a strict build when a tier reads above its limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cart_static import add_minified_static_dir
from cart_static.memory import setup_memory
from cart_static.walk import first_of

from .config import MESSAGE_CATALOG, setup_config
from .directive import setup_directive
from .gate import setup_gate
from .glossary import setup_glossary
from .nodes import TermTooltipNode, TierNode, setup_nodes
from .report_directive import setup_report
from .switcher import setup_switcher

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

__version__ = "0.1.0"
#: Bump when the data kept on the environment changes shape.
ENV_VERSION = 2
PACKAGE_DIR = Path(__file__).resolve().parent


def add_static_path(app: Sphinx) -> None:
    """Ship tiers.css and tiers.js from this package, for HTML builders only."""
    if app.builder.format == "html":
        add_minified_static_dir(app, PACKAGE_DIR / "static")


def add_assets_to_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Link the CSS and JS only from pages with tiers or term tooltips."""
    if doctree is not None and first_of(doctree, (TierNode, TermTooltipNode)) is not None:
        app.add_css_file("tiers.css")
        app.add_js_file("tiers.js")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the tier directive, the readability gate, tooltips and the report."""
    setup_config(app)
    setup_nodes(app)
    setup_directive(app)
    setup_switcher(app)
    setup_gate(app)
    setup_glossary(app)
    setup_report(app)
    setup_memory(app)
    app.add_message_catalog(MESSAGE_CATALOG, PACKAGE_DIR / "locale")
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_assets_to_page)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
