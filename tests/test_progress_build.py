"""The markup of the progress features and of the widget fixes (issue 16), as built."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cart_quiz.model import Quiz
from cart_quiz.pages import markdown_source, rst_source


def soup_of(app, page: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="quiz-progress", freshenv=True)
def test_each_check_button_names_its_question_and_keeps_its_visible_words(app):
    app.build()
    buttons = soup_of(app).select("#quiz-sample button.cart-check")
    names = [button["aria-label"] for button in buttons]
    assert names == [f"Check answer: question {n}" for n in range(1, 5)]
    for button in buttons:  # WCAG 2.5.3: the visible label starts the accessible name
        assert button["aria-label"].startswith(button.get_text())


@pytest.mark.sphinx("html", testroot="quiz-progress", freshenv=True)
def test_ordering_help_is_read_once_and_steps_keep_their_list_numbers(app):
    app.build()
    fieldset = soup_of(app).select_one("#quiz-sample-steps")
    steps = fieldset.select_one("ol.cart-steps")
    assert not steps.has_attr("aria-describedby")
    assert len(fieldset.select(".cart-ordering-help")) == 1
    for item in steps.select(":scope > li.cart-step"):
        assert item.select_one(":scope > .cart-step-body > .cart-step-text")


@pytest.mark.sphinx("html", testroot="quiz-progress", freshenv=True)
def test_a_quiz_whose_page_title_is_its_own_is_labelled_by_the_h1(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = soup_of(app, "quiz-page.html")
    h1s = soup.select("h1")
    assert len(h1s) == 1 and h1s[0].get_text().startswith("Self-check: Sample check")
    quiz = soup.select_one("section.cart-quiz")
    assert quiz.select("h1, h2, h3, h4, h5, h6") == []
    assert quiz["aria-labelledby"] == h1s[0]["id"]
    # Embedded in a topic page, the widget keeps its own heading.
    embedded = soup_of(app).select_one("section.cart-quiz")
    assert embedded.select_one(".cart-quiz-title").get_text() == "Self-check: Sample check"


@pytest.mark.parametrize("source", [markdown_source, rst_source])
def test_generated_quiz_pages_tell_the_directive_the_title_is_the_quizs(source):
    quiz = Quiz(
        id="x",
        title="X",
        category="risks",
        tier="simple",
        minutes=1,
        stage="treatment",
        objectives=(),
        questions=(),
        path=Path("x.yaml"),
    )
    assert ":page-title:" in source(quiz, "quiz")
    assert ":page-title:" not in source(quiz, "worksheet")
    assert ":page-title:" not in source(quiz, "answers")


@pytest.mark.sphinx("html", testroot="quiz-progress", freshenv=True)
def test_every_quiz_links_to_my_progress_and_the_page_works_without_scripts(app):
    app.build()
    link = soup_of(app).select_one("#quiz-sample .cart-progress-link a")
    assert link["href"] == "my-progress.html#my-progress"
    page = soup_of(app, "my-progress.html")
    view = page.select_one("div.cart-progress")
    assert "nothing is saved" in view.select_one("p.cart-progress-nojs").get_text()
    assert view.select_one(".cart-progress-app")["hidden"] is not None
    scripts = [s["src"].split("?")[0] for s in page.select("script[src]")]
    assert scripts[-2:] == ["_static/cart-storage.js", "_static/cart-progress.js"]


@pytest.mark.sphinx("text", testroot="quiz-progress", freshenv=True)
def test_other_builders_show_the_sentence_only(app):
    app.build()
    text = (Path(app.outdir) / "my-progress.txt").read_text(encoding="utf-8")
    assert "kept only in your web browser" in text


def test_the_catalogue_page_has_no_duplicate_id(built_site):
    """The filter paragraph and the page's `(quiz-catalog)=` label both had the id."""
    soup = BeautifulSoup(
        (built_site / "quiz-catalog.html").read_text(encoding="utf-8"), "html.parser"
    )
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
    assert soup.select_one("p.cart-catalog-filter a")["href"] == "#cart-quiz-catalog"
