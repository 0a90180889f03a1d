"""Stem each word once per build, not once per page (Sphinx's search index, HTML builders).

Sphinx's indexer stems every word of every page (`IndexBuilder.feed`) and keeps a cache of
stems only for the page it is feeding, so a word used on 50 pages is stemmed 50 times. Without
PyStemmer (the site's dependencies do not install it) the stemmer is snowballstemmer's pure
Python, and stemming was most of the search indexing: on the real site 30,578 stems of 5,461
distinct words (0.5 s of CPU); on the bench's generated corpus, whose pages share their words,
nearly every stem is a repeat. This extension keeps one cache per build: the first time a page
is indexed, the indexer's language object gets a memoised `stem`. A stemmer is a function of
the word alone, so the index is byte for byte the same. Nothing global is patched: the cache
lives on this build's indexer and goes with it.
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_MARK = "_cart_stem_memoised"


def _memoise(language: Any) -> None:
    if language is not None and not getattr(language, _MARK, False):
        language.stem = functools.cache(language.stem)
        setattr(language, _MARK, True)


def memoise_stems(app: Sphinx) -> None:
    builder = app.builder
    index_page = getattr(builder, "index_page", None)
    if index_page is None:
        return

    def indexing(pagename: str, doctree: nodes.document, title: str) -> None:
        _memoise(getattr(getattr(builder, "indexer", None), "lang", None))
        index_page(pagename, doctree, title)

    builder.index_page = indexing


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", memoise_stems)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
