"""Page assets: each widget's script and styles load only on the pages that show it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

PageContextHandler = Callable[[Sphinx, str, str, dict[str, Any], nodes.document | None], None]


def assets_where_shown(node_class: type[nodes.Node], css: str, js: str) -> PageContextHandler:
    """An `html-page-context` handler adding `css` and `js` to pages holding a `node_class`."""

    def add_assets(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        if doctree is not None and next(doctree.findall(node_class), None) is not None:
            app.add_css_file(css)
            app.add_js_file(js, defer="defer")

    return add_assets
