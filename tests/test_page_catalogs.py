"""The page catalogs in docs/locale: merged like sphinx-intl, counted for the report."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from cart_i18n import base_language, format_date
from cart_i18n.catalogs import completeness, format_report, report, update

ROOT = Path(__file__).resolve().parent.parent


def _pot(path: Path, *messages: str) -> None:
    catalog = Catalog()
    for message in messages:
        catalog.add(message, locations=[("docs/page.md", 1)])
    with path.open("wb") as out:
        write_po(out, catalog)


def test_update_keeps_translations_marks_changes_fuzzy_and_drops_gone_pages(tmp_path):
    pots, locale = tmp_path / "pot", tmp_path / "locale"
    pots.mkdir()
    _pot(pots / "page.pot", "Call your team at once.", "Keep this card.")
    _pot(pots / "quiz.pot", "Self-check: generated")
    update(pots, locale, ["es"], skip=["quiz"])
    po = locale / "es" / "LC_MESSAGES" / "page.po"
    assert not (locale / "es" / "LC_MESSAGES" / "quiz.po").exists()
    with po.open("rb") as file:
        catalog = read_po(file, locale="es")
    catalog["Call your team at once."].string = "Llame a su equipo enseguida."
    catalog["Keep this card."].string = "Guarde esta tarjeta."
    with po.open("wb") as out:
        write_po(out, catalog)
    assert completeness(po).percent == 100.0
    _pot(pots / "page.pot", "Call your team at once, day or night.", "Keep this card.")
    stale = locale / "es" / "LC_MESSAGES" / "gone.po"
    stale.write_text("", encoding="utf-8")
    update(pots, locale, ["es"], skip=["quiz"])
    figures = completeness(po)
    assert (figures.total, figures.translated, figures.fuzzy) == (2, 1, 1)
    assert not stale.exists()
    assert "es: 1 of 2 strings translated (50.0%), 1 fuzzy" in format_report(report(locale))


def test_languages_and_dates():
    import datetime as dt

    assert base_language("es_MX") == base_language("es-419") == "es"
    assert base_language(None) == "en"
    assert format_date(dt.date(2026, 12, 3), "es") == "3 de diciembre de 2026"
