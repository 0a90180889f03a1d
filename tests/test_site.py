"""The real site in docs/: strict build, page promises, and a browser smoke test."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import DOCS

CONTENT_PAGES = sorted(
    path.relative_to(DOCS).with_suffix("").as_posix()
    for path in DOCS.rglob("*.md")
    if not path.relative_to(DOCS).parts[0].startswith(("_", "quiz"))
)


def page_soup(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def test_strict_build_has_no_warnings(built_site):
    """`built_site` fails on any warning (-W --keep-going -n); this names the promise."""
    assert (built_site / "index.html").is_file()


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_page_shows_when_it_was_last_reviewed(built_site, page):
    text = page_soup(built_site, page).select_one("article").get_text(" ", strip=True)
    assert re.search(r"Last reviewed: \d{1,2} \w+ 20\d\d", text), f"{page}: no review date"


def test_home_page_says_education_not_medical_advice(built_site):
    text = page_soup(built_site, "index").get_text(" ", strip=True)
    assert "This is education, not medical advice." in text
    assert "call your treatment team right away" in text


@pytest.mark.browser
def test_home_page_opens_with_its_title_and_main_landmark(page, site_url):
    page.goto(f"{site_url}/index.html")
    assert page.title() == "CAR-T learning site"
    main = page.get_by_role("main")
    assert main.count() == 1
    assert (
        main.get_by_role("heading", level=1)
        .inner_text()
        .strip()
        .startswith("CAR T-cell therapy, explained")
    )


def test_the_themes_icons_in_named_controls_are_decorative(built_site):
    """furo's icons sit in buttons, labels and links that have their own names; an icon a
    screen reader would name a second time ("Menu", "Light mode") is hidden from it, and the
    two sidebars are named regions (IBM Equal Access: svg_graphics_labelled,
    aria_complementary_labelled)."""
    page = page_soup(built_site, "what-is-car-t")
    icons = [
        svg
        for svg in page.select("body svg")
        if not svg.find_parent("symbol") and svg.find_parent(["a", "button", "label"])
    ]
    assert len(icons) >= 8
    named = [svg for svg in icons if svg.get("aria-hidden") != "true"]
    assert not named, [str(svg)[:80] for svg in named]
    assert page.select_one("aside.sidebar-drawer")["aria-label"]
    assert page.select_one("aside.toc-drawer")["aria-label"]
