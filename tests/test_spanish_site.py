"""The Spanish edition: built strictly with `-D language=es`, every page in Spanish with its
notice and language switch, the emergency block and the theme's words in Spanish, quizzes in
Spanish, the Spanish readability gate, and the security checks run on it too. The whole
accessibility suite runs on it in tests/test_a11y.py (parametrized by language)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_security
from bs4 import BeautifulSoup
from cart_tiers.report import JSON_FILENAME, read_json
from conftest import DOCS, serve

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


def emergency_messages() -> list[str]:
    """The English sentences of the emergency block: its `_()` messages, without the
    placeholders' neighbours."""
    from jinja2 import Environment

    template = (DOCS / "_templates" / "partials" / "emergency.html").read_text(encoding="utf-8")
    found = Environment(extensions=["jinja2.ext.i18n"]).extract_translations(template)
    return [message for _line, _function, message in found]


def test_the_emergency_block_is_spanish_on_every_spanish_patient_page(built_site_es, built_site):
    english = emergency_messages()
    assert len(english) >= 6
    english_words = [part.strip() for text in english for part in text.split("%(") if part]
    patients = 0
    for path in spanish_pages(built_site_es):
        relative = path.relative_to(built_site_es).as_posix()
        page = soup(path)
        block = page.select_one("article .cart-emergency")
        english_page = soup(built_site / relative)
        assert (block is None) == (english_page.select_one(".cart-emergency") is None), relative
        if block is None:
            continue
        patients += 1
        text = " ".join(block.get_text(" ", strip=True).split())
        closest_lang = next((el["lang"] for el in (block, *block.parents) if el.get("lang")), None)
        assert closest_lang == "es", relative
        left = [words for words in english_words if len(words) > 8 and words in text]
        assert not left, f"{relative}: English in the emergency block: {left}"
        assert "Después de la terapia de células T con CAR" in text, text
        assert "llame al 911" in text and "sala de emergencias" in text, text
        card = block.select_one(".cart-emergency__more a")
        target = (path.parent / card["href"].split("#")[0]).resolve()
        if relative == "symptoms-to-report.html":
            assert card["href"] == "#report-now-list"
        else:
            assert target == (built_site_es / "symptoms-to-report.html").resolve(), relative
    assert patients >= 15, patients


def test_no_emergency_block_on_spanish_pages_for_educators_or_maintainers(built_site_es):
    for name in ("educators.html", "quiz-catalog.html", "quiz/when-to-call.html"):
        assert soup(built_site_es / name).select_one(".cart-emergency") is None, name
    maintainers = [
        p
        for p in spanish_pages(built_site_es)
        if "maintainers" in p.relative_to(built_site_es).parts
    ]
    assert maintainers
    assert all(soup(p).select_one(".cart-emergency") is None for p in maintainers)


def test_the_emergency_block_agrees_with_the_spanish_warning_card(built_site_es):
    """The block's wording is the card's: the same words for the same instructions."""
    card = soup(built_site_es / "symptoms-to-report.html")
    card_text = " ".join(card.select_one("article").get_text(" ", strip=True).split())
    block = " ".join(card.select_one(".cart-emergency").get_text(" ", strip=True).split())
    for words in (
        "de día o de noche",
        "sala de emergencias",
        "terapia de células T con CAR",
        "señales de alarma",
        "enseguida",
        "911",
    ):
        assert words in block and words in card_text, words


def test_the_search_page_says_in_spanish_how_many_pages_it_found(built_site_es):
    """Sphinx's Spanish script catalog leaves this message empty; the site's sphinx.po
    fills it (cart_i18n.fill_script_translations), in a translations.js that needs no eval
    (a strict policy blocked Sphinx's own on every Spanish page)."""
    import json

    script = (built_site_es / "_static" / "translations.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.startswith("//"))
    assert "new Function" not in code and "addTranslations" not in code
    assert "Documentation.PLURAL_EXPR = (n) => (" in script
    begin = script.index("Object.assign(Documentation.TRANSLATIONS, ") + len(
        "Object.assign(Documentation.TRANSLATIONS, "
    )
    messages = json.loads(script[begin : script.index(");\n", begin)])
    one, many, _other = messages["Search finished, found one page matching the search query."]
    assert one == "Búsqueda terminada: una página coincide con la búsqueda."
    assert many == "Búsqueda terminada: ${resultCount} páginas coinciden con la búsqueda."


def test_the_themes_words_are_spanish(built_site_es):
    page = soup(built_site_es / "what-is-car-t.html")
    assert page.select_one("a.skip-to-content").get_text(strip=True) == "Saltar al contenido"
    assert "Volver arriba" in page.select_one(".back-to-top").get_text(" ", strip=True)
    assert page.select_one(".toc-title").get_text(strip=True) == "En esta página"
    labels = " ".join(el["aria-label"] for el in page.select("[aria-label]"))
    assert "Toggle" not in labels, labels
    footer = page.select_one("footer").get_text(" ", strip=True)
    assert "Siguiente" in footer and "Anterior" in footer and "Hecho con" in footer
    assert "Next" not in footer.split() and "Made with" not in footer
    # The icons' titles (read by some screen readers) and the two sidebars' names.
    titles = {title.get_text(strip=True) for title in page.select("svg symbol title")}
    assert titles and not titles & {"Contents", "Menu", "Expand", "Light mode", "Dark mode"}
    assert page.select_one("aside.sidebar-drawer")["aria-label"] == "Menú del sitio"
    assert page.select_one("aside.toc-drawer")["aria-label"] == "En esta página"
    assert "Aprender sobre CAR-T" in page.title.get_text()


# The diagrams: each figure of a Spanish page is the drawing's Spanish twin


def diagram_images(site: Path) -> dict[str, list[str]]:
    """Every page's images that are diagrams (not the emergency block's icon), by page."""
    found: dict[str, list[str]] = {}
    for path in spanish_pages(site):
        sources = [
            img["src"]
            for img in soup(path).select("article img")
            if img["src"].endswith(".svg") and not img.find_parent(class_="cart-emergency")
        ]
        if sources:
            found[path.relative_to(site).as_posix()] = sources
    return found


def test_spanish_figures_are_the_spanish_diagrams(built_site_es):
    from cart_i18n.diagrams import labels

    diagrams = DOCS / "_static" / "diagrams"
    english_labels = {
        label.text
        for path in diagrams.glob("*.svg")
        if "." not in path.stem
        for label in labels(path)
        if len(label.text) > 6
    }
    images = diagram_images(built_site_es)
    for page in ("treatment-journey.html", "what-is-car-t.html", "symptoms-to-report.html"):
        assert page in images, page
    for page, sources in images.items():
        for source in sources:
            assert source.endswith(".es.svg"), f"{page}: {source}"
            text = (built_site_es / page).parent.joinpath(source).read_text(encoding="utf-8")
            left = [label for label in english_labels if f">{label}<" in text]
            assert not left, f"{page}: {source} keeps English: {left}"


def test_the_english_site_keeps_the_english_diagrams(built_site):
    images = diagram_images(built_site)
    assert images
    assert not [s for sources in images.values() for s in sources if ".es." in s]
    assert not list(built_site.rglob("*.es.svg")), "a Spanish twin reached the English site"


FIT = """() => {
  const svg = document.documentElement;
  const box = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    // A label in a group drawn on a card (a rect) must stay on the card.
    const card = t.parentElement.closest('g')?.querySelector('rect');
    const edge = card ? card.getBBox().x + card.getBBox().width : null;
    return {text: t.textContent, x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height,
            card: edge};
  });
  const problems = [];
  texts.forEach((t, i) => {
    if (t.x < box.x + 2 || t.right > box.x + box.width - 2)
      problems.push(`${i} "${t.text}" runs out of the drawing: `
        + `${Math.round(t.x)}..${Math.round(t.right)}`);
    if (t.card && t.right > t.card - 2)
      problems.push(`${i} "${t.text}" runs out of its card: ..${Math.round(t.right)} > ${t.card}`);
    texts.slice(i + 1).forEach((u, j) => {
      const w = Math.min(t.right, u.right) - Math.max(t.x, u.x);
      const h = Math.min(t.bottom, u.bottom) - Math.max(t.y, u.y);
      if (w > 1 && h > 3) problems.push(`${i} "${t.text}" overlaps ${i + j + 1} "${u.text}"`);
    });
  });
  return problems;
}"""


def test_spanish_diagrams_fit_and_are_shot_at_390px(page, built_site_es):
    """Each Spanish diagram in a 390 px window: no label runs out of the drawing or over
    another label where the English one does not; a screenshot of each, and of the figures a
    Spanish page shows at 390 px, for review (test-results/screenshots/diagrams-es/)."""
    from conftest import SCREENSHOTS

    folder = SCREENSHOTS / "diagrams-es"
    folder.mkdir(parents=True, exist_ok=True)
    diagrams = DOCS / "_static" / "diagrams"
    problems = []
    with serve(diagrams) as url:
        page.set_viewport_size({"width": 390, "height": 1100})
        for english in sorted(p for p in diagrams.glob("*.svg") if "." not in p.stem):
            page.goto(f"{url}/{english.name}")
            before = set(page.evaluate(FIT))
            page.goto(f"{url}/{english.stem}.es.svg")
            found = page.evaluate(FIT)
            problems += [f"{english.stem}.es.svg: {p}" for p in found if p not in before]
            if not english.stem.startswith("icon-"):
                size = page.evaluate(
                    "(() => { const r = document.documentElement.getBoundingClientRect();"
                    " return {width: r.width, height: r.height}; })()"
                )
                page.screenshot(
                    path=folder / f"{english.stem}.es.png", clip={"x": 0, "y": 0, **size}
                )
    with serve(built_site_es.parent) as url:
        page.set_viewport_size({"width": 390, "height": 900})
        for name in ("treatment-journey.html", "what-is-car-t.html"):
            page.goto(f"{url}/es/{name}")
            shown = [img for img in page.locator("article figure img").all() if img.is_visible()]
            assert shown, name
            for index, figure in enumerate(shown):
                figure.screenshot(path=folder / f"page-{Path(name).stem}-{index + 1}.png")
    assert not problems, "\n".join(problems)
    assert len(list(folder.glob("*.png"))) >= 4


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
