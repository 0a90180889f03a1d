"""The page catalogs: merge the gettext builder's templates into docs/locale, count what is done.

No Sphinx imports. `update()` does what `sphinx-intl update` does, with Babel (already a
Sphinx dependency): each ``<pot_dir>/<domain>.pot`` is merged into
``<locale_dir>/<lang>/LC_MESSAGES/<domain>.po``; a changed English string keeps its old
translation marked fuzzy, a new one is untranslated, a gone one is dropped. Templates of
generated pages (``skip``) are left out: those pages are written in the build's language.

    python -m cart_i18n update _build/gettext docs/locale --language es
    python -m cart_i18n report docs/locale
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

#: Catalogs with no page template: the quizzes' (cart_quiz) and the diagrams' (diagrams.py).
KEPT = {"quiz-content", "diagrams"}


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=79)


def merge(catalog_path: Path, template: Catalog, language: str) -> Catalog:
    """Merge a template into one catalog and write it: a changed English string keeps its
    old translation marked fuzzy, a new one is untranslated, a gone one is dropped."""
    catalog = _read(catalog_path, language) if catalog_path.is_file() else Catalog(locale=language)
    catalog.update(template)
    catalog.obsolete.clear()
    _write(catalog_path, catalog)
    return catalog


def update(
    pot_dir: Path, locale_dir: Path, languages: Iterable[str], skip: Iterable[str] = ()
) -> list[Path]:
    """Merge every template into each language's catalog; return the catalogs written.
    A catalog whose template is gone (a removed page) is deleted."""
    skip = set(skip)
    written: list[Path] = []
    pots = {pot.stem: pot for pot in sorted(pot_dir.glob("*.pot")) if pot.stem not in skip}
    for language in languages:
        folder = locale_dir / language / "LC_MESSAGES"
        for domain, pot_path in pots.items():
            path = folder / f"{domain}.po"
            merge(path, _read(pot_path), language)
            written.append(path)
        for path in folder.glob("*.po"):
            if path.stem not in pots and path.stem not in KEPT:
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)
    return written


@dataclass(frozen=True)
class Completeness:
    """How much of one catalog is translated."""

    path: Path
    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def completeness(path: Path) -> Completeness:
    catalog = _read(path)
    messages = [message for message in catalog if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy)
    done = sum(1 for message in messages if message.string and not message.fuzzy)
    return Completeness(path, len(messages), done, fuzzy)


def report(locale_dir: Path) -> dict[str, list[Completeness]]:
    """Completeness of every catalog, per language."""
    result: dict[str, list[Completeness]] = {}
    for path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        result.setdefault(path.parent.parent.name, []).append(completeness(path))
    return result


def format_report(figures: dict[str, list[Completeness]]) -> str:
    lines = []
    for language, items in figures.items():
        total = sum(item.total for item in items)
        done = sum(item.translated for item in items)
        fuzzy = sum(item.fuzzy for item in items)
        percent = 100.0 * done / total if total else 100.0
        lines.append(
            f"{language}: {done} of {total} strings translated ({percent:.1f}%), {fuzzy} fuzzy"
        )
        lines.extend(
            f"  {item.path.name:40} {item.translated:5}/{item.total:<5} {item.percent:5.1f}%"
            + (f"  {item.fuzzy} fuzzy" if item.fuzzy else "")
            for item in items
        )
    return "\n".join(lines)
