"""What readers download of the extensions' own scripts and styles."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from bs4 import BeautifulSoup
from cart_static import MINIFIERS
from cart_static.lean import drop_unused_styles

EXTENSIONS = Path(__file__).resolve().parent.parent / "extensions"
SOURCES = sorted(
    path
    for folder in ("cart_quiz/static", "cart_tiers/static")
    for path in (EXTENSIONS / folder).iterdir()
    if path.suffix in MINIFIERS
)
BUDGET_GZIPPED = 15 * 1024


def test_the_site_ships_minified_copies_of_every_extension_asset(built_site):
    for source in SOURCES:
        shipped = (built_site / "_static" / source.name).read_text(encoding="utf-8")
        assert shipped == MINIFIERS[source.suffix](source.read_text(encoding="utf-8"))
        assert len(shipped) < len(source.read_text(encoding="utf-8"))


def test_both_extensions_assets_stay_within_the_budget(built_site):
    """What one page makes a reader download of the extensions' assets (each page links only
    the assets of what it shows, so the budget is per page, not the sum of every file)."""
    names = {source.name for source in SOURCES}
    sizes = {
        name: len(gzip.compress((built_site / "_static" / name).read_bytes(), 9)) for name in names
    }
    heaviest, worst = "", 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = {name for name in names if f"_static/{name}" in html}
        total = sum(sizes[name] for name in linked)
        if total > worst:
            heaviest, worst = str(page.relative_to(built_site)), total
    assert worst, "no page links the extensions' assets"
    assert worst < BUDGET_GZIPPED, (
        f"{heaviest} needs {worst} bytes gzipped; the budget is {BUDGET_GZIPPED}"
    )


def test_pages_load_sphinx_highlighting_assets_only_where_they_are_used(built_site):
    """cart_static.lean: pygments.css only on pages with highlighted code, furo-extensions.css
    only on pages with markup it styles (not furo's own table wrappers), and Sphinx's
    search-word scripts only on the search page; elsewhere a small loader fetches them after
    a search (tests/test_tiers_browser.py follows a search hit)."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "pygments.css" not in home
    assert "furo-extensions.css" not in home  # it styles only other extensions' markup
    with_table = (built_site / "maintainers" / "pemat.html").read_text(encoding="utf-8")
    assert re.search(r'class="table-wrapper [^"]*\bcontainer\b', with_table)
    assert "furo-extensions.css" not in with_table
    for script in ("documentation_options.js", "doctools.js", "sphinx_highlight.js"):
        assert f"_static/{script}" not in home
    assert 'data-scripts="documentation_options.js doctools.js sphinx_highlight.js"' in home
    with_code = [
        page
        for page in built_site.rglob("*.html")
        if 'class="highlight' in page.read_text(encoding="utf-8").split("<article", 1)[-1]
    ]
    assert with_code, "no page shows highlighted code"
    for page in with_code:
        assert "_static/pygments.css" in page.read_text(encoding="utf-8"), page
    search = (built_site / "search.html").read_text(encoding="utf-8")
    assert "_static/doctools.js" in search and "cart-search-words.js" not in search


def test_a_page_carries_the_quiz_strings_once(built_site):
    """The quiz script's strings ride on a page's first quiz only (cart-quiz.js reads them
    there for every quiz of the page): a page with two quizzes does not repeat them."""
    page = BeautifulSoup(
        (built_site / "risks-and-side-effects.html").read_text(encoding="utf-8"), "html.parser"
    )
    quizzes = page.select("section.cart-quiz")
    assert len(quizzes) == 2
    assert [quiz.has_attr("data-cart-strings") for quiz in quizzes] == [True, False]


def test_site_styles_for_some_pages_load_only_there(built_site):
    """cart-emergency.css only where the emergency block is, cart-figures.css only where a
    diagram or an icon is; a11y.css everywhere."""
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<body" not in text:
            continue
        body = text.split("<body", 1)[1]
        assert "a11y.css" in text, page
        assert ("cart-emergency.css" in text) == ('class="cart-emergency"' in body), page
        figures = re.search(r'class="[^"]*\bcart-(?:figure|icon)\b', body) is not None
        assert ("cart-figures.css" in text) == figures, page


def test_furo_s_own_wrappers_do_not_pull_in_the_stylesheet_for_other_extensions():
    """furo wraps each table and formula in a `container` that furo.css styles; a container of
    any other kind (a Bootstrap-style one from another extension) still gets
    furo-extensions.css, whose reset it needs."""

    def styles_for(body: str) -> list[str]:
        context = {"body": body, "css_files": ["styles/furo.css", "styles/furo-extensions.css"]}
        drop_unused_styles(context)
        return context["css_files"]

    furo_wrapped = '<div class="table-wrapper docutils container"><table></table></div>'
    assert styles_for(furo_wrapped) == ["styles/furo.css"]
    assert styles_for('<div class="math-wrapper docutils container">x</div>') == ["styles/furo.css"]
    other = furo_wrapped + '<div class="container pb-4">panel</div>'
    assert styles_for(other) == ["styles/furo.css", "styles/furo-extensions.css"]
    assert "styles/furo-extensions.css" in styles_for('<div class="sd-card">card</div>')
