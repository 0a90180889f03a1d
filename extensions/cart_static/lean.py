"""Pages load only the Sphinx assets they use (issue 19: what readers download).

- Sphinx links its syntax-highlighting stylesheet (`pygments.css`, about 2 KB gzipped) from
  every page, and furo its `furo-extensions.css` (about 1 KB: styles for other extensions'
  markup); here a page links each only when its body has a class that stylesheet styles
  (`CONTENT_STYLES`; furo's own table and formula wrappers do not count). furo takes the
  colours it needs for code from its own stylesheet and inline variables.
- Sphinx links `documentation_options.js`, `doctools.js`, `sphinx_highlight.js` (and, in a
  translated build, `translations.js`) from every page, about 4 KB gzipped; outside the search
  page they only highlight the words of the search the reader came from. Here every page but
  the search page links `cart-search-words.js` instead (a few hundred bytes), which loads
  them, in the same order, only when a search left its words, so the words are highlighted
  as before. What else doctools.js did on those pages goes: keyboard navigation (off in this
  theme's options) and the "/" key that jumped to the search box, a single-character
  shortcut that could not be turned off (WCAG 2.1.4).

Other builders are left alone. The lists changed are Sphinx's per-page copies, restored after
each page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import add_minified_static_dir

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Stylesheets that style only some kinds of content, and the class names that show such
#: content in a page's body. pygments.css styles only highlighted code; furo-extensions.css
#: only other extensions' markup (sphinx-design, sphinx-tabs, copybutton, Bootstrap-style
#: `.container`s, Read the Docs' flyout) and buttons in highlighted code.
CODE = r"highlight"
CONTENT_STYLES = {
    "pygments.css": re.compile(CODE),
    "pygments_dark.css": re.compile(CODE),
    "furo-extensions.css": re.compile(
        rf"{CODE}|container|shadow|copybtn|sd-.*|sphinx-bs.*|tab-.*|sphinx-tabs.*|readthedocs.*"
    ),
}
_CLASSES = re.compile(r'class="([^"]*)"')
#: furo wraps every table and displayed formula in a `container` of its own, which
#: furo-extensions.css's `.container` reset (for Bootstrap-style containers) leaves as it is:
#: furo.css styles these wrappers, and its `.table-wrapper.container` rule outranks the reset.
FURO_WRAPPERS = frozenset({"table-wrapper", "math-wrapper"})
#: Sphinx's scripts that, outside search, only highlight search words; in Sphinx's order.
SEARCH_WORD_SCRIPTS = (
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "translations.js",
)
#: The template of Sphinx's search page, which needs every script as Sphinx links it.
SEARCH_TEMPLATE = "search.html"
LOADER = "cart-search-words.js"


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).split("?", 1)[0].rsplit("/", 1)[-1]


def ship_loader(app: Sphinx) -> None:
    if app.builder.format == "html":
        add_minified_static_dir(app, STATIC_DIR)


def classes_shown(body: str) -> set[str]:
    """The class names in `body`, less the `container` of furo's own wrappers."""
    shown: set[str] = set()
    for found in _CLASSES.findall(body):
        names = set(found.split())
        if names & FURO_WRAPPERS:
            names.discard("container")
        shown |= names
    return shown


def drop_unused_styles(context: dict[str, Any]) -> None:
    styles = context.get("css_files")
    if not isinstance(styles, list):
        return
    shown = classes_shown(context.get("body", ""))
    unused = {
        name
        for name, shows in CONTENT_STYLES.items()
        if not any(shows.fullmatch(class_name) for class_name in shown)
    }
    if unused:
        styles[:] = [style for style in styles if _name(style) not in unused]


def load_search_words_on_demand(app: Sphinx, templatename: str, context: dict[str, Any]) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list) or templatename == SEARCH_TEMPLATE:
        return
    deferred = [_name(script) for script in scripts if _name(script) in SEARCH_WORD_SCRIPTS]
    if not deferred:
        return
    scripts[:] = [script for script in scripts if _name(script) not in SEARCH_WORD_SCRIPTS]
    app.add_js_file(LOADER, defer="defer", **{"data-scripts": " ".join(deferred)})


def lighten_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    drop_unused_styles(context)
    load_search_words_on_demand(app, templatename, context)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", ship_loader)
    # Late, so the scripts and styles other extensions add to this page are in the lists.
    app.connect("html-page-context", lighten_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
