"""The catalogue, the generated quiz / worksheet / answer-key pages and the export downloads,
built from `tests/roots/test-educators` with each builder."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from cart_quiz.loader import load_quiz_directory
from cart_quiz.pages import MARKER as GENERATED_MARKER
from cart_quiz.pages import markdown_text
from conftest import searched_pages, soup_of
from sphinx.util.console import strip_colors

ROOT = Path(__file__).parent / "roots" / "test-educators"
QUIZZES = load_quiz_directory(ROOT / "quizzes").quizzes


def real_warnings(app) -> list[str]:
    """Warnings, less the ones Sphinx gives when several apps share one test process."""
    return [
        line
        for line in app.warning.getvalue().splitlines()
        if line.strip() and "is already registered" not in line
    ]


def fields(entry) -> dict[str, object]:
    """A catalogue entry's field list as {name: <dd>}."""
    return {
        dt.get_text(strip=True).rstrip(":"): dt.find_next_sibling("dd")
        for dt in entry.select("dl.field-list > dt")
    }


def straight(text: str) -> str:
    """Undo the typographic quotes Sphinx puts in titles."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_strict_build_has_no_warnings(app):
    app.build()
    assert real_warnings(app) == []


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_catalogue_shows_every_quiz_with_what_an_educator_needs(app):
    app.build()
    soup = soup_of(app, "catalog.html")
    assert {entry["id"] for entry in soup.select("section.cart-catalog-entry")} == {
        f"quiz-catalog-{quiz_id}" for quiz_id in QUIZZES
    }
    expected = {
        "basics": ("Understanding", "More detail", "2", "about 2 minutes"),
        "escapes": ("Risks and warning signs", "Clinical detail", "4", "about 4 minutes"),
        "team": ("Questions for your care team", "Simple", "1", "about 1 minutes"),
    }
    for quiz_id, (category, tier, count, minutes) in expected.items():
        entry = soup.select_one(f"#quiz-catalog-{quiz_id}")
        assert straight(entry.find(["h2", "h3"]).get_text().rstrip("¶#")) == QUIZZES[quiz_id].title
        found = fields(entry)
        assert found["Category"].get_text(strip=True) == category
        assert found["Reading level"].get_text(strip=True) == tier
        assert found["Questions"].get_text(strip=True) == count
        assert found["Time"].get_text(strip=True) == minutes
        assert found["Quiz id"].get_text(strip=True) == quiz_id
        objectives = [
            li.get_text(" ", strip=True) for li in found["Learning objectives"].select("li")
        ]
        assert len(objectives) == len(QUIZZES[quiz_id].objectives)
    assert soup.select_one("#quiz-catalog-basics li em").get_text() == "topic"


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_catalogue_lists_the_pages_that_embed_each_quiz(app):
    app.build()
    soup = soup_of(app, "catalog.html")
    for quiz_id in ("escapes", "basics"):
        embeds = fields(soup.select_one(f"#quiz-catalog-{quiz_id}"))["Embedded in"]
        first = embeds.select_one("a")
        assert first.get_text() == "The topic"
        assert first["href"] == f"topic.html#quiz-{quiz_id}"
        tiers = [a["href"] for a in embeds.select("a")[1:]]
        assert tiers == [f"topic.html?tier={tier}" for tier in ("simple", "detail", "clinical")]
    assert "Embedded in" not in fields(soup.select_one("#quiz-catalog-team"))


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_categories_are_anchored_sections_with_a_filter_that_needs_no_javascript(app):
    app.build()
    soup = soup_of(app, "catalog.html")
    links = soup.select("p.cart-catalog-filter a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("All quizzes (3)", "#cart-quiz-catalog"),
        ("Understanding (1)", "#quiz-category-understanding"),
        ("Risks and warning signs (1)", "#quiz-category-risks"),
        ("Questions for your care team (1)", "#quiz-category-care-team"),
    ]
    for category, quiz_id in (
        ("understanding", "basics"),
        ("risks", "escapes"),
        ("care-team", "team"),
    ):
        section = soup.select_one(f"section#quiz-category-{category}.cart-catalog-category")
        assert section.select_one(f"#quiz-catalog-{quiz_id}") is not None
    # The filter is the stylesheet's :target rule; the page runs no catalogue script.
    assert soup.select_one('link[href^="_static/cart-quiz-educators.css"]')
    css = (Path(app.outdir) / "_static" / "cart-quiz-educators.css").read_text(encoding="utf-8")
    assert ".cart-catalog-category:target" in css
    assert not [s for s in soup.select("script[src]") if "cart" in s["src"]]


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_every_link_of_the_catalogue_leads_to_an_existing_page_anchor_or_file(app):
    app.build()
    outdir = Path(app.outdir)
    soup = soup_of(app, "catalog.html")
    checked = 0
    for link in soup.select("section.cart-catalog-entry a[href], .cart-catalog-filter ~ p a[href]"):
        parts = urlsplit(link["href"])
        if parts.scheme or link.get("class") == ["headerlink"]:
            continue
        target = outdir / unquote(parts.path) if parts.path else outdir / "catalog.html"
        assert target.is_file(), link["href"]
        if parts.fragment and target.suffix == ".html":
            assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(
                id=parts.fragment
            ), link["href"]
        checked += 1
    assert checked >= 30


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_each_quiz_has_a_stable_page_and_stable_question_anchors(app):
    app.build()
    for quiz_id, quiz in QUIZZES.items():
        page = soup_of(app, f"quiz/{quiz_id}.html")
        assert page.select_one(f"section.cart-quiz#quiz-{quiz_id}")
        ids = [fieldset["id"] for fieldset in page.select("fieldset.cart-question")]
        assert ids == [f"quiz-{quiz_id}-{question.id}" for question in quiz.questions]
        assert page.find(id=f"quiz-page-{quiz_id}")  # the page's own label, for {ref}
    links = fields(soup_of(app, "catalog.html").select_one("#quiz-catalog-escapes"))
    singles = links["Single questions"].select("a")
    assert [a["href"] for a in singles] == [
        f"quiz/escapes.html#quiz-escapes-{question.id}" for question in QUIZZES["escapes"].questions
    ]
    assert singles[0]["title"].startswith("What is really an example of CRS and this")
    assert links["Quiz page"].select_one("a")["href"] == "quiz/escapes.html"


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_search_finds_the_quiz_page_but_not_its_worksheet_or_answer_key(app):
    """A search for a word of a question offers the quiz page once, not also two paper copies
    of it, one of them with the answers."""
    app.build()
    searched = searched_pages(Path(app.outdir))
    for quiz_id in QUIZZES:
        assert f"quiz/{quiz_id}" in searched
        assert f"quiz/worksheet/{quiz_id}" not in searched
        assert f"quiz/answers/{quiz_id}" not in searched


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_a_quiz_page_links_its_worksheet_answer_key_downloads_pages_and_catalogue(app):
    app.build()
    links = soup_of(app, "quiz/escapes.html").select_one("dl.cart-quiz-links.cart-no-print")
    hrefs = [a["href"] for a in links.select("a")]
    assert hrefs == [
        "../topic.html#quiz-escapes",
        "../topic.html?tier=simple",
        "../topic.html?tier=detail",
        "../topic.html?tier=clinical",
        "worksheet/escapes.html",
        "answers/escapes.html",
        "../quiz-exports/qti/escapes.zip",
        "../quiz-exports/moodle/escapes.xml",
        "../quiz-exports/moodle-legacy/escapes.xml",
        "../quiz-exports/gift/escapes.txt",
        "../quiz-exports/h5p/escapes.h5p",
        "../catalog.html#quiz-catalog-escapes",
    ]
    gift = links.select("a")[9]
    assert gift.has_attr("download")
    assert gift.get_text() == "GIFT (Moodle)"


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_worksheet_has_questions_and_tick_boxes_and_no_answers(app):
    app.build()
    page = soup_of(app, "quiz/worksheet/escapes.html")
    sheet = page.select_one("div.cart-printable.cart-printable--worksheet")
    text = sheet.get_text(" ", strip=True)
    assert "Name:" in text
    assert "( ) Right ~ = # { } : \\ & <b>bold?</b>" in straight(text)
    assert "[ ] A ~ one" in text and "( ) True" in text and "____ " in text
    assert "Right answer" not in text and "Explained" not in text
    assert len(sheet.select("ol > li")) == 4
    assert not sheet.select("input, button")
    assert not page.select("script[src*='cart-quiz']")
    assert page.select_one('link[href*="cart-quiz-educators.css"]')


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_answer_key_has_each_question_its_answers_and_explanation(app):
    app.build()
    page = soup_of(app, "quiz/answers/escapes.html")
    key = page.select_one("div.cart-printable.cart-printable--answers")
    items = key.select(":scope > ol > li")
    assert len(items) == 4
    first = straight(items[0].get_text(" ", strip=True))
    assert first.startswith("What is really an example of CRS and this")
    assert "Right answer: Right ~ = # { } : \\ & <b>bold?</b>" in first
    assert "Explained: ~ = # { } : \\ & <script>alert(1)</script>" in first
    assert "Learn more:" in first
    assert "The right order:" in items[3].get_text()
    assert not key.find_all(["script", "b"])
    assert "Name:" not in key.get_text()


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_titles_of_generated_pages_are_literal_text(app):
    app.build()
    heading = soup_of(app, "quiz/escapes.html").h1
    assert not heading.find_all(["b", "script"])
    # "Self-check:" keeps the quiz page's title apart from its topic page's (WCAG 2.4.2).
    assert straight(heading.get_text().rstrip("¶#")) == "Self-check: " + QUIZZES["escapes"].title
    assert straight(soup_of(app, "quiz/answers/escapes.html").h1.get_text()).startswith(
        "Answer key: Escapes & <b>specials</b>"
    )
    assert markdown_text("*a* [b](c) `d` {e}\n f") == r"\*a\* \[b\]\(c\) \`d\` \{e\} f"


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_the_built_site_offers_every_export_for_download(app):
    app.build()
    exports = Path(app.outdir) / "quiz-exports"
    for quiz_id in QUIZZES:
        assert (exports / "qti" / f"{quiz_id}.zip").is_file()
        assert (exports / "moodle" / f"{quiz_id}.xml").is_file()
        assert (exports / "moodle-legacy" / f"{quiz_id}.xml").is_file()
        assert (exports / "gift" / f"{quiz_id}.txt").is_file()
        assert (exports / "h5p" / f"{quiz_id}.h5p").is_file()
    catalogue = soup_of(app, "catalog.html")
    every = catalogue.find(string=lambda s: s and "Every quiz in one file" in s)
    hrefs = [a["href"] for a in every.parent.select("a")]
    assert hrefs == [
        "quiz-exports/all-quizzes.qti.zip",
        "quiz-exports/all-quizzes.moodle.xml",
        "quiz-exports/all-quizzes.moodle-legacy.xml",
        "quiz-exports/all-quizzes.gift.txt",
        "quiz-exports/all-quizzes.h5p.zip",
    ]
    notes = [
        " ".join(item.get_text().split()) for item in catalogue.select(".cart-format-notes li")
    ]
    assert len(notes) == 5
    assert notes[0].startswith("QTI 1.2 (Canvas): Ordering questions become matching questions")


@pytest.mark.sphinx("dirhtml", testroot="educators", freshenv=True)
def test_dirhtml_links_follow_its_urls(app):
    app.build()
    assert real_warnings(app) == []
    page = soup_of(app, "catalog/index.html")
    entry = fields(page.select_one("#quiz-catalog-escapes"))
    assert entry["Quiz page"].select_one("a")["href"] == "../quiz/escapes/"
    assert entry["Download"].select_one("a")["href"] == "../quiz-exports/qti/escapes.zip"
    assert (Path(app.outdir) / "quiz-exports" / "qti" / "escapes.zip").is_file()
    assert (Path(app.outdir) / "quiz" / "worksheet" / "escapes" / "index.html").is_file()


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_print_the_catalogue_without_web_only_links(make_app, tmp_path, builder):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    app = make_app(builder, srcdir=source, freshenv=True)
    app.build()
    assert real_warnings(app) == []
    if builder == "text":
        text = (Path(app.outdir) / "catalog.txt").read_text(encoding="utf-8")
        assert "The basics" in text and "Learning objectives" in text
        assert "Worksheet" not in text and "quiz-exports" not in text
        assert "Embedded in" in text


def test_pages_are_only_generated_when_configured(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    app = make_app("html", srcdir=source, freshenv=True, confoverrides={"quiz_pages_directory": ""})
    app.build()
    assert real_warnings(app) == []
    assert not (source / "quiz").exists()
    entry = fields(soup_of(app, "catalog.html").select_one("#quiz-catalog-escapes"))
    assert "Quiz page" not in entry and "Print" not in entry
    assert entry["Download"].select("a")  # the exports are still offered


def test_stubs_are_rewritten_only_when_a_quiz_changes_and_removed_with_it(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    make_app("html", srcdir=source, freshenv=True).build()
    stub = source / "quiz" / "basics.md"
    assert GENERATED_MARKER in stub.read_text(encoding="utf-8")
    before = stub.stat().st_mtime_ns
    time.sleep(0.01)
    make_app("html", srcdir=source).build()
    assert stub.stat().st_mtime_ns == before
    (source / "quizzes" / "basics.yaml").unlink()
    (source / "topic.md").write_text(
        (source / "topic.md").read_text(encoding="utf-8").replace("```{quiz} basics\n```", ""),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=source)
    app.build()
    assert not stub.exists() and not (source / "quiz" / "worksheet" / "basics.md").exists()
    assert (source / "quiz" / "escapes.md").exists()
    assert not soup_of(app, "catalog.html").select_one("#quiz-catalog-basics")


def _touch_later(path: Path) -> None:
    future = time.time() + 2
    os.utime(path, (future, future))


def test_the_catalogue_follows_new_embeds_and_new_quizzes_without_a_fresh_build(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    make_app("html", srcdir=source, freshenv=True).build()
    # Another page starts embedding a quiz: only that page is read again; the catalogue
    # is written again with the new embed.
    topic = source / "topic.md"
    topic.write_text(
        topic.read_text(encoding="utf-8") + "\n```{quiz} team\n```\n", encoding="utf-8"
    )
    _touch_later(topic)
    app = make_app("html", srcdir=source)
    app.build()
    status = strip_colors(app.status.getvalue())
    assert re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status) == ["topic"]
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status)
    assert {"catalog", "quiz/team"} <= set(written)
    embeds = fields(soup_of(app, "catalog.html").select_one("#quiz-catalog-team"))["Embedded in"]
    assert embeds.select_one("a")["href"] == "topic.html#quiz-team"
    # A new quiz file appears: nothing depends on it yet, the catalogue still lists it.
    new = (
        (source / "quizzes" / "basics.yaml")
        .read_text(encoding="utf-8")
        .replace("id: basics", "id: fresh")
    )
    (source / "quizzes" / "fresh.yaml").write_text(
        new.replace("title: The basics", "title: Fresh"), encoding="utf-8"
    )
    app = make_app("html", srcdir=source)
    app.build()
    assert real_warnings(app) == []
    assert (
        soup_of(app, "catalog.html")
        .select_one("#quiz-catalog-fresh h3")
        .get_text()
        .startswith("Fresh")
    )
    assert (Path(app.outdir) / "quiz" / "fresh.html").is_file()
    # Editing a quiz's title re-reads the catalogue (it depends on every quiz file).
    quiz_file = source / "quizzes" / "team.yaml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace(
            "Talking with your team", "Talk to your team"
        ),
        encoding="utf-8",
    )
    _touch_later(quiz_file)
    app = make_app("html", srcdir=source)
    app.build()
    assert (
        soup_of(app, "catalog.html")
        .select_one("#quiz-catalog-team h3")
        .get_text()
        .startswith("Talk to your team")
    )


def test_a_parallel_build_finds_the_same_embeds(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    app = make_app("html", srcdir=source, freshenv=True, parallel=2)
    app.build()
    assert real_warnings(app) == []
    embeds = fields(soup_of(app, "catalog.html").select_one("#quiz-catalog-escapes"))["Embedded in"]
    assert embeds.select_one("a")["href"] == "topic.html#quiz-escapes"


def test_after_a_parallel_build_a_quiz_edit_reads_its_pages_again(make_app, tmp_path):
    """Pages read in parallel processes record the quiz files they show, merged back into
    the store, so editing a quiz after a parallel build reads those pages again."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    make_app("html", srcdir=source, freshenv=True, parallel=2).build()
    quiz = source / "quizzes" / "basics.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("What is it?", "What is it, edited?"),
        encoding="utf-8",
    )
    _touch_later(quiz)
    app = make_app("html", srcdir=source, parallel=2)
    app.build()
    assert "What is it, edited?" in soup_of(app, "topic.html").get_text()
    assert "What is it, edited?" in soup_of(app, "quiz/basics.html").get_text()
