"""The quiz widget in a real Chromium, used by keyboard only."""

from __future__ import annotations

import json

import pytest
from conftest import build_test_root, serve, tab_until
from conftest import focused as active

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory):
    outdir = build_test_root("quiz-basic", tmp_path_factory.mktemp("quiz") / "html")
    with serve(outdir) as url:
        yield f"{url}/index.html"


def status(page, question: str) -> str:
    return page.locator(f"#quiz-sample-{question} .cart-status").inner_text()


def test_single_multiple_and_ordering_by_keyboard_with_announced_feedback(browser, quiz_url):
    page = browser.new_page()
    page.goto(quiz_url)

    # Single choice: Tab to the radio group, Space picks the first option.
    tab_until(page, lambda e: e["id"] == "quiz-sample-first-sign-choice-0")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    assert page.locator("#quiz-sample-first-sign .cart-status").get_attribute("role") == "status"
    text = status(page, "first-sign")
    assert text.startswith("Correct.")
    assert "Yes. Fever usually comes first." in text
    assert "Score: 1 of 4 correct so far." in text
    assert (
        page.locator("#quiz-sample-first-sign details.cart-answer").get_attribute("open")
        is not None
    )

    # Multiple select: both right boxes, by Tab and Space.
    tab_until(page, lambda e: e["id"] == "quiz-sample-signs-choice-0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert active(page)["id"] == "quiz-sample-signs-choice-1"
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    assert status(page, "signs").startswith("Correct.")
    assert "Score: 2 of 4" in status(page, "signs")

    # True/false, answered wrongly on purpose: arrow keys move within the radio group.
    tab_until(page, lambda e: e["id"] == "quiz-sample-driving-choice-0")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    assert status(page, "driving").startswith("Not quite.")
    assert "Not right. Wait at least 2 weeks." in status(page, "driving")

    # Ordering without drag and drop: Move up / Move down buttons keep focus on the step.
    tab_until(page, lambda e: "cart-move" in e["cls"])
    positions = page.eval_on_selector_all(
        "#quiz-sample-steps .cart-step", "items => items.map(i => Number(i.dataset.position))"
    )
    for target in range(len(positions)):
        current = positions.index(target)
        for _ in range(2 * current):
            page.keyboard.press("Tab")
        assert active(page)["text"] == "Move up"
        for _ in range(current - target):
            page.keyboard.press("Enter")
        positions.insert(target, positions.pop(current))
        for _ in range(2 * target):
            page.keyboard.press("Shift+Tab")
    moved = status(page, "steps")
    assert moved.startswith("Moved “") and "of 4." in moved
    assert page.eval_on_selector_all(
        "#quiz-sample-steps .cart-step", "items => items.map(i => Number(i.dataset.position))"
    ) == [0, 1, 2, 3]
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    assert status(page, "steps").startswith("Correct.")

    summary = page.locator("#quiz-sample .cart-summary").inner_text()
    assert "You got 3 of 4 right." in summary
    assert "To review:" in summary
    assert (
        page.locator("#quiz-sample .cart-summary a")
        .first.get_attribute("href")
        .endswith("other.html#other-topic")
    )
    page.close()


def test_focus_is_always_visible_on_quiz_controls(browser, quiz_url):
    page = browser.new_page()
    page.goto(quiz_url)
    tab_until(page, lambda e: e["id"] == "quiz-sample-first-sign-choice-0")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    tab_until(page, lambda e: "cart-check" in e["cls"])
    width = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert width >= 2
    size = page.locator("#quiz-sample-first-sign-choice-0").bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    page.close()


def test_unsure_is_not_wrong_and_offers_to_save_the_question(browser, quiz_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(quiz_url)
    tab_until(page, lambda e: e["id"] == "quiz-sample-first-sign-choice-0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert active(page)["id"] == "quiz-sample-first-sign-choice-2"
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    text = status(page, "first-sign")
    assert text.startswith("You chose “I’m not sure”. That is never scored as wrong.")
    assert "Score: 0 of 4" in text
    button = tab_until(page, lambda e: "cart-add-question" in e["cls"])
    assert button["text"] == "Add to My questions"
    page.keyboard.press("Enter")
    assert status(page, "first-sign") == "Added to My questions."
    saved = json.loads(page.evaluate("() => localStorage.getItem('cart-my-questions')"))
    assert saved[0]["text"] == "Which temperature should make me call you?"
    assert saved[0]["stage"] == "treatment"
    page.keyboard.press("Enter")
    assert status(page, "first-sign") == "This question is already in My questions."
    # Try again clears the answer and returns focus to the first option.
    tab_until(page, lambda e: "cart-retry" in e["cls"], key="Shift+Tab")
    page.keyboard.press("Enter")
    assert active(page)["id"] == "quiz-sample-first-sign-choice-0"
    assert status(page, "first-sign") == ""
    context.close()


def test_check_without_an_answer_asks_for_one(browser, quiz_url):
    page = browser.new_page()
    page.goto(quiz_url)
    page.locator("#quiz-sample-signs .cart-check").press("Enter")
    assert status(page, "signs") == "Choose an answer first, then check it."
    page.close()


def test_without_javascript_answers_are_readable(browser, quiz_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(quiz_url)
    assert not page.locator("#quiz-sample-first-sign .cart-check").is_visible()
    page.locator("#quiz-sample-first-sign details.cart-answer summary").click()
    assert (
        "Right answer: A fever"
        in page.locator("#quiz-sample-first-sign .cart-answer-body").inner_text()
    )
    context.close()


def test_quiz_reflows_at_320_px_without_horizontal_scrolling(browser, quiz_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(quiz_url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    quiz_box = page.locator("#quiz-sample").bounding_box()
    assert quiz_box["x"] >= 0 and quiz_box["x"] + quiz_box["width"] <= 320
    context.close()
