"""The tier switcher and glossary tooltips in a real Chromium, on a small test site."""

from __future__ import annotations

import pytest
from conftest import build_test_root, serve

pytestmark = pytest.mark.browser

CRS_DEFINITION = "A strong reaction of the immune system"


@pytest.fixture(scope="module")
def tiers_url(tmp_path_factory):
    """tests/roots/test-tiers-basic (furo theme), built strictly and served on 127.0.0.1."""
    outdir = build_test_root("tiers-basic", tmp_path_factory.mktemp("tiers") / "html")
    with serve(outdir) as url:
        yield url


def shown(page, section: str = "risks-crs") -> list[str]:
    """The tiers a reader can see in one section."""
    return page.evaluate(
        """(section) => Array.from(document.querySelectorAll(`#${section} .cart-tier`))
            .filter((block) => block.checkVisibility())
            .map((block) => block.dataset.tier)""",
        section,
    )


def stored_tier(page) -> str | None:
    return page.evaluate("() => localStorage.getItem('cart-tier')")


def active(page) -> dict:
    return page.evaluate(
        """() => ({tag: document.activeElement.tagName, name: document.activeElement.name || "",
                   value: document.activeElement.value || "",
                   text: document.activeElement.textContent.trim()})"""
    )


def tab_until(page, predicate, limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = active(page)
        if predicate(element):
            return element
    raise AssertionError(f"keyboard focus never reached the target; last: {active(page)}")


def radio(page, name: str):
    return page.get_by_role("radio", name=name)


def test_the_plain_tier_shows_first(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    assert shown(page) == ["simple"]
    assert radio(page, "Simple").is_checked()
    assert page.get_by_role("group", name="Reading level").is_visible()
    assert page.get_by_text("Everyone reads this line.").is_visible()


def test_choosing_a_tier_hides_the_others(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    radio(page, "Clinical detail").check()
    assert shown(page) == ["clinical"]
    assert not page.get_by_text("A fever can be the first sign").is_visible()
    assert page.get_by_text("tocilizumab is the first-line treatment").is_visible()


def test_a_section_without_the_chosen_tier_shows_the_nearest_one_labelled(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    radio(page, "Clinical detail").check()
    assert shown(page, "risks-other") == ["detail"]
    label = page.locator("#risks-other .cart-tier--detail .cart-tier__label")
    assert label.is_visible() and label.inner_text() == "More detail"
    assert not page.locator("#risks-crs .cart-tier--clinical .cart-tier__label").is_visible()


def test_the_choice_is_remembered_on_the_next_page_and_the_next_visit(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    radio(page, "More detail").check()
    page.get_by_role("link", name="Recovery").first.click()
    page.wait_for_url("**/recovery.html")
    assert shown(page, "recovery") == ["detail"]
    assert radio(page, "More detail").is_checked()
    later = page.context.new_page()
    later.goto(f"{tiers_url}/risks.html")
    assert shown(later) == ["detail"]
    assert stored_tier(later) == "detail"


def test_a_tier_in_the_link_overrides_the_choice_and_is_remembered(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    radio(page, "Simple").check()
    page.goto(f"{tiers_url}/risks.html?tier=clinical")
    assert shown(page) == ["clinical"]
    assert radio(page, "Clinical detail").is_checked()
    page.goto(f"{tiers_url}/recovery.html")
    assert shown(page, "recovery") == ["clinical"]


def test_an_unknown_tier_in_the_link_is_ignored(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html?tier=expert")
    assert shown(page) == ["simple"]
    assert stored_tier(page) is None


def test_keyboard_only_tab_to_the_switcher_and_arrow_through_tiers(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    focused = tab_until(page, lambda element: element["name"] == "cart-tier")
    assert focused["value"] == "simple"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus

    page.keyboard.press("ArrowRight")
    assert shown(page) == ["detail"]
    status = page.get_by_role("status")
    assert status.inner_text() == "Now showing: More detail."
    page.keyboard.press("ArrowRight")
    assert shown(page) == ["clinical"]
    assert status.inner_text() == "Now showing: Clinical detail."
    assert stored_tier(page) == "clinical"
    assert active(page)["value"] == "clinical"  # focus stays in the group


def test_switcher_targets_are_at_least_24_px(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    for option in page.locator(".cart-tier-switcher__option").all():
        box = option.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


def test_without_javascript_every_tier_shows_under_its_label(browser, tiers_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{tiers_url}/risks.html")
    assert shown(page) == ["simple", "detail", "clinical"]
    labels = page.locator("#risks-crs .cart-tier__label")
    assert labels.all_inner_texts() == ["Simple", "More detail", "Clinical detail"]
    assert all(label.is_visible() for label in labels.all())
    assert not page.locator(".cart-tier-switcher").is_visible()
    context.close()


def test_printing_prints_the_chosen_tier(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    radio(page, "More detail").check()
    page.emulate_media(media="print")
    assert shown(page) == ["detail"]
    assert not page.locator(".cart-tier-switcher").is_visible()
    label = page.locator("#risks-crs .cart-tier--detail .cart-tier__label")
    assert label.is_visible()  # the printout names its reading level


def test_a_search_hit_lands_on_the_tier_that_holds_it(page, tiers_url):
    page.goto(f"{tiers_url}/search.html?q=tocilizumab")
    result = page.locator("#search-results a").first
    result.wait_for()
    result.click()
    page.wait_for_url("**/risks.html*")
    assert shown(page) == ["clinical"]
    page.locator(".cart-tier--clinical .highlighted").first.wait_for()
    assert stored_tier(page) is None  # the reader's own choice is not changed


def test_a_link_into_a_hidden_tier_reveals_it(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html#cart-tier-2")
    assert shown(page) == ["clinical"]


def test_glossary_tooltip_opens_on_keyboard_focus_and_closes_with_escape(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    tab_until(page, lambda element: element["tag"] == "A" and element["text"] == "CRS")
    link = page.locator(".cart-term a").first
    tip = page.locator(".cart-term__tip").first
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert tip.is_visible() and tip.inner_text().startswith(CRS_DEFINITION)
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert active(page)["text"] == "CRS"  # Escape closes the tip, focus stays put
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert tip.is_visible()  # focusing again opens it again


def test_glossary_tooltip_stays_while_the_pointer_moves_onto_it(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html")
    link = page.locator(".cart-term a").first
    tip = page.locator(".cart-term__tip").first
    link.hover()
    assert tip.is_visible()
    box = tip.bounding_box()
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    assert tip.is_visible()  # hoverable (WCAG 1.4.13)
    page.mouse.move(5, 5)
    assert not tip.is_visible()


def test_glossary_tooltip_stays_on_screen_on_a_narrow_phone(browser, tiers_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{tiers_url}/risks.html")
    page.locator(".cart-term a").first.focus()
    box = page.locator(".cart-term__tip").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    context.close()


LINES_AFTER_TERM = """(index) => {
  const term = document.querySelectorAll(".cart-term")[index];
  const range = document.createRange();
  range.setStartAfter(term);
  range.setEndAfter(term.parentElement.lastChild);
  return Array.from(range.getClientRects(), (box) => [box.top, box.left, box.width]);
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_an_open_tooltip_floats_over_the_text_and_leaves_the_sentence_whole(
    browser, tiers_url, width
):
    """Issue 17: on a phone an open definition was a block in the text flow that split its
    sentence. It floats now: the sentence keeps its lines, the definition is on screen, next to
    the term (not over it), and the page does not grow."""
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    page.goto(f"{tiers_url}/risks.html")
    index = 0  # "CRS", with the rest of its paragraph after it
    link = page.locator(".cart-term a").nth(index)
    link.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -100)")
    lines = page.evaluate(LINES_AFTER_TERM, index)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    link.focus()
    tip = page.locator(".cart-term__tip").nth(index)
    assert tip.is_visible()
    assert page.evaluate(LINES_AFTER_TERM, index) == lines
    assert page.evaluate("() => document.documentElement.scrollHeight") == height
    box = tip.bounding_box()
    term = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640
    # Below the term, or above it when the screen has no room below: never over it.
    assert box["y"] >= term["y"] + term["height"] or box["y"] + box["height"] <= term["y"]
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("() => document.activeElement.textContent") == link.inner_text()
    context.close()


def test_everything_works_under_a_strict_content_security_policy(page, tiers_url):
    policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

    def add_policy(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", add_policy)
    page.goto(f"{tiers_url}/risks.html?tier=detail")
    assert shown(page) == ["detail"]
    radio(page, "Clinical detail").check()
    assert shown(page) == ["clinical"]
    radio(page, "Simple").check()
    page.locator(".cart-term a").first.focus()
    assert page.locator(".cart-term__tip").first.is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".cart-term__tip").first.is_visible()
    # Nothing of ours needs an inline style attribute, which the policy would block.
    ours = ".cart-tier, .cart-tier-switcher, .cart-tier-switcher *, .cart-term, .cart-term *"
    assert page.locator(ours).count() > 10
    assert page.locator(f":is({ours})[style]").count() == 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_switcher_tiers_and_tooltips_pass_axe_in_both_themes(page, tiers_url, theme):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{tiers_url}/risks.html")
    page.evaluate("(theme) => { document.body.dataset.theme = theme; }", theme)
    page.locator(".cart-term a").first.focus()  # the tooltip is open while axe checks
    for selector in (".cart-tier-switcher", ".cart-tier:not([hidden])", ".cart-term"):
        results = Axe().run(page, context=selector)
        assert results.violations_count == 0, results.generate_report()


HOSTILE_ENDINGS = [
    "#%",
    "#%E0%A4%A",
    "#%zz%",
    "#cart-tier-2%",
    "?tier=%",
    "?tier=%E0%A4%A",
    "?tier=<script>alert(1)</script>",
    "?tier=__proto__&tier=constructor",
    "?highlight=%&tier=%#%",
    "?highlight=" + "crs%20" * 3000,
    "?" + "&".join(f"k{n}=%E0%A4%A" for n in range(2000)),
    "?tier=" + "x" * 60_000,
]


def collect_page_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("ending", HOSTILE_ENDINGS, ids=lambda ending: ending[:24])
def test_any_url_shows_the_switcher_without_a_script_error(page, tiers_url, ending):
    """Issue 14 #9: a malformed fragment or query threw URIError and hid the switcher."""
    errors = collect_page_errors(page)
    page.goto(f"{tiers_url}/risks.html{ending}")
    assert page.get_by_role("group", name="Reading level").is_visible()
    assert page.evaluate("() => document.documentElement.classList.contains('cart-tiers-js')")
    assert len(shown(page)) == 1
    radio(page, "Clinical detail").check()
    assert shown(page) == ["clinical"]
    assert errors == []


@pytest.mark.parametrize("fragment", ["%", "%E0%A4%A", "%%%", "cart-tier-2%"])
def test_a_malformed_fragment_after_loading_raises_no_error(page, tiers_url, fragment):
    errors = collect_page_errors(page)
    page.goto(f"{tiers_url}/risks.html")
    page.evaluate("(fragment) => { window.location.hash = fragment; }", fragment)
    page.wait_for_function("(fragment) => window.location.hash === '#' + fragment", arg=fragment)
    page.evaluate("() => new Promise((done) => setTimeout(done, 50))")
    assert shown(page) == ["simple"]
    assert errors == []


def test_a_percent_encoded_link_into_a_hidden_tier_still_reveals_it(page, tiers_url):
    page.goto(f"{tiers_url}/risks.html#cart%2Dtier%2D2")
    assert shown(page) == ["clinical"]


@pytest.mark.parametrize(
    "stored",
    ["", "%", "__proto__", "constructor", "<script>", "x" * 10_000, "null", "{}"],
)
def test_any_stored_choice_falls_back_to_the_default_tier(page, tiers_url, stored):
    errors = collect_page_errors(page)
    page.goto(f"{tiers_url}/risks.html")
    page.evaluate(
        """(stored) => { localStorage.setItem('cart-tier', stored);
                         localStorage.setItem('sphinx_highlight_terms', stored); }""",
        stored,
    )
    page.reload()
    assert page.get_by_role("group", name="Reading level").is_visible()
    assert shown(page) == ["simple"]
    assert errors == []
