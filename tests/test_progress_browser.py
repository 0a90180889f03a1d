"""Progress the reader keeps (issue 16): answers remembered in this browser only, restored on
return, forgotten by Start over or Forget my answers, listed and printed on My progress; full,
disabled and corrupt storage never throw and never lose what cannot be read. Keyboard only,
in Debian's Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cart_quiz.progress import script_strings as progress_strings
from cart_quiz.translation import script_strings
from conftest import build_test_root, serve, tab_until

pytestmark = pytest.mark.browser

KEY = "cart-quiz-progress:sample"
BACKUP = "cart-quiz-progress-unreadable:sample"
QUOTA_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
STORAGE_DISABLED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
});
"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    outdir = build_test_root("quiz-progress", tmp_path_factory.mktemp("progress") / "html")
    with serve(outdir) as url:
        yield url


@pytest.fixture
def errors(page) -> list[str]:
    """Errors thrown by the page's scripts, each with its stack (which names the script)."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"{error}\n{error.stack}"))
    return found


def ours(errors: list[str]) -> list[str]:
    """Errors from this site's own scripts (Sphinx's and the theme's throw when storage is
    blocked; that is not ours to fix)."""
    return [error for error in errors if "cart-" in error]


def stored(page, key: str = KEY):
    return page.evaluate("key => localStorage.getItem(key)", key)


def answer_by_keyboard(page, choice_id: str) -> None:
    """Tab to a choice, pick it with Space, Tab to its Check answer button, press Enter."""
    tab_until(page, lambda e: e["id"] == choice_id)
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")


def status(page, question: str) -> str:
    return page.locator(f"#quiz-sample-{question} .cart-status").inner_text()


def test_answers_survive_a_reload_and_start_over_forgets_them(page, site, errors):
    page.goto(f"{site}/index.html")
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")  # right
    answer_by_keyboard(page, "quiz-sample-driving-choice-0")  # wrong
    saved = json.loads(stored(page))
    assert set(saved["questions"]) == {"first-sign", "driving"}
    assert saved["questions"]["first-sign"]["result"] == "correct"
    assert saved["questions"]["driving"]["chosen"] == [0]
    assert saved["title"] == "Sample check" and saved["total"] == 4

    page.reload()
    assert page.locator("#quiz-sample-first-sign-choice-0").is_checked()
    assert page.locator("#quiz-sample-driving-choice-0").is_checked()
    assert page.locator("#quiz-sample-driving").get_attribute("data-result") == "incorrect"
    assert status(page, "first-sign").startswith("Correct.")
    assert script_strings()["restoredAnswer"] in status(page, "first-sign")
    # Restored quietly, then live again for what the reader does next.
    page.wait_for_function(
        "() => document.querySelector('#quiz-sample-first-sign .cart-status')"
        ".getAttribute('role') === 'status'"
    )
    note = page.locator("#quiz-sample .cart-progress-note").inner_text()
    assert "2 of 4" in note
    assert "Score: 1 of 4" in page.locator("#quiz-sample .cart-score").inner_text()

    tab_until(page, lambda e: "cart-reset" in e["cls"])
    page.keyboard.press("Enter")
    assert stored(page) is None
    assert script_strings()["forgotten"] in page.locator("#quiz-sample .cart-summary").inner_text()
    page.reload()
    assert not page.locator("#quiz-sample-first-sign-choice-0").is_checked()
    assert page.locator("#quiz-sample-first-sign").get_attribute("data-result") is None
    assert errors == []


def test_try_again_forgets_that_answer_only(page, site):
    page.goto(f"{site}/index.html")
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    answer_by_keyboard(page, "quiz-sample-driving-choice-0")
    page.locator("#quiz-sample-driving .cart-retry").focus()
    page.keyboard.press("Enter")
    assert set(json.loads(stored(page))["questions"]) == {"first-sign"}


def test_the_order_of_the_steps_survives_a_reload(page, site):
    page.goto(f"{site}/index.html")
    tab_until(page, lambda e: "cart-move" in e["cls"] and e["text"] == "Move down")
    page.keyboard.press("Enter")
    order = page.eval_on_selector_all(
        "#quiz-sample-steps .cart-step", "items => items.map(i => i.dataset.position)"
    )
    page.locator("#quiz-sample-steps .cart-check").focus()
    page.keyboard.press("Enter")
    page.reload()
    assert (
        page.eval_on_selector_all(
            "#quiz-sample-steps .cart-step", "items => items.map(i => i.dataset.position)"
        )
        == order
    )


def test_a_saved_answer_that_no_longer_fits_the_quiz_is_ignored(page, site, errors):
    page.goto(f"{site}/index.html")
    bad = {
        "title": "Sample check",
        "total": 4,
        "questions": {
            "first-sign": {"result": "correct", "chosen": [9]},
            "steps": {"result": "correct", "order": [0, 0, 1, 2]},
            "gone": {"result": "correct", "chosen": [0]},
        },
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(bad)])
    page.reload()
    assert page.locator("#quiz-sample .cart-question[data-result]").count() == 0
    assert errors == []


def test_every_quiz_links_to_my_progress_by_keyboard(page, site):
    page.goto(f"{site}/index.html")
    tab_until(page, lambda e: e["tag"] == "a" and e["text"] == "My progress")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0].endswith("/my-progress.html")
    assert page.locator(".cart-progress-app").is_visible()


def fill_progress(page, site) -> None:
    """Answer two questions and save one question for the care team."""
    page.goto(f"{site}/index.html")
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    answer_by_keyboard(page, "quiz-sample-driving-choice-0")
    tab_until(page, lambda e: "cart-add-question" in e["cls"])
    page.keyboard.press("Enter")


def test_my_progress_lists_each_self_check_its_score_and_what_to_review(page, site, errors):
    fill_progress(page, site)
    page.goto(f"{site}/my-progress.html")
    view = page.locator(".cart-progress")
    assert page.locator(".cart-progress-nojs").is_hidden()
    quiz = view.locator(".cart-progress-quiz")
    assert quiz.locator("h2").inner_text() == "Sample check"
    text = quiz.inner_text()
    assert "Not finished" in text and "1 of 4 right" in text and "2 of 4 questions answered" in text
    assert "What is often the first sign?" in text
    assert "Your answer: A fever (Right)" in text
    assert "You may drive the day after your infusion." in text
    assert "Your answer: True (Not right)" in text
    review = quiz.locator(".cart-progress-review a")
    assert review.count() == 1 and review.get_attribute("href").endswith("other.html#other-topic")
    assert quiz.locator(".cart-progress-open a").get_attribute("href").endswith("/index.html")
    saved = view.locator(".cart-progress-saved")
    assert "When may I drive again?" in saved.inner_text()
    assert errors == []


def test_the_print_view_shows_results_and_saved_questions_and_no_buttons(page, site):
    fill_progress(page, site)
    page.goto(f"{site}/my-progress.html")
    page.evaluate("() => { window.print = () => {}; }")
    tab_until(page, lambda e: "cart-progress-print" in e["cls"])
    page.keyboard.press("Enter")
    page.emulate_media(media="print")
    assert page.locator(".cart-progress-buttons").first.is_hidden()
    assert page.locator(".cart-progress button:visible").count() == 0
    assert page.locator(".cart-progress-nojs").is_hidden()
    printed = page.locator(".cart-progress").inner_text()
    for words in (
        "Sample check",
        "What is often the first sign?",
        "Your answer: A fever (Right)",
        "Your answer: True (Not right)",
        "When may I drive again?",
        "It holds no name or personal data.",
    ):
        assert words in printed
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_forget_my_answers_clears_every_self_check_but_not_my_questions(page, site, errors):
    fill_progress(page, site)
    page.evaluate(
        "() => localStorage.setItem('cart-quiz-progress:other', "
        "JSON.stringify({title: 'Other', total: 1, questions: {q: {result: 'correct', number: 1,"
        " prompt: 'P', answers: ['A']}}}))"
    )
    page.goto(f"{site}/my-progress.html")
    assert page.locator(".cart-progress-quiz").count() == 2
    tab_until(page, lambda e: "cart-progress-forget" in e["cls"])
    page.keyboard.press("Enter")
    # It asks first, with the focus on the answer that forgets.
    assert page.evaluate("document.activeElement.className") == "cart-progress-confirm-yes"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "cart-progress-forget"
    assert page.locator(".cart-progress-alert").inner_text() == progress_strings()["forgotten"]
    assert page.locator(".cart-progress-quiz").count() == 0
    assert progress_strings()["none"] in page.locator(".cart-progress-results").inner_text()
    assert (
        page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('cart-quiz-progress'))"
        )
        == []
    )
    assert "When may I drive again?" in stored(page, "cart-my-questions")
    page.goto(f"{site}/index.html")
    assert page.locator("#quiz-sample .cart-question[data-result]").count() == 0
    assert errors == []


def test_full_storage_says_so_and_the_quiz_still_works(page, site, errors):
    page.add_init_script(QUOTA_FULL)
    page.goto(f"{site}/index.html")
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    text = status(page, "first-sign")
    assert text.startswith("Correct.") and script_strings()["progressFull"] in text
    assert errors == []


def test_disabled_storage_says_so_everywhere_and_nothing_throws(page, site, errors):
    page.add_init_script(STORAGE_DISABLED)
    page.goto(f"{site}/index.html")
    blocked = script_strings()["progressBlocked"]
    assert page.locator("#quiz-sample .cart-progress-note").inner_text() == blocked
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    assert status(page, "first-sign").startswith("Correct.")
    assert blocked in status(page, "first-sign")
    page.locator("#quiz-sample .cart-reset").focus()
    page.keyboard.press("Enter")
    assert (
        script_strings()["forgetFailed"] in page.locator("#quiz-sample .cart-summary").inner_text()
    )
    page.goto(f"{site}/my-progress.html")
    assert progress_strings()["blocked"] in page.locator(".cart-progress").inner_text()
    page.locator(".cart-progress-forget").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the confirmation's "Forget them"
    assert page.locator(".cart-progress-alert").inner_text() == progress_strings()["forgetFailed"]
    assert ours(errors) == []


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', "null", '{"questions": 3}'])
def test_corrupt_progress_is_never_overwritten_and_is_said_in_words(page, site, errors, raw):
    page.goto(f"{site}/index.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.reload()
    unreadable = script_strings()["progressUnreadable"]
    assert page.locator("#quiz-sample .cart-progress-note").inner_text() == unreadable
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    assert unreadable in status(page, "first-sign")
    assert stored(page) == raw
    page.goto(f"{site}/my-progress.html")
    alert = page.locator(".cart-progress-alert").inner_text()
    assert "(sample) could not be read" in alert
    assert stored(page) == raw
    # Forget my answers keeps a copy of what it could not read.
    page.locator(".cart-progress-forget").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the confirmation's "Forget them"
    assert stored(page) is None and stored(page, BACKUP) == raw
    assert errors == []


def test_start_over_on_corrupt_progress_keeps_a_copy(page, site):
    page.goto(f"{site}/index.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, "{not json"])
    page.reload()
    page.locator("#quiz-sample .cart-reset").focus()
    page.keyboard.press("Enter")
    assert stored(page) is None and stored(page, BACKUP) == "{not json"
    answer_by_keyboard(page, "quiz-sample-first-sign-choice-0")
    assert json.loads(stored(page))["questions"]["first-sign"]["result"] == "correct"


def test_without_javascript_my_progress_says_why_it_is_empty(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/my-progress.html")
    assert "nothing is saved" in page.locator(".cart-progress-nojs").inner_text()
    assert page.locator(".cart-progress-app").is_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", ["my-progress.html", "index.html", "quiz-page.html"])
def test_axe_finds_no_wcag_violation_with_saved_progress(browser, site, scheme, where):
    import axe_playwright_python

    axe = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    fill_progress(page, site)
    page.add_init_script(path=str(axe))
    page.goto(f"{site}/{where}")
    # The test root's theme (alabaster) has its own footer contrast problem: check ours.
    result = page.evaluate(
        "tags => axe.run({include: [['.cart-progress'], ['.cart-quiz']]},"
        " {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert found == []
    context.close()


def test_my_progress_lists_chosen_options_and_steps_in_the_readers_words(page, site):
    page.goto(f"{site}/index.html")
    tab_until(page, lambda e: e["id"] == "quiz-sample-signs-choice-0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    page.locator("#quiz-sample-steps .cart-check").focus()
    page.keyboard.press("Enter")
    steps = page.locator("#quiz-sample-steps .cart-step-text").all_inner_texts()
    page.goto(f"{site}/my-progress.html")
    text = page.locator(".cart-progress-quiz").inner_text()
    assert "Your answer: Confusion; Trouble speaking (Right)" in text
    assert "Your answer: " + " → ".join(steps) in text


def test_forget_my_answers_can_be_cancelled(page, site):
    fill_progress(page, site)
    page.goto(f"{site}/my-progress.html")
    tab_until(page, lambda e: "cart-progress-forget" in e["cls"])
    page.keyboard.press("Enter")
    confirm = page.locator(".cart-progress-confirm")
    assert confirm.is_visible() and confirm.get_attribute("role") == "group"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Enter")
    assert confirm.is_hidden()
    assert page.evaluate("document.activeElement.className") == "cart-progress-forget"
    assert stored(page) is not None
    assert page.locator(".cart-progress-quiz").count() == 1
