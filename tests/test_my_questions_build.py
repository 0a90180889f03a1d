"""Building the "My questions" page: the static list readers get without JavaScript."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cart_quiz.loader import load_quiz_directory
from cart_quiz.suggestions import collect_suggestions, same_question_key
from conftest import copy_root, soup_of

ROOTS = Path(__file__).parent / "roots"
STATIC = Path(__file__).parent.parent / "extensions" / "cart_quiz" / "static"


def suggested(app) -> list[tuple[str, list[str]]]:
    """Each stage heading of the static list, with the questions under it."""
    section = soup_of(app, "my-questions.html").select_one(".cart-mq-suggested")
    return [
        (
            heading.get_text(strip=True),
            [
                item.select_one(".cart-mq-text").get_text(" ", strip=True)
                for item in heading.find_next_sibling("ol").select("li")
            ],
        )
        for heading in section.select("h3.cart-mq-stage-heading")
    ]


def _real_warnings(app) -> list[str]:
    return [
        line
        for line in app.warning.getvalue().splitlines()
        if line.strip() and "is already registered" not in line
    ]


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_static_list_is_grouped_by_stage_in_journey_order(app):
    app.build()
    assert _real_warnings(app) == []
    assert suggested(app) == [
        ("Deciding and referral", ["How long will I need a caregiver with me?"]),
        (
            "Treatment and the first weeks",
            [
                "Which temperature should make me call you?",
                "How long should I stay near the center?",
            ],
        ),
        ("Long-term follow-up", ["When may I drive again?"]),
    ]


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_a_question_asked_twice_is_listed_once_with_both_sources(app):
    app.build()
    items = soup_of(app, "my-questions.html").select(".cart-mq-suggestion")
    texts = [same_question_key(item["data-text"]) for item in items]
    assert len(texts) == len(set(texts)) == 4
    stay = next(item for item in items if "stay near" in item["data-text"])
    assert [a["href"] for a in stay.select(".cart-mq-from a")] == [
        "after.html#quiz-after-stay",
        "prepare.html#quiz-prepare-stay-near",
    ]


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_each_suggestion_links_to_the_question_it_comes_from(app):
    app.build()
    soup = soup_of(app, "my-questions.html")
    item = soup.select_one('.cart-mq-suggestion[data-source="prepare/quiz-prepare-caregiver"]')
    assert item["data-stage"] == "deciding"
    assert item.select_one(".cart-mq-text em").get_text() == "caregiver"  # MyST inline markup
    assert item["data-text"] == "How long will I need a caregiver with me?"
    link = item.select_one(".cart-mq-from a")
    assert link["href"] == "prepare.html#quiz-prepare-caregiver"
    assert link.get_text() == "Getting ready"
    target = BeautifulSoup(
        (Path(app.outdir) / "prepare.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert target.select_one("#quiz-prepare-caregiver")["data-ask"] == item["data-text"]
    # The script links saved questions to the same places.
    sources = json.loads(soup.select_one(".cart-my-questions")["data-cart-sources"])
    assert sources["after/quiz-after-fever"] == {
        "url": "after.html#quiz-after-fever",
        "title": "After the infusion",
    }


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_without_javascript_the_page_is_the_printable_list(app):
    app.build()
    root = soup_of(app, "my-questions.html").select_one(".cart-my-questions")
    assert root.select_one(".cart-mq-app").has_attr("hidden")
    assert root.select_one("h2#cart-mq-suggested-title").get_text() == "Suggested questions"
    privacy = root.select_one(".cart-mq-privacy").get_text()
    assert privacy == (
        "Your list is kept only in this browser, on this device: nothing is sent anywhere."
    )
    assert root.select_one(".cart-mq-date").get_text(strip=True).startswith("Date:")
    for item in root.select(".cart-mq-suggestion"):
        assert len(item.select(".cart-mq-lines .cart-mq-line")) == 3


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_every_control_has_a_label_and_ids_are_unique(app):
    app.build()
    soup = soup_of(app, "my-questions.html")
    root = soup.select_one(".cart-my-questions")
    for control in root.select("textarea, select, input"):
        assert root.select_one(f'label[for="{control["id"]}"]').get_text(strip=True)
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert root.select_one(".cart-mq-status")["role"] == "status"
    assert root.select_one(".cart-mq-alert")["role"] == "alert"
    stages = [key for key, _label in json.loads(root["data-cart-stages"])]
    assert stages == ["deciding", "collection", "treatment", "recovery", "long-term", "other"]


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_no_inline_script_or_style_for_a_strict_csp(app):
    app.build()
    root = soup_of(app, "my-questions.html").select_one(".cart-my-questions")
    assert not root.find_all(["script", "style"])
    for element in root.find_all(True):
        assert "style" not in element.attrs
        assert not [name for name in element.attrs if name.lower().startswith("on")]
    script = (STATIC / "cart-my-questions.js").read_text(encoding="utf-8")
    assert ".style" not in script and "innerHTML" not in script
    assert "window.confirm" not in script and "fetch(" not in script


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_assets_load_only_on_the_page_with_the_list(app):
    app.build()
    static = Path(app.outdir) / "_static"
    assert (static / "cart-my-questions.js").is_file()
    assert (static / "cart-my-questions.css").is_file()
    page = soup_of(app, "my-questions.html")
    assert page.select_one('script[src^="_static/cart-my-questions.js"]')
    assert page.select_one('link[href^="_static/cart-my-questions.css"]')
    for other in ("index.html", "prepare.html"):
        assert "cart-my-questions" not in (Path(app.outdir) / other).read_text(encoding="utf-8")


def test_print_stylesheet_hides_the_site_and_leaves_room_to_write():
    css = (STATIC / "cart-my-questions.css").read_text(encoding="utf-8")
    assert "@media print" in css
    print_rules = css.split("@media print", 1)[1]
    for furo_part in (".sidebar-drawer", ".toc-drawer", ".mobile-header", "footer"):
        assert furo_part in print_rules
    assert ".cart-mq-line" in print_rules and "border-bottom" in print_rules
    assert ".cart-mq-date { display: block" in print_rules
    assert "font-size: 18pt" in print_rules


@pytest.mark.sphinx(
    "html", testroot="my-questions", freshenv=True, confoverrides={"language": "es"}
)
def test_headings_follow_the_site_language(app):
    app.build()
    assert suggested(app)[0][0] == "Decidir y derivación"
    strings = json.loads(
        soup_of(app, "my-questions.html").select_one(".cart-my-questions")["data-cart-strings"]
    )
    assert {"edit", "moveUp", "moveDown", "delete", "copied", "storageFull"} <= set(strings)


@pytest.mark.sphinx("text", testroot="my-questions", freshenv=True)
def test_text_builder_prints_the_suggested_list(app):
    app.build()
    assert _real_warnings(app) == []
    text = (Path(app.outdir) / "my-questions.txt").read_text(encoding="utf-8")
    assert "Deciding and referral" in text
    assert "1. How long will I need a *caregiver* with me?" in text
    assert "From the self-check: After the infusion, Getting ready" in text
    assert text.index("Deciding and referral") < text.index("Long-term follow-up")


@pytest.mark.parametrize("builder", ["latex", "epub", "dirhtml", "singlehtml"])
def test_other_builders_build_the_page_cleanly(make_app, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root("my-questions", tmp_path))
    app.build()
    assert _real_warnings(app) == []


def test_dirhtml_links_reach_the_questions(make_app, tmp_path):
    app = make_app("dirhtml", srcdir=copy_root("my-questions", tmp_path))
    app.build()
    page = soup_of(app, "my-questions/index.html")
    link = page.select_one('.cart-mq-suggestion[data-source="after/quiz-after-fever"] a')
    assert link["href"] == "../after/#quiz-after-fever"


def test_using_the_directive_twice_on_a_page_is_a_warning(make_app, tmp_path):
    source = copy_root("my-questions", tmp_path)
    page = source / "my-questions.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{my-questions}\n```\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=source)
    app.build()
    assert "my-questions.md:11: WARNING: the {my-questions} directive is already on this page" in (
        app.warning.getvalue()
    )


def test_the_list_follows_a_quiz_to_its_new_page(make_app, tmp_path):
    source = copy_root("my-questions", tmp_path)
    app = make_app("html", srcdir=source)
    app.build()
    (source / "after.md").write_text(
        "# After the infusion\n\n(after-topic)=\n## Moved\n\nText.\n", encoding="utf-8"
    )
    (source / "prepare.md").write_text(
        (source / "prepare.md").read_text(encoding="utf-8") + "\n```{quiz} after\n```\n",
        encoding="utf-8",
    )
    future = time.time() + 2
    for name in ("after.md", "prepare.md"):
        os.utime(source / name, (future, future))
    app = make_app("html", srcdir=source)
    app.build()
    link = soup_of(app, "my-questions.html").select_one(
        '.cart-mq-suggestion[data-source="after/quiz-after-fever"] a'
    )
    assert link["href"] == "prepare.html#quiz-after-fever"


def test_collect_suggestions_keeps_the_earliest_stage_and_every_source():
    collection = load_quiz_directory(ROOTS / "test-my-questions" / "quizzes")
    grouped = collect_suggestions(collection.quizzes.values())
    assert list(grouped) == ["deciding", "treatment", "long-term"]
    stay = grouped["treatment"][1]
    assert stay.text == "How long should I stay near the center?"
    assert [source.key for source in stay.sources] == [
        "after/quiz-after-stay",
        "prepare/quiz-prepare-stay-near",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("When may I drive?", "when may i drive"),
        ("When  may I\ndrive?", "When may I drive?"),
        ("When may I drive?!", "When may I drive."),
    ],
)
def test_prompts_differing_only_in_case_spacing_or_final_punctuation_are_one(first, second):
    assert same_question_key(first) == same_question_key(second)


def test_different_prompts_stay_apart():
    assert same_question_key("When may I drive?") != same_question_key("When may I fly?")
