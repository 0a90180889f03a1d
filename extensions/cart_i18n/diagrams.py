"""The diagrams' words through gettext: English SVG -> diagrams.po -> <name>.<lang>.svg.

No Sphinx imports. The English drawings in ``docs/_static/diagrams/*.svg`` stay the only
source. ``extract()`` collects every ``<title>``, ``<desc>`` and ``<text>`` with a letter in it
into one catalog (the ``diagrams`` domain, one entry per distinct string, located by file and
line, with the other lines of the same drawing as a comment so a translator sees each label in
its place). ``translate()`` writes ``<name>.<lang>.svg`` beside each English file: the same
bytes with each of those strings replaced by its translation, so the drawing, its sizes and
its ids stay the English one's. Sphinx picks the twin for figures in a build in that language
(``figure_language_filename``, by default ``{root}.{language}{ext}``).

The twins are committed, not written at build time: a build never writes into docs/, a
reviewer can open a Spanish diagram as it is, and ``stale()`` (run by the strict build of a
complete language, and by the tests) says when a twin no longer matches English + catalog.

    python -m cart_i18n diagrams docs/_static/diagrams docs/locale --language es
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

DOMAIN = "diagrams"
#: A translatable element's text, in the file as written (no nested markup in our drawings).
ELEMENT = re.compile(r"(<(title|desc|text)\b[^>]*>)([^<]*)(</\2>)")
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Label:
    """One translatable string of one drawing."""

    path: Path
    line: int
    kind: str
    text: str


def english_diagrams(folder: Path) -> list[Path]:
    """The English drawings: every ``*.svg`` whose name has no language part."""
    return sorted(path for path in folder.glob("*.svg") if "." not in path.stem)


def twin(path: Path, language: str) -> Path:
    """Where the drawing in ``language`` lives: ``journey.svg`` -> ``journey.es.svg``."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def labels(path: Path) -> Iterator[Label]:
    """Every translatable string of a drawing, in order."""
    text = path.read_text(encoding="utf-8")
    for match in ELEMENT.finditer(text):
        words = " ".join(html.unescape(match.group(3)).split())
        if LETTER.search(words) and not _is_code(words):
            line = text.count("\n", 0, match.start()) + 1
            yield Label(path, line, match.group(2), words)


def _is_code(words: str) -> bool:
    """Names that stay as they are in every language: every word is in capitals or digits up
    to an optional hyphenated tail (VH, CAR, BCMA, CD3-zeta, 4-1BB), not a word such as
    "Antigen-binding"."""
    return all(
        re.fullmatch(r"[A-Z0-9]+(?:-[A-Za-z0-9]+)*", word)
        for word in re.split(r"[ ,]+", words)
        if word
    )


def extract(folder: Path) -> Catalog:
    """The template (diagrams.pot) of every English drawing's strings."""
    catalog = Catalog(domain=DOMAIN, project="CAR-T learning site diagrams")
    for path in english_diagrams(folder):
        found = list(labels(path))
        drawing = " / ".join(label.text for label in found if label.kind == "text")
        for label in found:
            comments = [f"{label.kind} in {path.name}"]
            if label.kind == "text":
                comments.append(f"the drawing's lines: {drawing}")
            catalog.add(
                label.text,
                locations=[(f"docs/_static/diagrams/{path.name}", label.line)],
                auto_comments=comments,
            )
    return catalog


def translations(catalog: Catalog) -> dict[str, str]:
    """Finished translations only: an untranslated or fuzzy string has none."""
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translated_text(path: Path, done: dict[str, str]) -> tuple[str, list[Label]]:
    """The drawing with every string translated, and the strings that have no translation
    (those stay English)."""
    missing: list[Label] = []
    text = path.read_text(encoding="utf-8")
    wanted = {(label.line, label.text) for label in labels(path)}

    def replace(match: re.Match[str]) -> str:
        words = " ".join(html.unescape(match.group(3)).split())
        line = text.count("\n", 0, match.start()) + 1
        if (line, words) not in wanted:
            return match.group(0)
        if words not in done:
            missing.append(Label(path, line, match.group(2), words))
            return match.group(0)
        return match.group(1) + html.escape(done[words], quote=False) + match.group(4)

    return ELEMENT.sub(replace, text), missing


def with_language(text: str, language: str) -> str:
    """The root `<svg>` says its language, for a reader who opens the file by itself."""
    return text.replace("<svg ", f'<svg lang="{language}" ', 1)


def translate(folder: Path, catalog: Catalog, language: str) -> list[Path]:
    """Write every drawing's twin in ``language``; return the files written."""
    done = translations(catalog)
    written = []
    for path in english_diagrams(folder):
        text, _missing = translated_text(path, done)
        text = with_language(text, language)
        target = twin(path, language)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def stale(folder: Path, catalog: Catalog, language: str) -> Iterable[str]:
    """What is wrong with the twins in ``language``: an untranslated or fuzzy string, a
    missing twin, or a twin that is not what English + catalog make now."""
    done = translations(catalog)
    for path in english_diagrams(folder):
        text, missing = translated_text(path, done)
        text = with_language(text, language)
        for label in missing:
            yield f"{path.name}:{label.line}: untranslated or fuzzy: {label.text!r}"
        target = twin(path, language)
        if not target.is_file():
            yield f"{target.name} is missing"
        elif target.read_text(encoding="utf-8") != text:
            yield f"{target.name} is out of date with {path.name} and {DOMAIN}.po"
