"""The "My questions" page in a real Chromium, used by keyboard only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_test_root, serve, tab_until
from conftest import focused as active

pytestmark = pytest.mark.browser

KEY = "cart-my-questions"
#: The browser's clock in tests that show today's date, so they never depend on the real one.
FIXED_NOW = "2026-03-14T12:00:00"
FIXED_DATE = "March 14, 2026"
TWO_QUESTIONS = [
    {
        "text": "Which temperature should make me call you?",
        "stage": "treatment",
        "source": "after/quiz-after-fever",
        "own": False,
        "added": "2026-11-25T10:00:00.000Z",
    },
    {
        "text": "Can my sister stay with me?",
        "stage": "treatment",
        "source": None,
        "own": True,
        "added": "2026-11-25T10:01:00.000Z",
    },
]

QUOTA_FULL = """
(() => {
  try { localStorage.setItem("cart-my-questions", %s); } catch (error) { return; }
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
})();
"""
STORAGE_DISABLED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
});
"""
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, "clipboard", {
  configurable: true, get: () => undefined,
});
document.execCommand = () => false;
"""
RECORD_PRINT = "window.print = () => { window.cartPrinted = (window.cartPrinted || 0) + 1; };"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_test_root("my-questions", tmp_path_factory.mktemp("my-questions") / "html")


@pytest.fixture(scope="module")
def site(built):
    with serve(built) as url:
        yield url


def saved(page):
    raw = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    return raw if raw is None else json.loads(raw)


def seed(page, url: str, value) -> None:
    """Put data in storage the way an earlier visit would have, then open the page."""
    raw = value if isinstance(value, str) else json.dumps(value)
    page.goto(url)
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    page.reload()


def listed(page) -> list[tuple[str, list[str]]]:
    """The saved list as the reader sees it: each stage heading with its questions."""
    groups = page.evaluate(
        """() => Array.from(document.querySelectorAll(".cart-mq-groups .cart-mq-stage-heading"))
             .map(h => [h.textContent, Array.from(h.nextElementSibling.children)
               .map(li => li.querySelector(".cart-mq-entry-text").textContent)])"""
    )
    return [(heading, questions) for heading, questions in groups]


def status(page) -> str:
    return page.locator(".cart-mq-status").inner_text().strip()


def alert(page) -> str:
    return page.locator(".cart-mq-alert").inner_text().strip()


def answer_by_keyboard(page, question: str, choice: int) -> None:
    """Pick a choice of a quiz question by keyboard, check it and save its question."""
    target = f"quiz-after-{question}-choice-0"
    tab_until(page, lambda e: e["id"] == target)
    for _ in range(choice):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_until(page, lambda e: "cart-check" in e["cls"])
    page.keyboard.press("Enter")
    tab_until(page, lambda e: "cart-add-question" in e["cls"])
    page.keyboard.press("Enter")
    status_text = page.locator(f"#quiz-after-{question} .cart-status").inner_text()
    assert status_text == "Added to My questions."


def add_own_question(page, text: str, stage_typed: str) -> None:
    tab_until(page, lambda e: e["id"] == "cart-mq-new-text")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert active(page)["id"] == "cart-mq-new-stage"
    page.keyboard.type(stage_typed)
    tab_until(page, lambda e: "cart-mq-add-button" in e["cls"])
    page.keyboard.press("Enter")


def test_questions_saved_in_a_quiz_show_on_the_my_questions_page(page, site):
    page.goto(f"{site}/after.html")
    answer_by_keyboard(page, "fever", choice=2)  # "I'm not sure"
    answer_by_keyboard(page, "driving", choice=0)  # "True": wrong
    page.goto(f"{site}/my-questions.html")
    assert listed(page) == [
        ("Treatment and the first weeks", ["Which temperature should make me call you?"]),
        ("Long-term follow-up", ["When may I drive again?"]),
    ]
    link = page.locator(".cart-mq-entry .cart-mq-from a").first
    assert link.inner_text() == "After the infusion"
    assert link.get_attribute("href") == "after.html#quiz-after-fever"
    suggestion = page.locator('.cart-mq-suggestion[data-source="after/quiz-after-fever"]')
    assert suggestion.locator(".cart-mq-suggest-add").inner_text() == "In My questions"


def test_own_question_add_edit_reorder_and_delete_by_keyboard(page, site):
    page.goto(f"{site}/my-questions.html")
    assert page.locator(".cart-mq-empty").is_visible()
    add_own_question(page, "Question A", "Tr")
    assert status(page) == (
        "Added “Question A” to My questions, under “Treatment and the first weeks”."
    )
    assert active(page)["id"] == "cart-mq-new-text"  # ready for the next one
    add_own_question(page, "Question B", "Tr")
    assert listed(page) == [("Treatment and the first weeks", ["Question A", "Question B"])]

    # Reorder: Move up on B keeps focus on that button, and says where B went.
    page.locator("#cart-mq-yours").focus()
    tab_until(page, lambda e: e["label"] == "Move up: Question B")
    page.keyboard.press("Enter")
    assert listed(page) == [("Treatment and the first weeks", ["Question B", "Question A"])]
    assert active(page)["label"] == "Move up: Question B"
    assert status(page) == (
        "Moved “Question B” to position 1 of 2 under “Treatment and the first weeks”."
    )
    page.keyboard.press("Enter")
    assert status(page) == "“Question B” is already first under “Treatment and the first weeks”."

    # Edit A: the field takes focus; Save returns focus to the question's Edit button.
    tab_until(page, lambda e: e["label"] == "Edit: Question A")
    page.keyboard.press("Enter")
    assert active(page)["tag"] == "textarea"
    page.keyboard.press("Control+A")
    page.keyboard.type("Question A, edited")
    page.keyboard.press("Tab")
    page.keyboard.type("Lo")  # "Long-term follow-up"
    tab_until(page, lambda e: e["text"] == "Save")
    page.keyboard.press("Enter")
    assert status(page) == "Saved your change."
    assert active(page)["label"] == "Edit: Question A, edited"
    assert listed(page) == [
        ("Treatment and the first weeks", ["Question B"]),
        ("Long-term follow-up", ["Question A, edited"]),
    ]

    # Escape leaves the editor without a change.
    page.keyboard.press("Enter")
    page.keyboard.type(" and more")
    page.keyboard.press("Escape")
    assert status(page) == "Nothing was changed."
    assert active(page)["label"] == "Edit: Question A, edited"

    # Delete B: focus lands on something sensible, never on <body>.
    tab_until(page, lambda e: e["label"] == "Delete: Question B", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert status(page) == "Deleted “Question B”."
    assert active(page)["tag"] != "body"
    assert [entry["text"] for entry in saved(page)] == ["Question A, edited"]
    assert saved(page)[0]["stage"] == "long-term" and saved(page)[0]["own"] is True


def test_an_empty_question_is_not_added(page, site):
    page.goto(f"{site}/my-questions.html")
    tab_until(page, lambda e: "cart-mq-add-button" in e["cls"])
    page.keyboard.press("Enter")
    assert status(page) == "Write your question in the box first."
    assert active(page)["id"] == "cart-mq-new-text"
    assert saved(page) is None


def test_suggested_question_is_added_once(page, site):
    page.goto(f"{site}/my-questions.html")
    label = "Add to My questions: When may I drive again?"
    tab_until(page, lambda e: e["label"] == label)
    page.keyboard.press("Enter")
    assert active(page)["label"] == "In My questions: When may I drive again?"
    page.keyboard.press("Enter")
    assert status(page) == "“When may I drive again?” is already in My questions."
    assert listed(page) == [("Long-term follow-up", ["When may I drive again?"])]


def test_clear_all_asks_in_the_page_and_manages_focus(page, site):
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    tab_until(page, lambda e: "cart-mq-clear" in e["cls"])
    page.keyboard.press("Enter")
    confirm = page.locator(".cart-mq-confirm")
    assert confirm.is_visible()
    assert confirm.get_attribute("role") == "group"
    assert "Delete every question in your list?" in confirm.inner_text()
    assert active(page)["text"] == "Cancel"
    page.keyboard.press("Escape")
    assert not confirm.is_visible()
    assert "cart-mq-clear" in active(page)["cls"]
    assert status(page) == "Nothing was deleted."
    assert len(saved(page)) == 2

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == "Yes, delete them all"
    page.keyboard.press("Enter")
    assert status(page) == "Your list is now empty."
    assert saved(page) == []
    assert listed(page) == []
    assert active(page)["id"] == "cart-mq-yours"


def test_copy_as_text_puts_the_list_on_the_clipboard(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.clock.set_fixed_time(FIXED_NOW)
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    tab_until(page, lambda e: e["text"] == "Copy as text")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.cart-mq-status').textContent.startsWith('Copied')"
    )
    assert status(page) == (
        "Copied your list. You can paste it into an email or a message to your care team."
    )
    text = page.evaluate("() => navigator.clipboard.readText()")
    lines = text.splitlines()
    assert lines[0] == "My questions for the care team"
    assert lines[1] == f"Date: {FIXED_DATE}"
    assert lines[2:] == [
        "",
        "Treatment and the first weeks",
        "1. Which temperature should make me call you?",
        "2. Can my sister stay with me?",
    ]


def test_copy_falls_back_to_selected_text(page, site):
    page.context.add_init_script(NO_CLIPBOARD)
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    tab_until(page, lambda e: e["text"] == "Copy as text")
    page.keyboard.press("Enter")
    box = page.locator("#cart-mq-copy-text")
    box.wait_for(state="visible")
    assert active(page)["id"] == "cart-mq-copy-text"
    value = box.input_value()
    assert "1. Which temperature should make me call you?\n2. Can my sister stay with me?" in value
    selection = page.evaluate(
        "() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]"
    )
    assert selection == [0, len(value)]
    assert status(page).startswith("Your browser did not let this page copy.")
    assert page.locator("label[for=cart-mq-copy-text]").inner_text() == "Your list as text"


def test_print_button_opens_the_print_dialog(page, site):
    page.context.add_init_script(RECORD_PRINT)
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    tab_until(page, lambda e: e["text"] == "Print")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.cartPrinted") == 1


PRINT_HIDDEN = [
    ".sidebar-drawer",
    ".toc-drawer",
    ".mobile-header",
    "footer",
    ".related-pages",
    ".cart-mq-privacy",
    ".cart-mq-toolbar",
    ".cart-mq-entry-actions",
    ".cart-mq-add",
    ".cart-mq-suggested",
    ".cart-mq-from",
    "article p:has(em)",  # the "Last reviewed" line
]


def test_print_shows_only_the_list_in_large_type_with_room_for_answers(page, site):
    page.clock.set_fixed_time(FIXED_NOW)
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN:
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print"
    assert not page.get_by_text("Bring these questions to your next visit.").is_visible()
    assert not page.locator("button:visible").count()
    assert page.locator("h1").is_visible()
    assert listed(page) == [
        (
            "Treatment and the first weeks",
            ["Which temperature should make me call you?", "Can my sister stay with me?"],
        )
    ]
    for entry in page.locator(".cart-mq-entry").all():
        assert entry.is_visible()
        assert entry.locator(".cart-mq-line").count() == 3
        assert entry.locator(".cart-mq-line").first.bounding_box()["height"] >= 30
    size = page.eval_on_selector(
        ".cart-mq-entry-text", "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 24  # 18pt
    printed_date = page.locator(".cart-mq-date")
    assert printed_date.is_visible()
    assert printed_date.inner_text() == f"Date: {FIXED_DATE}"
    page.emulate_media(media="screen")
    assert page.locator(".sidebar-drawer").is_visible()
    assert not printed_date.is_visible()


def test_print_with_an_empty_list_prints_the_suggested_questions(page, site):
    page.goto(f"{site}/my-questions.html")
    page.emulate_media(media="print")
    assert page.locator(".cart-mq-suggested").is_visible()
    assert not page.locator(".cart-mq-app").is_visible()
    assert page.locator(".cart-mq-suggestion").count() == 4
    assert not page.locator("button:visible").count()


def test_without_javascript_the_suggested_list_shows_and_prints(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/my-questions.html")
    assert not page.locator(".cart-mq-app").is_visible()
    assert page.locator("h2", has_text="Suggested questions").is_visible()
    headings = page.locator(".cart-mq-suggested h3").all_inner_texts()
    assert headings == [
        "Deciding and referral",
        "Treatment and the first weeks",
        "Long-term follow-up",
    ]
    assert page.locator(".cart-mq-suggestion").count() == 4
    assert page.locator(".cart-mq-privacy").is_visible()
    assert not page.locator("button:visible").count()
    page.emulate_media(media="print")
    assert page.locator(".cart-mq-suggestion").first.is_visible()
    assert page.locator(".cart-mq-date").inner_text().startswith("Date: ____")
    assert not page.locator(".sidebar-drawer").is_visible()
    context.close()


def test_full_storage_says_so_and_loses_nothing(page, site):
    page.context.add_init_script(QUOTA_FULL % json.dumps(json.dumps(TWO_QUESTIONS)))
    page.goto(f"{site}/my-questions.html")
    assert len(listed(page)[0][1]) == 2
    add_own_question(page, "A third question", "Tr")
    expected = (
        "This change was not saved: your browser’s storage for this site is full. "
        "Your list is as it was before. Copy it as text to keep it safe."
    )
    assert alert(page) == expected
    assert page.locator(".cart-mq-alert").get_attribute("role") == "alert"
    assert page.locator("#cart-mq-new-text").input_value() == "A third question"
    assert len(listed(page)[0][1]) == 2
    tab_until(page, lambda e: e["label"].startswith("Delete: Can my sister"), key="Shift+Tab")
    page.keyboard.press("Enter")
    assert alert(page) == expected
    assert len(listed(page)[0][1]) == 2
    assert active(page)["label"].startswith("Delete: Can my sister")
    assert saved(page) == TWO_QUESTIONS


def test_disabled_storage_says_so_and_still_lets_the_reader_make_a_list(page, site):
    page.context.add_init_script(STORAGE_DISABLED)
    page.goto(f"{site}/my-questions.html")
    assert alert(page).startswith("Your browser does not let this site save data")
    add_own_question(page, "Kept in this page only", "Tr")
    assert listed(page) == [("Treatment and the first weeks", ["Kept in this page only"])]
    assert alert(page).startswith("Your browser does not let this site save data")


def test_corrupt_data_is_shown_and_kept_until_the_reader_starts_again(page, site):
    raw = '[{"text": "Half a quest'
    seed(page, f"{site}/my-questions.html", raw)
    assert alert(page).startswith("Your saved list could not be read. Nothing in it has been")
    assert page.locator("#cart-mq-raw").input_value() == raw
    assert page.locator("label[for=cart-mq-raw]").is_visible()
    assert not page.locator(".cart-mq-add").is_visible()
    # Adding a suggestion must not overwrite what is stored.
    tab_until(page, lambda e: e["label"] == "Add to My questions: When may I drive again?")
    page.keyboard.press("Enter")
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw
    # Starting again needs an explicit yes; Escape keeps everything.
    page.locator("#cart-mq-raw").focus()
    tab_until(page, lambda e: e["text"] == "Start a new list")
    page.keyboard.press("Enter")
    assert active(page)["text"] == "Cancel"
    page.keyboard.press("Escape")
    assert active(page)["text"] == "Start a new list"
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == "Yes, start a new list"
    page.keyboard.press("Enter")
    assert saved(page) == []
    assert page.evaluate("() => localStorage.getItem('cart-my-questions-unreadable')") == raw
    assert page.locator("#cart-mq-raw").input_value() == raw  # still there to copy
    assert status(page).startswith("A new, empty list was started.")
    assert alert(page) == ""
    assert page.locator(".cart-mq-add").is_visible()


def test_unreadable_items_in_a_list_are_kept(page, site):
    stored = [TWO_QUESTIONS[0], 42, {"note": "no text"}]
    seed(page, f"{site}/my-questions.html", stored)
    assert alert(page) == (
        "Some saved items could not be read. They are kept as they were, but not shown."
    )
    assert listed(page) == [
        ("Treatment and the first weeks", ["Which temperature should make me call you?"])
    ]
    add_own_question(page, "One more", "Tr")
    assert saved(page)[:3] == stored
    assert saved(page)[3]["text"] == "One more"


def test_a_change_in_another_tab_shows_here(page, site):
    page.goto(f"{site}/my-questions.html")
    other = page.context.new_page()
    other.goto(f"{site}/after.html")
    answer_by_keyboard(other, "fever", choice=2)
    page.wait_for_function("() => document.querySelectorAll('.cart-mq-entry').length === 1")
    assert listed(page) == [
        ("Treatment and the first weeks", ["Which temperature should make me call you?"])
    ]


def test_works_when_opened_from_disk(browser, built):
    context = browser.new_context()
    page = context.new_page()
    page.goto((built / "after.html").as_uri())
    answer_by_keyboard(page, "fever", choice=2)
    page.goto((built / "my-questions.html").as_uri())
    assert listed(page) == [
        ("Treatment and the first weeks", ["Which temperature should make me call you?"])
    ]
    link = page.locator(".cart-mq-entry .cart-mq-from a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/after.html#quiz-after-fever")
    context.close()


def test_controls_show_focus_and_are_big_enough(page, site):
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    tab_until(page, lambda e: e["label"].startswith("Edit: "))
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] != "none" and style[1] >= 2
    controls = page.locator(".cart-my-questions button:visible, .cart-my-questions select")
    assert controls.count() > 10
    for control in controls.all():
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, control.inner_text()


def test_page_reflows_at_320_px(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    page.locator(".cart-mq-edit").first.click()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    for selector in (".cart-my-questions", ".cart-mq-editor", "#cart-mq-new-stage"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, selector
    context.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["list", "editing", "confirming", "unreadable", "empty"])
def test_axe_finds_no_wcag_violation_in_any_state(browser, site, scheme, state):
    import axe_playwright_python

    axe = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.add_init_script(path=str(axe))
    stored = {"unreadable": "{not json", "empty": []}.get(state, TWO_QUESTIONS)
    seed(page, f"{site}/my-questions.html", stored)
    if state == "editing":
        page.locator("button.cart-mq-edit").first.click()
    if state == "confirming":
        page.locator("button.cart-mq-clear").click()
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert found == []
    context.close()


@pytest.mark.parametrize("source", ["__proto__", "constructor", "toString", "hasOwnProperty"])
def test_a_saved_source_named_like_an_object_property_links_nowhere(page, site, source):
    """Issue 14 #11: `source: "__proto__"` showed "From the self-check: undefined"."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    stored = [
        {"text": "A question", "stage": "treatment", "source": source, "own": False},
        {**TWO_QUESTIONS[0]},
    ]
    seed(page, f"{site}/my-questions.html", stored)
    assert listed(page) == [
        ("Treatment and the first weeks", ["A question", TWO_QUESTIONS[0]["text"]])
    ]
    links = page.locator(".cart-mq-entry a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == "after.html#quiz-after-fever"
    assert "undefined" not in page.locator(".cart-mq-groups").inner_text()
    assert errors == []


@pytest.mark.parametrize("raw", ["{}", '"x"', "3", "null", '{"0": {"text": "kept"}}'])
def test_json_that_is_not_a_list_is_shown_and_kept(page, site, raw):
    seed(page, f"{site}/my-questions.html", raw)
    assert alert(page).startswith("Your saved list could not be read. Nothing in it has been")
    assert page.locator("#cart-mq-raw").input_value() == raw
    page.locator('.cart-mq-suggestion[data-source="after/quiz-after-fever"] button').click()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw


def test_a_list_made_unreadable_in_another_tab_is_not_overwritten(page, site):
    """The page re-reads before it writes: it never replaces data it cannot read."""
    seed(page, f"{site}/my-questions.html", TWO_QUESTIONS)
    # Another script (another tab, an old version of the site) stores something else,
    # without a storage event reaching this page.
    page.evaluate(f"() => Storage.prototype.setItem.call(localStorage, '{KEY}', '{{}}')")
    add_own_question(page, "A third question", "Tr")
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == "{}"
    assert alert(page).startswith("Your saved list could not be read.")
