"""Widget fixes found by independent checkers (issue 16), each checked in Chromium the way a
screen reader or keyboard user meets it."""

from __future__ import annotations

import pytest
from cart_quiz.translation import script_strings
from conftest import build_test_root, serve, tab_until
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory):
    outdir = build_test_root("quiz-basic", tmp_path_factory.mktemp("fixes") / "html")
    with serve(outdir) as url:
        yield f"{url}/index.html"


def steps(page) -> list[str]:
    return page.eval_on_selector_all(
        "#quiz-sample-steps .cart-step", "items => items.map(i => i.dataset.position)"
    )


def test_move_buttons_at_the_ends_are_disabled_accessibly_and_say_why(page, quiz_url):
    page.goto(quiz_url)
    items = page.locator("#quiz-sample-steps .cart-step")
    first_up = items.nth(0).locator('.cart-move[data-move="-1"]')
    last_down = items.nth(3).locator('.cart-move[data-move="1"]')
    assert first_up.get_attribute("aria-disabled") == "true"
    assert last_down.get_attribute("aria-disabled") == "true"
    assert items.nth(1).locator('.cart-move[data-move="-1"]').get_attribute("aria-disabled") is None
    before = steps(page)
    # Still focusable (focus never jumps away), and pressing it says why nothing moved.
    tab_until(page, lambda e: "cart-move" in e["cls"] and e["text"] == "Move up")
    first_text = items.nth(0).locator(".cart-step-text").inner_text()
    page.keyboard.press("Enter")
    assert steps(page) == before
    status = page.locator("#quiz-sample-steps .cart-status").inner_text()
    assert status == script_strings()["alreadyFirst"].format(step=first_text)
    last_down.focus()
    last_text = items.nth(3).locator(".cart-step-text").inner_text()
    page.keyboard.press("Enter")
    assert steps(page) == before
    status = page.locator("#quiz-sample-steps .cart-status").inner_text()
    assert status == script_strings()["alreadyLast"].format(step=last_text)
    # Moving the first step down: the states follow the new order.
    page.locator("#quiz-sample-steps .cart-step").nth(0).locator(
        '.cart-move[data-move="1"]'
    ).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-disabled')") is None
    moved_up = items.nth(1).locator('.cart-move[data-move="-1"]')
    assert moved_up.get_attribute("aria-disabled") is None
    assert items.nth(0).locator('.cart-move[data-move="-1"]').get_attribute("aria-disabled")


def test_the_right_and_wrong_icons_are_not_read_out(page, quiz_url):
    page.goto(quiz_url)
    tab_until(page, lambda e: e["id"] == "quiz-sample-first-sign-choice-0")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    status = page.locator("#quiz-sample-first-sign .cart-status")
    shown = page.evaluate(
        "() => getComputedStyle(document.querySelector("
        "'#quiz-sample-first-sign .cart-status'), '::before').content"
    )
    assert "✓" in shown  # still seen
    assert "✓" not in status.aria_snapshot()  # not heard
    tab_until(page, lambda e: e["id"] == "quiz-sample-driving-choice-0")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    assert "✗" not in page.locator("#quiz-sample-driving .cart-status").aria_snapshot()


def test_the_ordering_instructions_are_heard_once(page, quiz_url):
    page.goto(quiz_url)
    steps_list = page.locator("#quiz-sample-steps ol.cart-steps")
    expect(steps_list).to_have_accessible_description("")
    moves_help = page.locator("#quiz-sample-steps .cart-ordering-moves-help")
    expect(moves_help).to_be_visible()
    help_text = moves_help.inner_text().strip()
    assert help_text.startswith("Use the Move up")
    assert page.locator("#quiz-sample-steps").aria_snapshot().count(help_text) == 1


def test_each_check_answer_button_says_which_question(page, quiz_url):
    page.goto(quiz_url)
    quiz = page.locator("#quiz-sample")
    for number in range(1, 5):
        button = quiz.get_by_role("button", name=f"Check answer: question {number}", exact=True)
        expect(button).to_have_count(1)
        expect(button).to_have_text("Check answer")


def test_ordering_steps_show_visible_numbers(page, quiz_url):
    page.goto(quiz_url)
    styles = page.eval_on_selector_all(
        "#quiz-sample-steps .cart-step",
        "items => items.map(i => [getComputedStyle(i).display, getComputedStyle(i).listStyleType])",
    )
    assert styles == [["list-item", "decimal"]] * 4
    box = page.locator("#quiz-sample-steps .cart-step").first.bounding_box()
    list_box = page.locator("#quiz-sample-steps .cart-steps").bounding_box()
    assert box["x"] - list_box["x"] >= 16  # room for the number to the left of the step
