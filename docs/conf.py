"""Sphinx configuration for the CAR-T learning site."""


project = "CAR-T learning site"
author = "The CAR-T learning site team"
copyright = f"2026, {author}"
language = "en"

extensions = [
    "myst_parser",
    "cart_tiers",
    "cart_quiz",
    "cart_i18n",
]
# Translations (translation/README.md): build Spanish with -D language=es into html/es.
locale_dirs = ["locale"]
site_languages = {"en": "", "es": "es"}
complete_languages = ["es"]  # every page and quiz string translated: strict builds fail on gaps
quiz_complete_languages = ["es"]

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "attrs_inline", "attrs_block"]
myst_heading_anchors = 3
myst_footnote_sort = False

# Quizzes live in ../quizzes, one YAML file each (see README: "Add a quiz").
quiz_directory = "../quizzes"
# A page, worksheet and answer key per quiz, generated into docs/quiz/ (gitignored).
quiz_pages_directory = "quiz"

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "locale"]
templates_path = ["_templates"]
html_static_path = ["_static"]

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


def setup(app):
    """Accessibility fixes on top of furo (README: "Accessibility"). Added here rather than
    through `html_css_files`, which Sphinx rewrites at every build, so a rebuild would report
    a changed configuration."""
    app.add_css_file("a11y.css")
    app.add_js_file("a11y.js", defer="defer")
