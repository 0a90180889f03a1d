"""Sphinx configuration for the CAR-T learning site."""

import re
from pathlib import Path

from cart_static import add_minified_static_dir
from docutils import nodes
from markupsafe import Markup, escape

project = "CAR-T learning site"
author = "The CAR-T learning site team"
copyright = f"2026, {author}"
language = "en"

extensions = [
    "myst_parser",
    "cart_tiers",
    "cart_quiz",
    "cart_static.navigation",
    "cart_static.toctree_parents",
    "cart_static.compiled_templates",
    "cart_static.valid_html",
    "cart_static.lean",
    # Build speed only, output unchanged: stems once per build, rare full GC collections
    # (cart_quiz and cart_tiers connect the latter too; listed so pages without them get it).
    "cart_static.search",
    "cart_static.memory",
    "cart_i18n",
]
# Translations (translation/README.md): build Spanish with -D language=es into html/es.
locale_dirs = ["locale"]
site_languages = {"en": "", "es": "es"}
complete_languages = ["es"]  # every page and quiz string translated: strict builds fail on gaps
quiz_complete_languages = ["es"]
diagram_directory = "_static/diagrams"  # their words: docs/locale/<lang>/LC_MESSAGES/diagrams.po

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "attrs_inline", "attrs_block"]
myst_heading_anchors = 3
myst_footnote_sort = False

# Quizzes live in ../quizzes, one YAML file each (see README: "Add a quiz").
quiz_directory = "../quizzes"
# A page, worksheet and answer key per quiz, generated into docs/quiz/ (gitignored).
quiz_pages_directory = "quiz"

# The diagrams' translated twins (journey.es.svg, written by `nox -s translations` from the
# English drawing and docs/locale/<lang>/LC_MESSAGES/diagrams.po) reach a build only through
# figures in that language (figure_language_filename), never as static files.
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "locale", "**/diagrams/*.*.svg"]
templates_path = ["_templates"]
html_static_path = ["_static"]
# The favicon: drawn for this site (docs/_static/favicon.svg, and docs/_extra/favicon.ico made
# from the same drawing by docs/_favicon/make_favicon.py). The .ico is also copied to the site's
# root, where browsers ask for /favicon.ico whatever the page links to.
html_favicon = "_static/favicon.svg"
html_extra_path = ["_extra"]

html_theme = "furo"
html_title = "CAR-T learning site"
html_short_title = "CAR-T learning"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_permalinks_icon = "#"
html_theme_options = {
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
}

# PDF (`nox -s pdf`, pdflatex): one file named for the site, and the few characters the pages
# use that pdflatex does not map by itself (Greek letters in CD3ζ/4-1BB/α, ≥, −, ⁻, ✓).
latex_documents = [("index", "cart-learning-site.tex", project, author, "manual")]
latex_elements = {
    "preamble": r"""
\DeclareUnicodeCharacter{03B1}{\ensuremath{\alpha}}
\DeclareUnicodeCharacter{03B2}{\ensuremath{\beta}}
\DeclareUnicodeCharacter{03B6}{\ensuremath{\zeta}}
\DeclareUnicodeCharacter{2212}{\ensuremath{-}}
\DeclareUnicodeCharacter{207B}{\textsuperscript{\ensuremath{-}}}
\DeclareUnicodeCharacter{2264}{\ensuremath{\leq}}
\DeclareUnicodeCharacter{2265}{\ensuremath{\geq}}
\DeclareUnicodeCharacter{2713}{\ensuremath{\checkmark}}
""",
}


#: Who a page is for. A page says so in its front matter (``audience: educators``); pages
#: without it are for patients and families, except these folders (generated quiz pages,
#: worksheets and answer keys belong to the educators' catalogue). Only patients' pages show
#: the emergency block (docs/_templates/partials/emergency.html; README: "Design notes").
AUDIENCES = ("patients", "educators", "maintainers")
AUDIENCE_BY_FOLDER = {"maintainers/": "maintainers", "quiz/": "educators"}

#: Pages without a description of their own (generated quiz pages) get one built from this.
SITE_DESCRIPTION = (
    "CAR T-cell therapy explained for patients and families, in plain words or in clinical "
    "detail, with self-checks."
)
FALLBACK_DESCRIPTION = "{title}, on the CAR-T learning site. " + SITE_DESCRIPTION


def page_audience(pagename, meta):
    """The audience of a page: its front matter's ``audience``, else its folder's, else
    patients. Pages that are not documents (search, index) have none."""
    if meta is None:
        return None
    audience = str(meta.get("audience", "")).strip()
    if audience:
        if audience not in AUDIENCES:
            raise ValueError(f"{pagename}: audience must be one of {AUDIENCES}, not {audience!r}")
        return audience
    for folder, folder_audience in AUDIENCE_BY_FOLDER.items():
        if pagename.startswith(folder):
            return folder_audience
    return "patients"


def add_page_context(app, pagename, templatename, context, doctree):
    """Tell templates who the page is for, and give a page without a meta description the
    site's fallback one."""
    context["cart_audience"] = page_audience(pagename, context.get("meta"))
    add_page_styles(app, context)
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        title = Markup(str(context.get("title") or "")).striptags().strip()
        own_title = title and title != project
        description = FALLBACK_DESCRIPTION.format(title=title) if own_title else SITE_DESCRIPTION
        context["metatags"] = Markup(
            f'{metatags}\n<meta name="description" content="{escape(description)}" />'
        )


#: Diagrams and icons in a page's body (their styles are in cart-figures.css).
FIGURE_CLASSES = re.compile(r'class="[^"]*\bcart-(?:figure|icon)\b')


def add_page_styles(app, context):
    """The site's styles that only some pages use, linked only from those (docs/_assets/):
    cart-emergency.css where page.html shows the emergency block (pages for patients and
    families that have an h1), cart-figures.css on pages with a diagram or an icon. A page
    with neither loads 0.5 KB (gzipped) less than when a11y.css held them."""
    if app.builder.format != "html":
        return
    body = context.get("body", "")
    if context["cart_audience"] == "patients" and "</h1>" in body:
        app.add_css_file("cart-emergency.css")
    if FIGURE_CLASSES.search(body):
        app.add_css_file("cart-figures.css")


def drop_svg_on_paper(app, doctree, docname):
    """pdflatex cannot draw SVG: on paper each diagram is its legend, which says the same in
    words (docs/_examples/diagrams.md), and icons beside their words are left out."""
    if app.builder.format != "latex":
        return
    for image in list(doctree.findall(nodes.image)):
        if image["uri"].endswith(".svg"):
            image.parent.remove(image)


#: The site's name, short name and team in each language: the header, each page's title and
#: the footer say them in the reader's language (the English names stay the default).
SITE_NAMES = {
    "es": ("Aprender sobre CAR-T", "Aprender sobre CAR-T", "El equipo de Aprender sobre CAR-T"),
}


def name_the_site(app, config):
    """Give a translated build the site's name in its language."""
    if config.language in SITE_NAMES:
        name, short_name, team = SITE_NAMES[config.language]
        config.project = config.html_title = name
        config.html_short_title = short_name
        config.author = team
        config.copyright = f"2026, {team}"


def ship_site_assets(app):
    """The site's own script and styles (docs/_assets/, kept commented there) go to readers
    minified, like the extensions' (cart_static)."""
    if app.builder.format == "html":
        add_minified_static_dir(app, Path(__file__).parent / "_assets")


def setup(app):
    """Accessibility fixes on top of furo (README: "Accessibility"). Added here rather than
    through `html_css_files`, which Sphinx rewrites at every build, so a rebuild would report
    a changed configuration."""
    app.connect("config-inited", name_the_site)
    app.connect("doctree-resolved", drop_svg_on_paper)
    app.connect("builder-inited", ship_site_assets)
    app.add_css_file("a11y.css")
    app.add_js_file("a11y.js", defer="defer")
    app.connect("html-page-context", add_page_context)
