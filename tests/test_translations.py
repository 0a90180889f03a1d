"""The Spanish message catalogs are complete, keep every placeholder, and are compiled.

The strings come from `cart_static.messages`, which reads the `_("...")` calls with `ast`, so a
new string in either extension fails here until it is translated (rather than silently showing
in English on a Spanish site).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from cart_static.messages import translatable_strings

EXTENSIONS = Path(__file__).resolve().parents[1] / "extensions"
DOMAINS = ["cart_quiz", "cart_tiers"]
LANGUAGES = ["es"]
CATALOGS = [(domain, language) for domain in DOMAINS for language in LANGUAGES]


def _catalog_path(domain: str, language: str, suffix: str) -> Path:
    return EXTENSIONS / domain / "locale" / language / "LC_MESSAGES" / f"{domain}{suffix}"


def _read_po(domain: str, language: str):
    with _catalog_path(domain, language, ".po").open("rb") as file:
        return read_po(file, locale=language, domain=domain)


def _translations(domain: str, language: str) -> dict[str, str]:
    return {message.id: message.string for message in _read_po(domain, language) if message.id}


def _placeholders(text: str) -> list[str]:
    return sorted(field for _text, field, _spec, _conv in Formatter().parse(text) if field)


def test_the_extractor_sees_calls_in_f_strings_and_concatenations(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "module.py").write_text(
        "x = f'<b>{escape(_(\"Inside an f-string\"))}</b>'\n"
        "y = _(\n    'Joined '\n    \"across lines\"\n)\n"
        "z = _(name)\nw = other('Not this')\nv = _('Inside an f-string')\n",
        encoding="utf-8",
    )
    assert translatable_strings(package) == ["Inside an f-string", "Joined across lines"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_extensions_have_translatable_strings(domain):
    assert len(translatable_strings(EXTENSIONS / domain)) >= 5


@pytest.mark.parametrize(("domain", "language"), CATALOGS)
def test_every_string_is_translated(domain, language):
    translations = _translations(domain, language)
    missing = [
        text for text in translatable_strings(EXTENSIONS / domain) if not translations.get(text)
    ]
    assert missing == [], f"untranslated in {domain}.po ({language}): {missing}"


@pytest.mark.parametrize(("domain", "language"), CATALOGS)
def test_the_catalog_has_no_strings_the_code_no_longer_uses(domain, language):
    unused = set(_translations(domain, language)) - set(translatable_strings(EXTENSIONS / domain))
    assert sorted(unused) == []


@pytest.mark.parametrize(("domain", "language"), CATALOGS)
def test_translations_keep_placeholders_and_edge_spaces(domain, language):
    for original, translation in _translations(domain, language).items():
        if not translation:
            continue
        assert _placeholders(translation) == _placeholders(original), (original, translation)
        assert (
            translation[: len(translation) - len(translation.lstrip())]
            == (original[: len(original) - len(original.lstrip())])
        ), original
        assert translation[len(translation.rstrip()) :] == original[len(original.rstrip()) :], (
            original
        )


@pytest.mark.parametrize(("domain", "language"), CATALOGS)
def test_translations_have_no_fuzzy_entries(domain, language):
    catalog = _read_po(domain, language)
    assert not catalog.fuzzy
    assert [message.id for message in catalog if message.id and message.fuzzy] == []


def _mo_messages(file) -> tuple[dict, dict[str, str]]:
    """What a reader gets from a compiled catalog: every message, and the header fields that
    change how messages are read (plural forms, charset). Tool metadata such as
    `Generated-By` is left out, so a new Babel release cannot fail this test."""
    translations = gettext.GNUTranslations(file)
    messages = {key: value for key, value in translations._catalog.items() if key != ""}
    info = translations.info()
    return messages, {field: info.get(field, "") for field in ("plural-forms", "content-type")}


@pytest.mark.parametrize(("domain", "language"), CATALOGS)
def test_the_mo_file_is_compiled_from_the_po_file(domain, language):
    compiled = io.BytesIO()
    write_mo(compiled, _read_po(domain, language))
    compiled.seek(0)
    expected_messages, expected_header = _mo_messages(compiled)
    with _catalog_path(domain, language, ".mo").open("rb") as file:
        shipped_messages, shipped_header = _mo_messages(file)
    stale = sorted(
        str(key)
        for key in expected_messages.keys() | shipped_messages.keys()
        if expected_messages.get(key) != shipped_messages.get(key)
    )
    assert stale == [], (
        f"{domain}.mo differs from {domain}.po for these messages; recompile it with "
        f"`pybabel compile -d extensions/{domain}/locale -D {domain}`: {stale}"
    )
    assert shipped_header == expected_header, f"{domain}.mo has another plural rule or charset"


# The site's template words (docs/_templates, `_()`), in docs/locale/<lang>/LC_MESSAGES/sphinx.po


def _template_app(srcdir: Path, language: str = "es"):
    from types import SimpleNamespace

    config = SimpleNamespace(
        language=language,
        complete_languages=["es"],
        locale_dirs=["locale"],
        templates_path=["_templates"],
    )
    return SimpleNamespace(srcdir=srcdir, config=config, builder=SimpleNamespace(format="html"))


def test_every_template_word_of_the_site_is_translated_in_sphinx_po():
    """The emergency block, furo's control names and THEME_STRINGS: all in sphinx.po, not
    fuzzy, with the same placeholders."""
    import re

    from cart_i18n import template_messages

    docs = EXTENSIONS.parent / "docs"
    messages = template_messages(_template_app(docs))
    assert "After CAR T-cell therapy: get help at once" in messages
    assert "Skip to content" in messages
    with (docs / "locale" / "es" / "LC_MESSAGES" / "sphinx.po").open("rb") as file:
        catalog = {m.id: m for m in read_po(file, locale="es") if m.id}
    for message in messages:
        entry = catalog.get(message)
        assert entry is not None and entry.string and not entry.fuzzy, message
        placeholders = sorted(re.findall(r"%\(\w+\)s", message))
        assert sorted(re.findall(r"%\(\w+\)s", entry.string)) == placeholders, message


def test_an_untranslated_template_word_is_a_warning(tmp_path, caplog):
    """A new `_()` message in a template, not yet translated in sphinx.po (or fuzzy there), is
    a warning naming the template, so the strict build of a complete language fails."""
    from cart_i18n import check_template_translations

    (tmp_path / "_templates").mkdir()
    (tmp_path / "_templates" / "block.html").write_text(
        '<p>{{ _("Translated.") }}</p>\n<p>{{ _("A sentence nobody translated yet.") }}</p>\n'
        '<p>{{ _("Changed since.") }}</p>\n',
        encoding="utf-8",
    )
    po = tmp_path / "locale" / "es" / "LC_MESSAGES" / "sphinx.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Translated."\nmsgstr "Traducido."\n\n'
        '#, fuzzy\nmsgid "Changed since."\nmsgstr "Cambiado."\n',
        encoding="utf-8",
    )
    with caplog.at_level("WARNING"):
        check_template_translations(_template_app(tmp_path))
    assert "A sentence nobody translated yet." in caplog.text
    assert "Changed since." in caplog.text
    assert "'Translated.'" not in caplog.text
    where = {getattr(record, "location", None) for record in caplog.records}
    assert f"{tmp_path / '_templates' / 'block.html'}:2" in where, where
    caplog.clear()
    check_template_translations(_template_app(tmp_path, language="en"))
    assert not caplog.text
