"""The quiz widget and the My questions page share one storage module (cart-storage.js), and
no URL or stored value makes any of our scripts throw (issue 14 #8, #9, #11)."""

from __future__ import annotations

import json

import pytest
from cart_quiz.suggestions import same_question_key
from conftest import build_test_root, serve

pytestmark = pytest.mark.browser

KEY = "cart-my-questions"

SPELLINGS = [
    "Which temperature should make me call you?",
    "  which   TEMPERATURE\nshould make me\tcall you ?!.",
    "Straße?",
    "STRASSE",
    "ΣΊΣΥΦΟΣ?",
    "σίσυφος",
    "İstanbul",
    "a\u00a0b\u2003c\u3000d\x1ce\x85f",
    "a\ufeffb",
    "?!.",
    "   ",
    "",
    "ends with a space ? ",
    "question¿",
    "tab\tat the end\t?",
]

HOSTILE_STORED = [
    "{}",
    '"x"',
    "3",
    "null",
    "true",
    "[",
    "\u0000",
    "[" * 5000 + "]" * 5000,
    json.dumps([{"text": "x", "source": "__proto__", "stage": "__proto__", "own": "yes"}]),
    json.dumps([{"text": "y", "source": "constructor", "stage": "constructor"}]),
    json.dumps([{"text": {"toString": 1}}, {"text": ["a"]}, {"text": None}, {"__proto__": 1}]),
    '[{"__proto__": {"text": "polluted"}}, {"text": "z", "added": 1e999}]',
    json.dumps([{"text": "w" * 100_000, "stage": "treatment"}]),
    json.dumps([{"text": "<img src=x onerror=alert(1)>", "source": "after/quiz-after-fever"}]),
    json.dumps([{"text": "\ud800 lone surrogate", "stage": "other"}]),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    outdir = build_test_root("my-questions", tmp_path_factory.mktemp("scripts") / "html")
    with serve(outdir) as url:
        yield url


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def add_in_quiz(page, quiz: str, question: str, choice: int) -> str:
    page.locator(f"#quiz-{quiz}-{question}-choice-{choice}").check()
    page.locator(f"#quiz-{quiz}-{question} .cart-check").click()
    page.locator(f"#quiz-{quiz}-{question} .cart-add-question").click()
    return page.locator(f"#quiz-{quiz}-{question} .cart-status").inner_text()


def add_own(page, text: str) -> str:
    page.locator("#cart-mq-new-text").fill(text)
    page.locator(".cart-mq-add-button").click()
    return page.locator(".cart-mq-status").inner_text().strip()


def test_the_browser_and_the_build_agree_on_what_is_the_same_question(page, site):
    page.goto(f"{site}/my-questions.html")
    keys = page.evaluate("(texts) => texts.map(window.cartStorage.sameQuestionKey)", SPELLINGS)
    assert keys == [same_question_key(text) for text in SPELLINGS]


def test_a_question_saved_in_a_quiz_is_the_same_on_the_my_questions_page(page, site):
    """#8: the two scripts disagreed on duplicates, so a reader could get the same twice."""
    page.goto(f"{site}/prepare.html")
    assert add_in_quiz(page, "prepare", "stay-near", 1) == "Added to My questions."
    page.goto(f"{site}/my-questions.html")
    suggestion = page.locator('.cart-mq-suggestion[data-source="after/quiz-after-stay"]')
    assert suggestion.locator("button").inner_text() == "In My questions"
    status = add_own(page, "HOW LONG should I stay near the center ?!")
    assert status.endswith("is already in My questions.")
    page.goto(f"{site}/after.html")
    assert add_in_quiz(page, "after", "stay", 1) == "This question is already in My questions."
    saved = json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))
    # Saved as the reader saw it: runs of spaces in the YAML are one space on the page.
    assert [entry["text"] for entry in saved] == ["how long should I stay near the center"]


def test_an_own_question_counts_when_the_quiz_saves_the_same_one(page, site):
    page.goto(f"{site}/my-questions.html")
    assert add_own(page, "which temperature should make me call you").startswith("Added")
    page.goto(f"{site}/after.html")
    assert add_in_quiz(page, "after", "fever", 2) == "This question is already in My questions."


@pytest.mark.parametrize("raw", HOSTILE_STORED, ids=lambda raw: repr(raw[:20]))
def test_no_stored_value_makes_a_script_throw_or_lose_data(page, site, raw):
    errors = watch_errors(page)
    page.goto(f"{site}/my-questions.html")
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    is_list = True
    try:
        is_list = isinstance(json.loads(raw), list)
    except (ValueError, RecursionError):
        is_list = False

    page.reload()
    page.locator(".cart-mq-app").wait_for()
    assert "undefined" not in page.locator(".cart-mq-groups").inner_text()
    assert page.locator(".cart-mq-entry a[href*=undefined]").count() == 0
    page.goto(f"{site}/after.html")
    add_in_quiz(page, "after", "fever", 2)
    stored = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    if not is_list:
        assert stored == raw
    page.goto(f"{site}/my-questions.html")
    page.locator(".cart-mq-app").wait_for()
    assert errors == []


def test_without_the_storage_module_my_questions_keeps_its_no_script_form(page, site):
    errors = watch_errors(page)
    page.route("**/cart-storage.js*", lambda route: route.abort())
    page.goto(f"{site}/my-questions.html")
    page.wait_for_load_state("load")
    assert not page.locator(".cart-mq-app").is_visible()
    assert page.locator(".cart-mq-suggestion").first.is_visible()
    assert errors == []


STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
STORAGE_TAG = '<script defer="defer" src="_static/cart-storage.js'


def rewrite_pages(page, change) -> None:
    """Serve every HTML page changed by `change(body)`, under a strict CSP."""

    def handle(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        if not route.request.url.split("?")[0].endswith(".html"):
            route.fulfill(response=response, headers=headers)
            return
        route.fulfill(response=response, headers=headers, body=change(response.text()))

    page.route("**/*", handle)


def storage_tag(body: str) -> str:
    tag = body[body.index(STORAGE_TAG) :]
    return tag[: tag.index("</script>") + len("</script>")]


def without_storage_tag(body: str) -> str:
    return body.replace(storage_tag(body), "")


def test_the_pages_work_without_the_storage_module(page, site):
    """cart-storage.js is registered before the page scripts; if it ever fails to load, the
    quiz still checks answers and the list keeps its no-script form, with no error."""
    errors = watch_errors(page)
    rewrite_pages(page, without_storage_tag)
    page.goto(f"{site}/after.html")
    question = page.locator("#quiz-after-fever")
    question.locator("input").nth(0).check()
    question.locator(".cart-check").click()
    assert question.get_attribute("data-result")
    assert question.locator(".cart-add-question").is_hidden()
    page.goto(f"{site}/my-questions.html")
    assert page.locator(".cart-mq-app").is_hidden()
    assert page.locator(".cart-mq-suggestion").count() > 0
    assert errors == []


@pytest.mark.parametrize("name", ["after.html", "my-questions.html"])
@pytest.mark.parametrize(
    "ending", ["#%", "#%E0%A4%A", "?%=%#%", "?tier=<script>", "?" + "q=%E0%A4%A&" * 2000]
)
def test_any_url_leaves_the_quiz_and_the_list_working(page, site, name, ending):
    errors = watch_errors(page)
    page.goto(f"{site}/{name}{ending}")
    if name == "after.html":
        assert add_in_quiz(page, "after", "fever", 2) == "Added to My questions."
    else:
        assert add_own(page, "A question").startswith("Added")
    assert errors == []
