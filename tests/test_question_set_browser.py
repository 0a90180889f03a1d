"""A question set of the educator's own, in Chromium: picked on the catalogue by keyboard,
opened from its link as one self-check (scored by the quiz widget's own script), printed as a
worksheet or answer key; unknown ids reported in words; no uncaught exception for any link;
from disk; without JavaScript; axe in the four modes of test_a11y."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from test_a11y import AXE_TAGS, MODES, prepare, visit

pytestmark = pytest.mark.browser

FIRST = "what-is-car-t"


def picks(page) -> list[str]:
    return page.eval_on_selector_all("input.cart-set-pick", "boxes => boxes.map(b => b.value)")


def shown_numbers(page) -> list[str]:
    return [
        text.strip() for text in page.locator(".cart-quiz .cart-question-number").all_inner_texts()
    ]


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(".cart-quiz .cart-question", "f => f.map(x => x.id)")


@pytest.fixture(scope="module")
def chosen(browser, site_url) -> list[str]:
    """Three questions from two quizzes, in an order that is not the catalogue's."""
    page = browser.new_page()
    page.goto(f"{site_url}/quiz-catalog.html")
    values = picks(page)
    page.close()
    quizzes = sorted({value.split("/")[0] for value in values})
    assert len(values) >= 50 and len(quizzes) >= 5
    one = [value for value in values if value.startswith(f"{quizzes[-1]}/")]
    two = [value for value in values if value.startswith(f"{quizzes[0]}/")]
    return [one[1], two[0], one[0]]


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_an_educator_ticks_questions_and_gets_a_link_by_keyboard(page, site_url, chosen):
    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz-catalog.html")
    for key in chosen:
        box = page.locator(f'input.cart-set-pick[value="{key}"]')
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
        label = page.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
        assert label.startswith("Question ") and len(label) > 20
    assert page.locator(".cart-set-count").inner_text() == "3 questions chosen."
    page.get_by_role("button", name="Make a link to these questions").focus()
    page.keyboard.press("Enter")
    field = page.get_by_role("textbox", name="Link to your question set")
    assert page.evaluate("() => document.activeElement.id") == "cart-set-link"
    link = field.input_value()
    # Ticked in the catalogue's order: the link lists them as the page does.
    in_page = [value for value in picks(page) if value in chosen]
    assert link.endswith("/quiz-set.html?q=" + ",".join(in_page))
    page.goto(link)
    assert shown_ids(page) == [f"quiz-{key.replace('/', '-')}" for key in in_page]
    assert shown_numbers(page) == ["Question 1 of 3", "Question 2 of 3", "Question 3 of 3"]
    assert page.locator(".cart-set-title").inner_text() == "Question set: 3 questions"
    assert page.title().startswith("Question set: 3 questions")
    assert page.locator(".cart-set-needs-script").is_hidden()
    assert page.locator(".cart-set-pool, .cart-set-sheet-pool, .cart-set-key-pool").count() == 0
    assert page.locator(".cart-quiz").count() == 1
    assert errors == []


def test_the_set_is_scored_by_the_quiz_script_in_link_order(page, site_url, chosen):
    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz-set.html?q={','.join(chosen)}")
    assert shown_ids(page) == [f"quiz-{key.replace('/', '-')}" for key in chosen]
    first = page.locator(".cart-quiz .cart-question").first
    option = first.locator(".cart-choice-input, .cart-move").first
    option.focus()
    if option.get_attribute("type") in ("radio", "checkbox"):
        page.keyboard.press("Space")
    first.locator(".cart-check").focus()
    page.keyboard.press("Enter")
    assert "of 3 correct so far" in first.locator(".cart-status").inner_text()
    assert "of 3 correct so far" in page.locator(".cart-score").inner_text()
    assert errors == []


def test_repeated_q_parameters_as_the_form_sends_them_without_javascript(page, site_url, chosen):
    query = "&".join(f"q={quote(key)}" for key in chosen)
    page.goto(f"{site_url}/quiz-set.html?{query}")
    assert shown_ids(page) == [f"quiz-{key.replace('/', '-')}" for key in chosen]


@pytest.mark.parametrize("view", ["worksheet", "answers"])
def test_the_set_prints_as_a_worksheet_and_an_answer_key(page, site_url, chosen, view):
    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz-set.html?q={','.join(chosen)}&view={view}")
    items = page.locator(".cart-set-paper ol.cart-set-sheet > li")
    assert items.count() == 3
    assert page.locator(".cart-quiz").count() == 0
    heading = "Worksheet: " if view == "worksheet" else "Answer key: "
    assert page.locator(".cart-set-title").inner_text() == heading + "Question set: 3 questions"
    assert page.locator(".cart-name-line").is_visible() == (view == "worksheet")
    current = page.locator('.cart-set-views a[aria-current="page"]')
    assert current.inner_text() == (
        "Worksheet to print" if view == "worksheet" else "Answer key to print"
    )
    if view == "answers":
        assert items.first.locator(".cart-answer-prompt").count() == 1
        assert "Right answer:" in items.first.inner_text() or "The right order:" in (
            items.first.inner_text()
        )
    page.emulate_media(media="print")
    assert page.locator(".cart-set-views").is_hidden()
    assert page.locator(".sidebar-drawer").is_hidden()
    assert items.first.is_visible()
    page.emulate_media(media="screen")
    page.evaluate("() => { window.print = () => { window.cartPrinted = true; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.cartPrinted") is True
    assert errors == []


def test_unknown_ids_are_reported_in_words_and_the_known_ones_kept(page, site_url, chosen):
    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz-set.html?q={chosen[0]},{FIRST}/no-such-question,nonsense")
    assert shown_numbers(page) == ["Question 1 of 1"]
    status = page.locator(".cart-set-status").inner_text()
    assert "not found" in status
    assert f"“{FIRST}/no-such-question”" in status and "“nonsense”" in status
    assert page.locator(".cart-set-title").inner_text() == "Question set: 1 question"
    assert errors == []


def test_without_ids_the_page_explains_how_to_make_a_set(page, site_url):
    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz-set.html")
    assert "tick the questions you want" in page.locator(".cart-set-status").inner_text()
    assert page.locator(".cart-quiz, .cart-set-pool").count() == 0
    assert page.locator(".cart-set-title").is_hidden()
    assert errors == []


HOSTILE = [
    "?q=",
    "?q=,,,",
    "?q=%E0%A4%A",
    "?q=../../etc/passwd",
    '?q="]<img src=x onerror=alert(1)>/x',
    "?q=what-is-car-t/",
    "?q=/x",
    "?q=a/b/c",
    "?q=__proto__/constructor,constructor/prototype",
    "?q=what-is-car-t%2F%2A",
    "?view=answers",
    "?view=<script>&q=nope/nope",
    "?q=" + ",".join(["x/y"] * 2000),
    "#q=what-is-car-t/x",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_no_link_makes_an_uncaught_exception(page, site_url, query):
    errors = watch_errors(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_url}/quiz-set.html{query}")
    assert page.locator(".cart-set-status").inner_text().strip()
    assert page.locator(".cart-set-pool").count() == 0
    assert page.locator(".cart-quiz-set img").count() == 0
    assert errors == [] and dialogs == []


def test_it_works_when_opened_from_disk(browser, built_site, chosen):
    context = browser.new_context()
    page = context.new_page()
    errors = watch_errors(page)
    page.goto((built_site / "quiz-catalog.html").as_uri())
    page.locator(f'input.cart-set-pick[value="{chosen[0]}"]').check()
    page.get_by_role("button", name="Make a link to these questions").click()
    link = page.get_by_role("textbox", name="Link to your question set").input_value()
    assert link.startswith("file://")
    page.get_by_role("link", name="Open the set").click()
    page.wait_for_url(lambda url: "quiz-set.html?q=" in url)
    assert shown_numbers(page) == ["Question 1 of 1"]
    page.get_by_role("link", name="Answer key to print").click()
    page.wait_for_url("**view=answers")
    assert page.locator("ol.cart-set-sheet > li").count() == 1
    assert errors == []
    context.close()


def test_without_javascript_the_catalogue_is_a_list_and_the_form_still_links(
    browser, site_url, chosen
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/quiz-catalog.html")
    boxes = page.locator("input.cart-set-pick")
    assert boxes.count() >= 50 and boxes.first.is_visible()
    for key in chosen[:2]:
        page.locator(f'input.cart-set-pick[value="{key}"]').check()
    page.get_by_role("button", name="Make a link to these questions").click()
    page.wait_for_url(lambda url: "quiz-set.html?q=" in url)
    assert page.url.count("q=") == 2
    assert page.locator(".cart-set-needs-script").is_visible()
    assert page.locator(".cart-set-pool").is_hidden()
    context.close()


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
def test_axe_finds_no_violation_on_the_set_and_the_picker(browser, site_url, chosen, mode):
    import axe_playwright_python

    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    prepare(page, mode)
    page.context.add_init_script(script=axe)
    joined = ",".join(chosen)
    found = {}
    for view in (
        "quiz-catalog.html",
        f"quiz-set.html?q={joined}",
        f"quiz-set.html?q={joined}&view=worksheet",
        f"quiz-set.html?q={joined}&view=answers",
        f"quiz-set.html?q={chosen[0]},nope/nope",
        "quiz-set.html",
    ):
        visit(page, f"{site_url}/{view}")
        if view == "quiz-catalog.html":
            page.locator("input.cart-set-pick").first.check()
            page.get_by_role("button", name="Make a link to these questions").click()
        if view == f"quiz-set.html?q={joined}":
            page.locator(".cart-quiz .cart-check").first.click()
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        if violations:
            found[view] = violations
    assert found == {}
    context.close()


@pytest.mark.parametrize("quiz", ["crs-and-icans", FIRST])
@pytest.mark.parametrize("view", ["worksheet", "answers"])
def test_the_set_on_paper_says_what_the_quizs_own_worksheet_and_key_say(page, site_url, quiz, view):
    """The set page keeps each question once (its widget) and makes its worksheet and
    answer-key items from it: a set of a whole quiz reads word for word as that quiz's own
    worksheet or answer key (worksheet.py), ordering and multiple-choice questions too."""

    def words(texts: list[str]) -> list[str]:
        return [" ".join(text.split()) for text in texts]

    errors = watch_errors(page)
    page.goto(f"{site_url}/quiz/{quiz}.html")
    ids = page.eval_on_selector_all(".cart-question", "f => f.map(x => x.dataset.questionId)")
    types = set(
        page.eval_on_selector_all(".cart-question", "f => f.map(x => x.dataset.questionType)")
    )
    page.goto(f"{site_url}/quiz/{view}/{quiz}.html")
    own = words(page.locator("article ol:not(li ol) > li").all_inner_texts())
    page.goto(f"{site_url}/quiz-set.html?q={','.join(f'{quiz}/{i}' for i in ids)}&view={view}")
    assert words(page.locator("ol.cart-set-sheet > li").all_inner_texts()) == own
    assert len(own) == len(ids)
    if quiz == "crs-and-icans":
        assert {"ordering", "single"} <= types
    assert errors == []
