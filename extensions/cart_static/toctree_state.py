"""A digest of everything Sphinx renders a toctree from.

Equal digests in two builds mean every toctree would render the same HTML in both, so what was
rendered from them can be kept (`cart_static.navigation`) or left unwritten
(`cart_static.toctree_parents`). Any difference only means rendering again, never stale HTML.

Each page's part (its table of contents and title) is digested when the page is read and kept
on the environment, so a rebuild digests only the pages it read, not all of them (0.03 s a
build at 1,000 pages). Extensions that use the digest load this module with
`app.setup_extension("cart_static.toctree_state")`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import docutils
import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: Part of every digest: bumped when what goes into it changes.
VERSION = "1"
#: The environment's digests of each page's table of contents and title, by document name.
PAGES = "cart_toctree_pages"


def toctree_state(app: Sphinx) -> bytes:
    """The tables of contents and titles (by what they render, not where they were written),
    the toctrees' includes, section numbers and `tocdepth`s, the configuration's and tags'
    hashes, the root document and the software's versions."""
    env, builder = app.env, app.builder
    build_info = getattr(builder, "build_info", None)
    extensions = sorted((name, str(ext.version)) for name, ext in app.extensions.items())
    made_from = (
        VERSION,
        sphinx.__version__,
        docutils.__version__,
        extensions,
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        sorted(builder.tags),
        env.config.root_doc,
        sorted(_page_digests(env)),
        sorted(env.toctree_includes.items()),
        sorted(env.toc_secnumbers.items()),
        sorted((name, data.get("tocdepth")) for name, data in env.metadata.items()),
    )
    # repr, not pickle: pickle's bytes depend on which equal strings are one object.
    return hashlib.sha256(repr(made_from).encode()).digest()


def _page_digest(env: BuildEnvironment, docname: str) -> str:
    toc, title = env.tocs.get(docname), env.titles.get(docname)
    made_from = (toc and _shape(toc), title and _shape(title))
    return hashlib.sha256(repr(made_from).encode()).hexdigest()


def _kept(env: BuildEnvironment) -> dict[str, str]:
    if not hasattr(env, PAGES):
        setattr(env, PAGES, {})
    return getattr(env, PAGES)


def _page_digests(env: BuildEnvironment) -> Iterable[tuple[str, str]]:
    """Each page's digest; one missing (a page read before this module was loaded) is made
    now and kept."""
    kept = _kept(env)
    for docname in env.tocs.keys() | env.titles.keys():
        if docname not in kept:
            kept[docname] = _page_digest(env, docname)
        yield docname, kept[docname]


def _note_page(app: Sphinx, doctree: nodes.document) -> None:
    _kept(app.env)[app.env.docname] = _page_digest(app.env, app.env.docname)


def _purge_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _kept(env).pop(docname, None)


def _merge_pages(app: Sphinx, env: BuildEnvironment, docnames: set[str], other) -> None:
    theirs = getattr(other, PAGES, {})
    _kept(env).update((name, theirs[name]) for name in docnames if name in theirs)


def _shape(node: nodes.Node) -> tuple:
    """What a node renders from: its kind, attributes, text and children (not where in its
    source it was written, which a text edit above a heading moves)."""
    if isinstance(node, nodes.Text):
        return ("#text", str(node))
    attributes = sorted((name, repr(value)) for name, value in node.attributes.items())
    return (node.tagname, attributes, [_shape(child) for child in node.children])


def setup(app: Sphinx) -> dict[str, Any]:
    # After Sphinx's own collectors have made the page's table of contents and title.
    app.connect("doctree-read", _note_page, priority=900)
    app.connect("env-purge-doc", _purge_page)
    app.connect("env-merge-info", _merge_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
