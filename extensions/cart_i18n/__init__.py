"""cart_i18n: the site in more than one language, built with Sphinx's own gettext workflow.

- Every translated page (language other than English) starts with a short notice: the
  translation's review state and the date of the English text it follows (the last commit of
  the English source, or its file date outside git), and that sources stay in English unless a
  Spanish one is named.
- In a language the site declares complete (`complete_languages`), every paragraph, title or
  alternative text still in English (untranslated or fuzzy in docs/locale) is a warning at its
  source line, so the strict build fails until the translation is finished.
- The site's template words (the emergency block, furo's control names in page.html) are
  `_()` messages of the `sphinx` domain: the gettext builder writes them to sphinx.pot, with the
  theme's and Sphinx's own words the pages show that Sphinx ships no translation for
  (`THEME_STRINGS`), and the HTML builder reads docs/locale/<lang>/LC_MESSAGES/sphinx.po
  (compiled to .mo by Sphinx at start). In a complete language each of them left
  untranslated or fuzzy there is a warning too.
- The diagrams' words (`diagram_directory`) go through the `diagrams` catalog: diagrams.py
  writes each drawing's twin in a language (journey.es.svg), which Sphinx's
  `figure_language_filename` picks for figures in that language. In a complete language a
  missing, stale or partly untranslated twin is a warning.
- Each HTML page gets `cart_language_links` (for docs/_templates/language-switch.html): the
  same page in every language of `site_languages`, with relative links, so the switch works
  from file:// and any static host; language-switch.js remembers the reader's choice.
  Search engines want `<link rel="alternate" hreflang>` with full addresses, so those
  (`cart_language_alternates`) are written only when `html_baseurl` gives this build's address.

Each language is a separate build: `sphinx-build -D language=es docs _build/html/es`
(`nox -s docs -- --lang es`). `site_languages` maps each language to its output folder
relative to the English site.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import sphinx.locale
from cart_static import add_minified_static_dir
from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

__version__ = "0.1.0"
PACKAGE_DIR = Path(__file__).resolve().parent
logger = logging.getLogger(__name__)

#: Reader-facing words per language: the switch's name, the notice.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
SWITCH_LABELS = {"en": "Language", "es": "Idioma"}
NOTICE_UNREVIEWED = {
    "es": (
        "Esta traducción al español todavía no la ha revisado un traductor médico calificado. "
        "Sigue el texto en inglés del {date}. Las fuentes citadas están en inglés, salvo que "
        "se diga otra cosa. Si tiene dudas, pregunte a su equipo de tratamiento."
    ),
}
NOTICE_REVIEWED = {
    "es": (
        "Traducción revisada por un traductor médico calificado. Sigue el texto en inglés "
        "del {date}. Las fuentes citadas están en inglés, salvo que se diga otra cosa."
    ),
}
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


SEARCH_FOUND_ONE = "Search finished, found one page matching the search query."
SEARCH_FOUND_MANY = "Search finished, found ${resultCount} pages matching the search query."

#: Words furo's and Sphinx's templates and HTML writer put on every page, through `_()`, that
#: Sphinx's own catalogs leave in English in Spanish. Extracted into sphinx.pot beside the
#: site's template messages, so translators see them in the same catalog.
THEME_STRINGS = (
    "Skip to content",
    "Back to top",
    "On this page",
    "Next",
    "Previous",
    "Home",
    "Copyright &#169; %(copyright)s",
    "Made with ",
    '<a href="https://www.sphinx-doc.org/">Sphinx</a> and ',
    "Link to this heading",
    "Link to this image",
    "Link to this table",
    "Link to this definition",
    # Sphinx's search script (translations.js): Sphinx's Spanish catalog has this plural
    # message with empty translations, so the search page said nothing when it finished.
    SEARCH_FOUND_ONE,
    SEARCH_FOUND_MANY,
)


def base_language(language: str | None) -> str:
    return str(language or "en").replace("_", "-").split("-")[0].lower()


def is_translated_build(app: Sphinx) -> bool:
    return base_language(app.config.language) != "en"


@functools.cache
def english_text_date(path: str) -> dt.date:
    """The date of the English source: its last commit, or its file date outside git."""
    source = Path(path)
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        if done.returncode == 0 and done.stdout.strip():
            return dt.date.fromisoformat(done.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return dt.datetime.fromtimestamp(source.stat().st_mtime, tz=dt.UTC).date()


def format_date(date: dt.date, language: str) -> str:
    if language == "es":
        return f"{date.day} de {MONTHS_ES[date.month - 1]} de {date.year}"
    return date.isoformat()


@functools.cache
def interface_strings(language: str) -> frozenset[str]:
    """The extensions' own interface strings in `language` (their .po files). Directives
    such as the quiz catalogue write these already translated, so Sphinx finds no page
    translation for them; they are not untranslated text."""
    from babel.messages.pofile import read_po  # noqa: PLC0415

    found: set[str] = set()
    for po in PACKAGE_DIR.parent.glob(f"*/locale/{language}/LC_MESSAGES/*.po"):
        with po.open("rb") as file:
            found |= {" ".join(str(m.string).split()) for m in read_po(file) if m.string}
    return frozenset(found)


@functools.cache
def catalog_translations(path: str) -> frozenset[str]:
    """Every translation in one page catalog, whitespace normalised."""
    from babel.messages.pofile import read_po  # noqa: PLC0415

    po = Path(path)
    if not po.is_file():
        return frozenset()
    with po.open("rb") as file:
        return frozenset(" ".join(str(m.string).split()) for m in read_po(file) if m.string)


def _only_interface_text(text: str, language: str) -> bool:
    """Whether `text` is made of the extensions' interface strings and punctuation only."""
    rest = text
    for piece in sorted(interface_strings(language), key=len, reverse=True):
        if len(piece) > 2:
            rest = rest.replace(piece, " ")
    return not re.search(r"[^\W\d_]{3,}", rest)


class UntranslatedCheck(SphinxTransform):
    """After Sphinx's Locale transform: in a complete language, text left in English warns."""

    default_priority = 21  # Locale is 20

    def already_translated(self, node: nodes.Element, text: str, language: str) -> bool:
        """Text Sphinx marks untranslated that is not English: interface strings written by
        a directive in the build's language, a translated alternative text, metadata."""
        parent: nodes.Node | None = node
        while parent is not None:
            if isinstance(parent, (nodes.docinfo, nodes.field_list, nodes.field)):
                return True  # page metadata, such as "orphan: true"
            if type(parent).__module__.startswith("cart_quiz"):
                return True  # quiz output: built in the build's language, checked by cart_quiz
            parent = parent.parent
        if _only_interface_text(text, language):
            return True
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        for directory in self.config.locale_dirs:
            po = Path(self.env.srcdir, directory, language, "LC_MESSAGES", f"{domain}.po")
            if text in catalog_translations(str(po)):
                return True
        return False

    def apply(self, **kwargs: Any) -> None:
        language = base_language(self.config.language)
        if language == "en" or language not in self.config.complete_languages:
            return
        for node in nodes_of(self.document, nodes.Element):
            if node.get("translated") is False:
                text = " ".join(node.astext().split())
                if self.already_translated(node, text, language):
                    continue
                logger.warning(
                    "untranslated or fuzzy in %s: %r; translate it in docs/locale/%s "
                    "(nox -s translations)",
                    language,
                    text[:70] or node.get("alt", "")[:70],
                    language,
                    type="i18n",
                    subtype="untranslated",
                    location=node,
                )


class TranslationNotice(SphinxTransform):
    """The notice at the top of every translated page, under its title."""

    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        language = base_language(self.config.language)
        notices = (
            NOTICE_REVIEWED if language in self.config.reviewed_languages else NOTICE_UNREVIEWED
        )
        if language == "en" or language not in notices:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        source = self.env.doc2path(self.env.docname)
        pages = str(getattr(self.config, "quiz_pages_directory", "") or "").strip("/")
        if pages and self.env.docname.startswith(pages + "/"):
            # A generated quiz page follows its quizzes: date them by the quiz folder.
            source = Path(self.env.srcdir, self.config.quiz_directory)  # confdir = srcdir here
        date = format_date(english_text_date(str(source)), language)
        notice = nodes.container(classes=["cart-translation-notice"])
        notice += nodes.paragraph(text=notices[language].format(date=date))
        title = next(iter(section.findall(nodes.title)), None)
        section.insert(section.index(title) + 1 if title is not None else 0, notice)


def language_links(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The same page in every language of `site_languages`, as relative links."""
    roots: dict[str, str] = app.config.site_languages
    current = base_language(app.config.language)
    if current not in roots or len(roots) < 2:
        return []
    target = app.builder.get_target_uri(pagename)
    depth = pagename.count("/") + len([p for p in roots[current].split("/") if p])
    links = []
    for language, folder in roots.items():
        root = folder.strip("/")
        path = (f"{root}/" if root else "") + target
        links.append(
            {
                "lang": language,
                "name": LANGUAGE_NAMES.get(language, language),
                "href": "../" * depth + path,
                "path": path,
                "current": language == current,
            }
        )
    return links


def alternate_links(links: list[dict[str, Any]], base_url: str, folder: str) -> list[dict]:
    """`links` as full addresses for `<link rel="alternate" hreflang>`, from `base_url`, the
    address of this build's root (`html_baseurl`), which sits in `folder` of the site; none
    without a base address, as search engines ignore relative ones."""
    if not base_url:
        return []
    site = base_url.rstrip("/") + "/"
    folder = folder.strip("/")
    if folder and site.endswith(f"/{folder}/"):
        site = site[: -len(folder) - 1]
    return [{**link, "href": site + link["path"]} for link in links]


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    links = language_links(app, pagename)
    context["cart_language_links"] = links
    roots: dict[str, str] = app.config.site_languages
    folder = roots.get(base_language(app.config.language), "")
    context["cart_language_alternates"] = alternate_links(links, app.config.html_baseurl, folder)
    context["cart_language_label"] = SWITCH_LABELS.get(base_language(app.config.language), "")


def template_messages(app: Sphinx) -> dict[str, tuple[str, int]]:
    """Every `_()` message of the project's templates, with where it is, plus THEME_STRINGS:
    what the gettext builder extracts into sphinx.pot."""
    from jinja2 import Environment  # noqa: PLC0415

    extract = Environment(extensions=["jinja2.ext.i18n"]).extract_translations
    found: dict[str, tuple[str, int]] = {}
    for folder in app.config.templates_path:
        for template in sorted(Path(app.srcdir, folder).rglob("*.html")):
            for line, _function, message in extract(template.read_text(encoding="utf-8")):
                if isinstance(message, str):
                    found.setdefault(message, (str(template), line))
    for message in THEME_STRINGS:
        found.setdefault(message, (__file__, 0))
    return found


def add_theme_strings(app: Sphinx) -> None:
    """gettext builder: THEME_STRINGS join the site's template messages in sphinx.pot."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin  # noqa: PLC0415

    for message in THEME_STRINGS:
        app.builder.catalogs["sphinx"].add(message, MsgOrigin(source=__file__, line=0))


def check_template_translations(app: Sphinx) -> None:
    """HTML builds in a complete language: every template message translated in sphinx.po
    (not fuzzy), or a warning naming the template and line, so the strict build fails."""
    language = base_language(app.config.language)
    if app.builder.format != "html" or language == "en":
        return
    if language not in app.config.complete_languages:
        return
    done: set[str] = set()
    for directory in app.config.locale_dirs:
        po = Path(app.srcdir, directory, language, "LC_MESSAGES", "sphinx.po")
        if po.is_file():
            from babel.messages.pofile import read_po  # noqa: PLC0415

            with po.open("rb") as file:
                done |= {m.id for m in read_po(file) if m.id and m.string and not m.fuzzy}
    for message, (source, line) in template_messages(app).items():
        if message not in done:
            logger.warning(
                "untranslated or fuzzy in %s: %r; translate it in docs/locale/%s/LC_MESSAGES/"
                "sphinx.po (nox -s translations)",
                language,
                message[:70],
                language,
                type="i18n",
                subtype="untranslated",
                location=f"{source}:{line}" if line else None,
            )


def check_diagram_translations(app: Sphinx) -> None:
    """In a complete language: every diagram has its twin, made from the English drawing and
    a finished diagrams.po (diagrams.py), or a warning, so the strict build fails."""
    language = base_language(app.config.language)
    if language == "en" or language not in app.config.complete_languages:
        return
    if not app.config.diagram_directory:
        return
    from babel.messages.pofile import read_po  # noqa: PLC0415

    from . import diagrams  # noqa: PLC0415

    folder = Path(app.srcdir, app.config.diagram_directory)
    for directory in app.config.locale_dirs:
        po = Path(app.srcdir, directory, language, "LC_MESSAGES", f"{diagrams.DOMAIN}.po")
        if po.is_file():
            with po.open("rb") as file:
                catalog = read_po(file, locale=language)
            break
    else:
        from babel.messages.catalog import Catalog  # noqa: PLC0415

        catalog = Catalog(locale=language)
    for problem in diagrams.stale(folder, catalog, language):
        logger.warning(
            "diagram in %s: %s (nox -s translations)",
            language,
            problem,
            type="i18n",
            subtype="untranslated",
        )


def add_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        add_minified_static_dir(app, PACKAGE_DIR / "static")
        if len(app.config.site_languages) > 1:
            app.add_js_file("language-switch.js", defer="defer")
            app.add_css_file("language-switch.css")


def site_template_translations(app: Sphinx, language: str) -> dict[str, str]:
    """The finished translations of the site's sphinx.po in `language`."""
    from babel.messages.pofile import read_po  # noqa: PLC0415

    done: dict[str, str] = {}
    for directory in app.config.locale_dirs:
        po = Path(app.srcdir, directory, language, "LC_MESSAGES", "sphinx.po")
        if po.is_file():
            with po.open("rb") as file:
                done |= {m.id: m.string for m in read_po(file) if m.id and m.string and not m.fuzzy}
    return done


#: How a translated build's `_static/translations.js` is written (fill_script_translations).
SCRIPT_CATALOG = """\
// Sphinx's script messages for this language, as Sphinx writes them, but with the plural rule
// as code: Sphinx's Documentation.addTranslations() makes it with new Function(), which a strict
// Content-Security-Policy (no 'unsafe-eval') blocks on every page (cart_i18n).
Object.assign(Documentation.TRANSLATIONS, {messages});
Documentation.PLURAL_EXPR = (n) => ({plural});
Documentation.LOCALE = {locale};
"""
#: A gettext plural rule: n, numbers, comparisons, arithmetic and the ternary, nothing else.
PLURAL_RULE = re.compile(r"[\sn0-9=!<>&|?:%()+\-*/]+")


def fill_script_translations(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite `_static/translations.js` (copied from Sphinx's own catalogs) in a translated
    build: the plural rule as code, so the pages need no eval under a strict policy; and the
    search summary's words from the site's sphinx.po, because Sphinx's Spanish catalog leaves
    that message empty and the search page said nothing when it finished. (Sphinx looks for a
    site's own sphinx.js in `locale_dirs` relative to the working directory, not the source
    folder, so it cannot be shipped that way.)"""
    language = base_language(app.config.language)
    if exception is not None or app.builder.format != "html" or language == "en":
        return
    script = Path(app.outdir, "_static", "translations.js")
    if not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    if "Documentation.addTranslations(" not in text:
        return  # already rewritten by an earlier build into this folder
    start, end = text.find("("), text.rfind(")")
    catalog = json.loads(text[start + 1 : end])
    plural = str(catalog.get("plural_expr", "n == 1 ? 0 : 1"))
    if not PLURAL_RULE.fullmatch(plural):
        return
    done = site_template_translations(app, language)
    if SEARCH_FOUND_ONE in done and SEARCH_FOUND_MANY in done:
        many = done[SEARCH_FOUND_MANY]
        catalog["messages"][SEARCH_FOUND_ONE] = [done[SEARCH_FOUND_ONE], many, many]
    script.write_text(
        SCRIPT_CATALOG.format(
            messages=json.dumps(catalog["messages"], indent=1, sort_keys=True),
            plural=plural,
            locale=json.dumps(catalog.get("locale", language)),
        ),
        encoding="utf-8",
    )


def forget_translations(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx caches message catalogs per process, keyed by domain but not by language, and
    only ever adds to them: after a Spanish build, an English build in the same process (the
    tests, a script) would read Spanish. Forget them when a build ends, so the next build
    loads its own language."""
    sphinx.locale.translators.clear()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "site_languages",
        {"en": ""},
        "html",
        types=frozenset({dict}),
        description="Each language of the site -> its output folder relative to the English "
        'site ("" for English): the language switch links between them.',
    )
    app.add_config_value(
        "complete_languages",
        [],
        "env",
        types=frozenset({list, tuple}),
        description="Languages whose page translation is declared complete: text left in "
        "English is a warning (i18n.untranslated).",
    )
    app.add_config_value(
        "reviewed_languages",
        [],
        "env",
        types=frozenset({list, tuple}),
        description="Languages a qualified medical translator has reviewed (changes the notice).",
    )
    app.add_config_value(
        "diagram_directory",
        "",
        "env",
        types=frozenset({str}),
        description="The folder of the site's SVG diagrams, relative to the source folder: "
        "their words are translated through the diagrams catalog (cart_i18n.diagrams).",
    )
    app.add_transform(UntranslatedCheck)
    app.add_transform(TranslationNotice)
    app.connect("builder-inited", add_static)
    app.connect("builder-inited", add_theme_strings)
    app.connect("builder-inited", check_template_translations)
    app.connect("builder-inited", check_diagram_translations)
    app.connect("html-page-context", add_page_context)
    app.connect("build-finished", fill_script_translations)
    app.connect("build-finished", forget_translations)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
