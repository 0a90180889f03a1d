"""What only a browser shows: paper without site chrome, the catalogue filter with JavaScript
off, question links and reading-level links landing where they should."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHROME = (
    ".mobile-header",
    ".sidebar-drawer",
    ".toc-drawer",
    "footer",
    ".back-to-top",
    ".theme-toggle-container",
    ".cart-tier-switcher",
    ".cart-quiz-links",
)


def visible_chrome(page) -> list[str]:
    return [
        selector
        for selector in CHROME
        if any(element.is_visible() for element in page.locator(selector).all())
    ]


@pytest.mark.parametrize("kind", ["worksheet", "answers"])
def test_on_paper_only_the_worksheet_or_answer_key_is_printed(page, site_url, kind):
    page.goto(f"{site_url}/quiz/{kind}/crs-and-icans.html")
    assert ".sidebar-drawer" in visible_chrome(page)  # the screen has the site's chrome
    page.emulate_media(media="print")
    assert visible_chrome(page) == []
    sheet = page.locator(".cart-printable")
    assert sheet.is_visible()
    assert page.locator("h1").is_visible()
    box = sheet.bounding_box()
    assert box["x"] < 60 and box["width"] > 0.8 * page.viewport_size["width"]
    assert sheet.locator(":scope > ol > li").count() == 7


def test_the_category_links_filter_the_catalogue_with_javascript_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/quiz-catalog.html")
    entries = page.locator(".cart-catalog-entry")
    assert sum(entry.is_visible() for entry in entries.all()) == 9
    page.get_by_role("link", name="Risks and warning signs (3)").click()
    assert page.url.endswith("#quiz-category-risks")
    assert page.locator("#quiz-category-risks").is_visible()
    assert not page.locator("#quiz-category-understanding").is_visible()
    assert not page.locator("#quiz-category-care-team").is_visible()
    assert sum(entry.is_visible() for entry in entries.all()) == 3
    page.get_by_role("link", name="All quizzes (9)").click()
    assert sum(entry.is_visible() for entry in entries.all()) == 9
    context.close()


def test_a_question_link_lands_on_that_question(page, site_url):
    page.goto(f"{site_url}/quiz/crs-and-icans.html#quiz-crs-and-icans-tocilizumab")
    expect(page.locator("#quiz-crs-and-icans-tocilizumab legend")).to_be_in_viewport()
    assert page.evaluate("() => window.scrollY") > 0


def test_a_reading_level_link_from_the_catalogue_opens_the_topic_at_that_level(page, site_url):
    page.goto(f"{site_url}/quiz-catalog.html")
    entry = page.locator("#quiz-catalog-crs-and-icans")
    entry.get_by_role("link", name="More detail").click()
    assert page.url.endswith("risks-and-side-effects.html?tier=detail")
    page.wait_for_function("() => document.documentElement.dataset.cartTier === 'detail'")
    # The tier's attribute is set before the script shows the panels: wait for what shows.
    expect(page.locator(".cart-tier[data-tier='detail']").first).to_be_visible()
    expect(page.locator(".cart-tier[data-tier='simple']").first).to_be_hidden()
