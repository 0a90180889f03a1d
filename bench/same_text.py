"""The plain-furo baseline with the same text as the site's pages (issue 19: "every page within
1.1x of the same text in plain furo").

Stripping the extensions' directives also strips the words they show: a quiz's questions,
choices, feedback and explanations, the catalogue's list, the question set's questions, the
tier labels and glossary tips. A baseline without those words compares a page with a shorter
one. So the words inside the extensions' own markup in each built page (any element with a
`cart-` class, but for the tier blocks and term links themselves, whose words the stripped
pages keep), where its plain twin does not have them, are added to the plain page's source as
plain paragraphs. The widgets' controls (buttons, inputs) are not words of the text and are
left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

#: Elements that end a block of text (a paragraph of the baseline).
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "label", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
#: Elements whose words are not the page's text: the widgets' controls and code for the browser.
_SKIPPED = frozenset({"button", "script", "style", "template", "select", "textarea", "svg"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
})  # fmt: skip
#: Classes of the extensions' wrappers around text the stripped pages keep.
_KEPT_WRAPPERS = re.compile(r"cart-tier(?:--.*)?|cart-term")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _extensions_own(attrs: list[tuple[str, str | None]]) -> bool:
    classes = (dict(attrs).get("class") or "").split()
    return any(name.startswith("cart-") and not _KEPT_WRAPPERS.fullmatch(name) for name in classes)


class _TextBlocks(HTMLParser):
    """The blocks of text inside the page's main content (`<article role="main">`); with
    `own_only`, only those inside the extensions' own markup."""

    def __init__(self, own_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[str] = []  # open elements inside the article
        self._own_at: int | None = None if own_only else 0  # depth of the outermost own element
        self._skipping = 0
        self._words: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split())
        if text and self._own_at is not None:
            self.blocks.append(text)
        self._words = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if not self._open:
            if tag == "article" and ("role", "main") in attrs:
                self._open.append(tag)
            return
        self._open.append(tag)
        if self._own_at is None and _extensions_own(attrs):
            self._flush()
            self._own_at = len(self._open)
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if not self._open or tag not in self._open:
            return
        while self._open:
            closed = self._open.pop()
            if closed in _SKIPPED:
                self._skipping -= 1
            elif closed in _BLOCKS or closed == "article":
                self._flush()
            if self._own_at is not None and len(self._open) < self._own_at:
                self._flush()
                self._own_at = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and not self._skipping:
            self._words.append(data)


def text_blocks(html: str, own_only: bool = False) -> list[str]:
    parser = _TextBlocks(own_only)
    parser.feed(html)
    parser.close()
    return parser.blocks


def missing_blocks(ours: str, plain: str) -> list[str]:
    """The blocks inside the extensions' markup in `ours` that `plain` lacks, in the order
    `ours` has them (a block both have counts once for each time `plain` has it)."""
    left = Counter(text_blocks(plain))
    missing = []
    for block in text_blocks(ours, own_only=True):
        if left[block]:
            left[block] -= 1
        else:
            missing.append(block)
    return missing


def as_markdown(blocks: list[str]) -> str:
    """Plain paragraphs, every ASCII punctuation mark escaped so MyST shows each as written."""
    return "".join("\n" + _PUNCTUATION.sub(r"\\\1", block) + "\n" for block in blocks)


def add_missing_text(
    ours_html: Path, plain_docs: Path, plain_html: Path, build: Callable[[], object]
) -> dict[str, int]:
    """Append to each plain page's source the blocks of text its built twin in `ours_html`
    carries and the plain build in `plain_html` lacks, then build the plain pages again with
    `build`. Returns the number of blocks added per page."""
    added = {}
    for source in sorted(plain_docs.rglob("*.md")):
        page = source.relative_to(plain_docs).with_suffix(".html")
        ours, plain = ours_html / page, plain_html / page
        if not (ours.is_file() and plain.is_file()):
            continue
        blocks = missing_blocks(ours.read_text(encoding="utf-8"), plain.read_text(encoding="utf-8"))
        if blocks:
            with source.open("a", encoding="utf-8") as text:
                text.write(as_markdown(blocks))
            added[page.as_posix()] = len(blocks)
    build()
    return added
