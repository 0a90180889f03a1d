"""The Spanish edition: built strictly with `-D language=es`, every page in Spanish with its
notice and language switch, quizzes in Spanish, the Spanish readability gate, and the security
and accessibility checks run on it too (a cheap subset of the browser ones)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_a11y
import test_security
from bs4 import BeautifulSoup
from cart_tiers.report import JSON_FILENAME, read_json
from conftest import serve

SKIP = {"_static", "_sources", "_images", "_downloads"}

#: A second whole build of the site, in Spanish: the slow tier.
pytestmark = pytest.mark.slow


def spanish_pages(site: Path) -> list[Path]:
    return sorted(
        path for path in site.rglob("*.html") if not SKIP & set(path.relative_to(site).parts)
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_spanish_page_declares_spanish(built_site_es):
    wrong = [p.name for p in spanish_pages(built_site_es) if soup(p).html.get("lang") != "es"]
    assert not wrong


def test_every_spanish_page_says_it_is_unreviewed_and_which_english_text_it_follows(
    built_site_es,
):
    for path in spanish_pages(built_site_es):
        if path.name in {"search.html", "genindex.html"}:
            continue
        notice = soup(path).select_one("article .cart-translation-notice")
        assert notice is not None, f"{path.name}: no translation notice"
        text = notice.get_text(" ", strip=True)
        assert "todavía no la ha revisado un traductor médico" in text
        assert re.search(r"del \d{1,2} de [a-z]+ de 20\d\d", text), text
        assert "fuentes citadas están en inglés" in text


def test_every_page_links_to_itself_in_the_other_language(built_site_es):
    for path in spanish_pages(built_site_es):
        if path.name in {"search.html", "genindex.html"}:
            continue  # Sphinx's own pages, not written from page.html
        page = soup(path)
        relative = path.relative_to(built_site_es).as_posix()
        switch = page.select_one("nav.cart-language-switch")
        assert switch is not None, f"{relative}: no language switch"
        english = switch.select_one('a[hreflang="en"][lang="en"]')
        here = switch.select_one('a[hreflang="es"][aria-current="true"]')
        assert english is not None and here is not None, relative
        # Relative links only, so the switch works from file:// and any static host.
        target = (path.parent / english["href"]).resolve()
        assert target == (built_site_es.parent / relative).resolve(), relative
        # Search engines ignore relative alternates (Lighthouse: "Relative href value"), and
        # this build has no html_baseurl to make them whole: none are written.
        assert not page.select('link[rel="alternate"][hreflang]'), relative


def test_the_english_site_links_to_the_spanish_pages(built_site):
    page = soup(built_site / "index.html")
    spanish = page.select_one('nav.cart-language-switch a[hreflang="es"]')
    assert spanish is not None and spanish["href"] == "es/index.html"
    assert page.html["lang"] == "en"
    assert page.select_one(".cart-translation-notice") is None


def test_quizzes_worksheets_answer_keys_and_exports_are_spanish(built_site_es):
    prompt = "¿A partir de qué temperatura debe llamarlos enseguida?"
    for name in ("quiz/when-to-call.html", "quiz/worksheet/when-to-call.html"):
        assert prompt in (built_site_es / name).read_text(encoding="utf-8"), name
    answers = (built_site_es / "quiz/answers/when-to-call.html").read_text(encoding="utf-8")
    assert "100.4 °F (38 °C) o más" in answers
    gift = (built_site_es / "quiz-exports" / "gift" / "when-to-call.txt").read_text("utf-8")
    assert "Cuándo pedir ayuda" in gift or "enseguida" in gift


def test_the_spanish_gate_uses_fernandez_huerta_and_every_block_passes(built_site_es):
    blocks = read_json(built_site_es / JSON_FILENAME)
    assert blocks, "no tier blocks measured"
    assert {block.formula for block in blocks} == {"fernandez-huerta"}
    failing = [f"{b.location} {b.tier} {b.grade}" for b in blocks if b.status == "fail"]
    assert not failing


SECURITY_CHECKS = [
    test_security.test_no_page_loads_anything_from_another_host,
    test_security.test_external_links_exist_and_are_plain_links,
    test_security.test_no_stylesheet_loads_anything_from_another_host,
    test_security.test_our_extensions_add_no_inline_script_style_or_handler,
    test_security.test_the_only_style_attributes_are_the_themes_known_ones,
    test_security.test_the_policy_allows_one_theme_script_and_no_script_of_ours,
]


@pytest.mark.parametrize("check", SECURITY_CHECKS, ids=[c.__name__ for c in SECURITY_CHECKS])
def test_security_checks_hold_on_the_spanish_site(built_site_es, check):
    check(built_site_es)


axe_source = test_a11y.axe_source  # the fixture, for this module


@pytest.fixture(scope="module")
def site_url_es(built_site_es):
    with serve(built_site_es.parent) as url:
        yield f"{url}/es"


def test_axe_finds_no_wcag_violation_on_spanish_pages(page, site_url_es, built_site_es, axe_source):
    """Every Spanish page in the first (light, desktop) mode: the other modes test layout and
    colour, which do not change with the language."""
    views = [p.relative_to(built_site_es).as_posix() for p in spanish_pages(built_site_es)]
    test_a11y.test_axe_finds_no_wcag_violation_on_any_page(
        page, site_url_es, views, axe_source, test_a11y.MODES[0]
    )


def test_alternate_links_are_full_addresses_from_the_builds_base_url():
    from cart_i18n import alternate_links

    links = [
        {"lang": "en", "path": "quiz/when-to-call.html", "href": "../../quiz/when-to-call.html"},
        {"lang": "es", "path": "es/quiz/when-to-call.html", "href": "../when-to-call.html"},
    ]
    spanish = alternate_links(links, "https://example.org/cart/es/", "es")
    english = alternate_links(links, "https://example.org/cart", "")
    expected = [
        "https://example.org/cart/quiz/when-to-call.html",
        "https://example.org/cart/es/quiz/when-to-call.html",
    ]
    assert [link["href"] for link in spanish] == expected
    assert [link["href"] for link in english] == expected
    assert alternate_links(links, "", "es") == []
