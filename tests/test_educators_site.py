"""The real site's educator pages: the catalogue of every quiz in quizzes/, the pages and
exports built for each, and the educators page whose example quiz the tests build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from cart_quiz.export import export_contents
from cart_quiz.loader import load_quiz, load_quiz_directory
from conftest import DOCS, REPO

EXAMPLE = DOCS / "_examples" / "going-home-example.yaml"
SITE_QUIZZES = load_quiz_directory(REPO / "quizzes").quizzes


def soup_at(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_the_catalogue_lists_every_quiz_of_the_site(built_site):
    soup = soup_at(built_site, "quiz-catalog.html")
    entries = {
        entry["id"].removeprefix("quiz-catalog-") for entry in soup.select(".cart-catalog-entry")
    }
    assert entries == set(SITE_QUIZZES)
    categories = [section["id"] for section in soup.select("section.cart-catalog-category")]
    assert categories == [
        "quiz-category-understanding",
        "quiz-category-risks",
        "quiz-category-care-team",
    ]


def test_every_site_quiz_has_a_page_a_worksheet_an_answer_key_and_exports(built_site):
    for quiz_id, quiz in SITE_QUIZZES.items():
        page = soup_at(built_site, f"quiz/{quiz_id}.html")
        for question in quiz.questions:
            assert page.find("fieldset", id=f"quiz-{quiz_id}-{question.id}")
        assert soup_at(built_site, f"quiz/worksheet/{quiz_id}.html").select_one(".cart-printable")
        assert soup_at(built_site, f"quiz/answers/{quiz_id}.html").select_one(".cart-printable")
        for path in (f"qti/{quiz_id}.zip", f"moodle/{quiz_id}.xml", f"gift/{quiz_id}.txt"):
            assert (built_site / "quiz-exports" / path).is_file()


def test_every_site_quiz_is_embedded_in_a_topic_page(built_site):
    soup = soup_at(built_site, "quiz-catalog.html")
    for quiz_id in SITE_QUIZZES:
        entry = soup.select_one(f"#quiz-catalog-{quiz_id}")
        embedded = next(
            (dt for dt in entry.select("dt") if dt.get_text().startswith("Embedded in")), None
        )
        assert embedded is not None, quiz_id
        link = embedded.find_next_sibling("dd").select_one("a")
        assert link["href"].endswith(f".html#quiz-{quiz_id}")


def test_the_educators_page_explains_assigning_printing_exporting_and_writing(built_site):
    soup = soup_at(built_site, "educators.html")
    assert soup.h1.get_text().rstrip("#¶") == "For educators"
    article = soup.select_one("article")
    assert article.find(id="educators")
    text = article.get_text(" ", strip=True)
    assert re.search(r"Last reviewed: \d{1,2} [A-Z][a-z]+ 20\d\d", text)
    for section in ("educators-assign", "educators-print", "educators-export", "educators-write"):
        assert article.find(id=section), section
    assert "?tier=detail" in text and "#quiz-<quiz-id>-<question-id>" in text
    assert "GIFT has no way to write an ordering question" in text


def test_the_educators_page_shows_the_example_file_itself(built_site):
    code = soup_at(built_site, "educators.html").select_one("div.literal-block-wrapper pre")
    shown = code.get_text()
    assert shown.strip() == EXAMPLE.read_text(encoding="utf-8").strip()
    assert "educators-example" not in shown


def test_the_example_uses_every_question_type_and_labels_of_this_site():
    quiz = load_quiz(EXAMPLE)
    assert {question.type for question in quiz.questions} == {
        "single",
        "multiple",
        "true-false",
        "ordering",
    }
    labels = {
        match
        for page in DOCS.rglob("*.md")
        for match in re.findall(r"^\(([\w-]+)\)=$", page.read_text(encoding="utf-8"), re.M)
    }
    assert {question.learn_more for question in quiz.questions} <= labels
    assert export_contents([quiz])  # and it exports


def test_the_example_builds_strictly_into_a_working_quiz(make_app, rootdir, tmp_path):
    source = tmp_path / "example"
    shutil.copytree(rootdir / "test-educators-example", source)
    (source / "quizzes").mkdir()
    shutil.copy(EXAMPLE, source / "quizzes" / EXAMPLE.name)
    app = make_app("html", srcdir=source, freshenv=True)
    app.build()
    warnings = app.warning.getvalue().splitlines()
    assert [line for line in warnings if "already registered" not in line] == []
    soup = BeautifulSoup(
        (Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    quiz = soup.select_one("section.cart-quiz#quiz-going-home-example")
    types = [fieldset["data-question-type"] for fieldset in quiz.select("fieldset.cart-question")]
    assert types == ["single", "multiple", "true-false", "ordering"]
    assert (Path(app.outdir) / "quiz" / "answers" / "going-home-example.html").is_file()
