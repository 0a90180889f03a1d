"""The question set in the built HTML: a labelled checkbox per question on the catalogue, a
form that links to the set page without JavaScript, and a set page that holds every question
(widget, worksheet item, answer item) hidden, with its script before the quiz script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cart_quiz.loader import load_quiz_directory
from cart_quiz.text import to_plain

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def questions() -> list[tuple[str, str, str]]:
    """(quiz id, question id, plain prompt) of every question of the site."""
    collection = load_quiz_directory(ROOT / "quizzes")
    return [
        (quiz.id, question.id, " ".join(to_plain(question.prompt).split()))
        for quiz in collection.quizzes.values()
        for question in quiz.questions
    ]


def soup(built_site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")


def scripts(page: BeautifulSoup) -> list[str]:
    return [Path(tag["src"].split("?")[0]).name for tag in page.find_all("script", src=True)]


def test_the_catalogue_has_a_labelled_checkbox_per_question(built_site, questions):
    page = soup(built_site, "quiz-catalog.html")
    boxes = page.select("input.cart-set-pick")
    assert sorted(box["value"] for box in boxes) == sorted(f"{q}/{i}" for q, i, _ in questions)
    prompts = {f"{q}/{i}": prompt for q, i, prompt in questions}
    for box in boxes:
        assert box["type"] == "checkbox" and box["name"] == "q" and box["form"] == "cart-set-form"
        label = page.find("label", attrs={"for": box["id"]})
        text = " ".join(label.get_text().split()).replace("’", "'")
        assert text.startswith("Question ") and text.endswith(prompts[box["value"]])
    assert len({box["id"] for box in boxes}) == len(boxes)
    # Each quiz's boxes sit in a fieldset whose legend names the quiz.
    for fieldset in page.select("fieldset.cart-set-picker"):
        assert fieldset.legend.get_text().startswith("Questions in ")


def test_the_set_form_links_to_the_set_page_without_javascript(built_site):
    page = soup(built_site, "quiz-catalog.html")
    form = page.find("form", id="cart-set-form")
    assert form["action"] == "quiz-set.html" and form["method"] == "get"
    button = form.find("button")
    assert button["type"] == "submit" and button.get_text() == "Make a link to these questions"
    strings = json.loads(form["data-cart-set-strings"])
    assert "{count}" in strings["chosen"]
    assert scripts(page).index("cart-quiz-set.js") >= 0


def test_the_set_page_holds_every_question_hidden(built_site, questions):
    page = soup(built_site, "quiz-set.html")
    root = page.select_one("div.cart-quiz-set")
    pool = root.select_one(".cart-set-pool")
    assert pool.has_attr("hidden")
    assert len(pool.select(".cart-quiz.cart-set-source")) == len({q for q, _, _ in questions})
    fieldsets = {fieldset["id"] for fieldset in pool.select("fieldset.cart-question")}
    assert fieldsets == {f"quiz-{q}-{i}" for q, i, _ in questions}
    # The worksheet and answer-key items are made in the browser from each widget (its
    # prompt, options and answer), not kept a second and third time.
    assert root.select_one(".cart-set-sheet-pool, .cart-set-key-pool") is None
    for fieldset in pool.select("fieldset"):
        assert fieldset.select_one(".cart-question-prompt")
        assert fieldset.select_one(".cart-answer-body")
    assert "numberSteps" in json.loads(root["data-cart-set-strings"])
    assert "needs JavaScript" in root.select_one(".cart-set-needs-script").get_text()
    order = scripts(page)
    assert order.index("cart-quiz-set.js") < order.index("cart-quiz.js")


def test_the_set_page_is_not_a_page_that_embeds_the_quizzes(built_site):
    """The hidden questions are not uses of the quizzes: the catalogue's "used on" links
    and the quiz pages never name the set page."""
    page = soup(built_site, "quiz-catalog.html")
    links = [a["href"] for a in page.select(".cart-catalog-entry a[href]")]
    assert not [href for href in links if href.startswith("quiz-set.html")]
