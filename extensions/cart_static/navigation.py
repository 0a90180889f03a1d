"""furo's navigation, rendered once per build instead of once per page.

furo computes its sidebar tree (`furo_navigation_tree`) for every page: Sphinx resolves and
renders the whole toctree for that page, then furo parses the result with BeautifulSoup to add
its checkbox expanders. With every page in the navigation that is pages x pages work (about
350 ms per page at 1,000 pages, against 47 ms in Sphinx's basic theme).

This extension renders the tree once per output folder, through Sphinx and furo's own
`get_navigation_tree`, for a page that is in no toctree (so nothing is marked current), and
records where each page's entries and their ancestors start. Each page then gets that markup
with the marks Sphinx and furo would have added for it: `current` on the entry's link (whose
address becomes `#`), list items and lists up the branch, the branch's checkbox expanders
`checked`, and `current-page` on the page's own list item. The markup is byte for byte what
furo writes (`tests/test_navigation.py` compares every page of the site), so captions, their
`aria-level` (added by the site's template), the current-page marking and the checkboxes are
unchanged.

Only for the `html` builder with furo (or a theme built on it); any other builder or theme is
left alone. Enable with `"cart_static.navigation"` in `extensions`.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from .toctree_state import toctree_state

#: The arguments furo passes to `toctree()` for its navigation tree.
FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: A page name no document can have (Sphinx document names never contain `<`), so the
#: tree rendered for it marks nothing as current.
NEUTRAL = "<cart-navigation>"
#: furo's trees of the last build, beside the doctrees: by a digest of the toctree's HTML
#: ("furo"), and that digest by a digest of what the toctree is made from ("states").
CACHE = "cart_navigation.json"
#: Part of every state digest: bumped when what this module renders changes.
STATE_VERSION = "2"
_TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')
_LEVEL = re.compile(r'class="(toctree-l\d+)')


@dataclass
class _Entry:
    """One link of the tree: where its tag starts and its branch's list items and lists."""

    link: int
    href: tuple[int, int]  # the href value's span
    branch: list[tuple[str, int]]  # (tag name, start) of each ancestor ul / li, outermost first


@dataclass
class _Tree:
    """The neutral tree of one output folder and where each address's entries are."""

    html: str
    entries: dict[str, list[_Entry]] = field(default_factory=dict)
    checkboxes: dict[int, int] = field(default_factory=dict)  # li start -> `checked` offset

    @classmethod
    def parse(cls, html: str) -> _Tree:
        tree = cls(html)
        stack: list[tuple[str, int]] = []
        for match in _TAG.finditer(html):
            closing, name, attributes = match.groups()
            if name in {"ul", "li"}:
                if closing:
                    stack.pop()
                else:
                    stack.append((name, match.start()))
            elif name == "a" and not closing:
                href = _HREF.search(attributes)
                if href and "reference internal" in attributes:
                    start = match.start(3) + href.start(1)
                    tree.entries.setdefault(href.group(1), []).append(
                        _Entry(match.start(), (start, start + len(href.group(1))), list(stack))
                    )
            elif name == "input" and "toctree-checkbox" in attributes and stack:
                # BeautifulSoup writes attributes sorted: `checked` comes before `class`.
                tree.checkboxes[stack[-1][1]] = match.start(3) + attributes.index(" class=")
        return tree

    def for_page(self, href: str) -> str:
        """The tree as furo writes it for the page whose address (from this folder) is
        `href`."""
        entries = [entry for entry in self.entries.get(href, ()) if "#" not in href]
        if not entries:
            return self.html
        html = self.html
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
        items: list[int] = []
        for entry in entries:
            for name, start in entry.branch:
                if name == "ul":
                    edits.append(self._add_class(start, "ul"))
                else:
                    level = _LEVEL.match(html, html.index("class=", start))
                    edits.append((level.end(), level.end(), " current"))
                    items.append(start)
                    if start in self.checkboxes:
                        at = self.checkboxes[start]
                        edits.append((at, at, ' checked=""'))
            edits.append(self._add_class(entry.link, "a", first=True))
            edits.append((*entry.href, "#"))
        last = max(items)
        close = html.index('"', html.index('class="', last) + len('class="'))
        edits.append((close, close, " current-page"))
        out, at = [], 0
        for start, end, text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
            out += [html[at:start], text]
            at = end
        out.append(html[at:])
        return "".join(out)

    def _add_class(self, start: int, name: str, *, first: bool = False) -> tuple[int, int, str]:
        """An edit giving the tag at `start` the class `current` (first, as docutils writes
        a link's own classes before `reference internal`, or last)."""
        end = self.html.index(">", start)
        tag = self.html[start:end]
        found = tag.find('class="')
        if found < 0:
            at = start + 1 + len(name)
            return (at, at, ' class="current"')
        value = start + found + len('class="')
        if first:
            return (value, value, "current ")
        close = self.html.index('"', value)
        return (close, close, " current")


class Navigation:
    """The trees of one build, by output folder; emptied when the documents change.

    furo's BeautifulSoup pass (`get_navigation_tree`) is a function of the rendered toctree
    alone, and the largest part of the work at 1,000 pages (0.3 s a build): its results are
    kept beside the doctrees (`CACHE`), by a digest of the toctree's HTML and furo's version.
    Resolving and rendering that toctree is the next largest (0.1 s at 1,000 pages), and it
    is a function of the environment's tables of contents: so the HTML's digest is kept too,
    by a digest of everything it is made from (`state`), and a rebuild whose tables of
    contents, titles, numbers, configuration, tags and software are all as they were renders
    nothing. Any difference in them only means a render, never a stale tree."""

    def __init__(self) -> None:
        self.trees: dict[str, _Tree] = {}
        self.environment_digest: bytes | None = None
        self.cached: dict[str, dict[str, str]] | None = None  # the file's "furo" and "states"
        self.used: dict[str, dict[str, str]] = {"furo": {}, "states": {}}

    def reset(self, *_: Any) -> None:
        self.trees.clear()
        self.environment_digest = None

    def tree(self, app: Sphinx, folder: str, render: Callable[[str], str]) -> _Tree:
        if folder not in self.trees:
            self.trees[folder] = _Tree.parse(self._furo_tree(app, folder, render))
        return self.trees[folder]

    def _load(self, app: Sphinx) -> dict[str, dict[str, str]]:
        if self.cached is None:
            try:
                cached = json.loads((Path(app.doctreedir) / CACHE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                cached = {}
            tables = cached if isinstance(cached, dict) else {}
            self.cached = {
                name: table if isinstance(table := tables.get(name), dict) else {}
                for name in ("furo", "states")
            }
        return self.cached

    def _furo_tree(self, app: Sphinx, folder: str, render: Callable[[str], str]) -> str:
        """furo's tree for `folder`, from the cache when it has it: by this build's state, or
        else by the digest of the toctree's HTML, rendered."""
        from furo import __version__ as furo_version  # noqa: PLC0415 (only with furo)
        from furo.navigation import get_navigation_tree  # noqa: PLC0415

        cached = self._load(app)
        state = self.state(app, folder, furo_version)
        digest = cached["states"].get(state)
        tree = cached["furo"].get(digest) if isinstance(digest, str) else None
        if not isinstance(tree, str):
            html = render(posixpath.join(folder, NEUTRAL))
            digest = hashlib.sha256(f"{furo_version}\0{html}".encode()).hexdigest()
            tree = cached["furo"].get(digest)
            if not isinstance(tree, str):
                tree = get_navigation_tree(html)
        self.used["furo"][digest] = tree
        self.used["states"][state] = digest
        return tree

    def state(self, app: Sphinx, folder: str, furo_version: str) -> str:
        """A digest of what the navigation tree of `folder` is made from."""
        if self.environment_digest is None:
            self.environment_digest = toctree_state(app)
        made_from = f"{STATE_VERSION}\0{furo_version}\0{folder}".encode()
        return hashlib.sha256(self.environment_digest + made_from).hexdigest()

    def save(self, app: Sphinx, exception: Exception | None) -> None:
        """Keep the trees this build used, when they differ from the file's."""
        if exception is None and self.used["furo"] and self.used != self.cached:
            path = Path(app.doctreedir) / CACHE
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.used), encoding="utf-8")
        self.cached, self.used = None, {"furo": {}, "states": {}}


def _uses_furo(app: Sphinx) -> bool:
    theme = getattr(app.builder, "theme", None)
    names = [theme.name, *getattr(theme, "_dirs", ())] if theme is not None else []
    return app.builder.name == "html" and any("furo" in str(name) for name in names)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("cart_static.toctree_state")
    navigation = Navigation()

    def render(docname: str) -> str:
        builder = app.builder
        toctree = global_toctree_for_doc(app.env, docname, builder, tags=builder.tags, **FURO_CALL)
        return builder.render_partial(toctree)["fragment"] if toctree is not None else ""

    def before_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
        if "toctree" not in context or not _uses_furo(app):
            return
        original = context["toctree"]

        def toctree(**kwargs: Any) -> str:
            return "" if kwargs == FURO_CALL else original(**kwargs)

        context["toctree"] = toctree
        context["_cart_navigation_toctree"] = original

    def after_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
        original = context.pop("_cart_navigation_toctree", None)
        if original is None:
            return
        context["toctree"] = original
        folder = posixpath.dirname(pagename)
        tree = navigation.tree(app, folder, render)
        href = app.builder.get_relative_uri(posixpath.join(folder, NEUTRAL), pagename)
        context["furo_navigation_tree"] = tree.for_page(href)

    app.connect("env-updated", navigation.reset)
    app.connect("builder-inited", navigation.reset)
    app.connect("build-finished", navigation.save)
    # furo computes its tree at the default priority (500).
    app.connect("html-page-context", before_furo, priority=400)
    app.connect("html-page-context", after_furo, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
