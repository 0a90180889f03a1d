"""Building sites with cart_quiz: the markup readers get, in every builder."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root, soup_of


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_html_quiz_is_a_form_of_labelled_native_controls(app):
    app.build()
    assert app.warning.getvalue() == ""
    quiz = soup_of(app).select_one("section.cart-quiz#quiz-sample")
    assert quiz["aria-labelledby"] == "quiz-sample-title"
    assert quiz.find(id="quiz-sample-title").get_text() == "Self-check: Sample check"
    fieldsets = quiz.select("fieldset.cart-question")
    assert [f["id"] for f in fieldsets] == [
        "quiz-sample-first-sign",
        "quiz-sample-signs",
        "quiz-sample-driving",
        "quiz-sample-steps",
    ]
    for fieldset in fieldsets:
        assert fieldset.legend.get_text(strip=True)
        for control in fieldset.select("input"):
            assert fieldset.select_one(f'label[for="{control["id"]}"]').get_text(strip=True)
    types = [[i["type"] for i in f.select("input")] for f in fieldsets]
    assert types[0] == ["radio"] * 3 and types[1] == ["checkbox"] * 3
    assert [label.get_text() for label in fieldsets[2].select("label")] == ["True", "False"]
    assert len(fieldsets[3].select("li.cart-step button.cart-move")) == 8


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_without_javascript_each_answer_is_behind_show_answer(app):
    app.build()
    first = soup_of(app).select_one("#quiz-sample-first-sign")
    answer = first.select_one("details.cart-answer")
    assert answer.summary.get_text() == "Show answer"
    text = answer.get_text(" ", strip=True)
    assert "Right answer: A fever . Yes. Fever usually comes first." in text
    assert "Not right: A rash" in text
    assert "The first sign is usually a fever." in text
    link = answer.select_one(".cart-learn-more a")
    assert link["href"] == "#sample-topic" and link.get_text() == "The topic"
    assert "Which temperature should make me call you?" in text
    # the interactive controls wait for the script
    assert first.select_one(".cart-actions").has_attr("hidden")
    steps = soup_of(app).select_one("#quiz-sample-steps details.cart-answer ol")
    assert [li.strong.get_text() for li in steps.select("li")] == [
        "Collect the cells",
        "Make the CAR T cells",
        "Chemotherapy to make room",
        "Infusion",
    ]


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_learn_more_links_work_across_pages(app):
    app.build()
    link = soup_of(app, "index.html").select_one("#quiz-sample-driving .cart-learn-more a")
    assert link["href"] == "other.html#other-topic"


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_assets_ship_with_the_extension_and_load_only_where_needed(app):
    app.build()
    static = Path(app.outdir) / "_static"
    assert (static / "cart-quiz.js").is_file() and (static / "cart-quiz.css").is_file()
    assert soup_of(app).select_one('script[src^="_static/cart-quiz.js"]')
    assert not soup_of(app, "plain.html").select_one('script[src*="cart-quiz"]')


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_prompts_accept_myst_inline_markup(app):
    app.build()
    legend = soup_of(app).select_one("#quiz-sample-first-sign legend")
    assert legend.select_one("strong").get_text() == "first"
    assert soup_of(app).select_one(".cart-quiz-objectives em").get_text() == "first"


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_html_builders_render_the_widget(make_app, rootdir, tmp_path, builder):
    from sphinx.testing.util import SphinxTestApp  # noqa: F401 (documents the fixture type)

    app = make_app(builder, srcdir=copy_root("quiz-basic", tmp_path))
    app.build()
    assert _real_warnings(app) == []
    page = "index.html"
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    assert 'id="quiz-sample-first-sign"' in html
    assert "cart-quiz.js" in html


def _real_warnings(app) -> list[str]:
    """Warnings, less the ones Sphinx gives when several apps share one test process."""
    return [
        line
        for line in app.warning.getvalue().splitlines()
        if line.strip() and "is already registered" not in line
    ]


@pytest.mark.sphinx("text", testroot="quiz-basic", freshenv=True)
def test_text_builder_prints_a_worksheet_with_the_answer_key_at_the_end(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    questions, key = text.split("Answer key: Sample check")
    assert "( ) A fever" in questions and "[ ] Confusion" in questions
    assert "Right answer" not in questions
    assert "Right answer: **A fever**. Yes. Fever usually comes first." in key
    assert "1. **Collect the cells**" in key
    assert "Learn more: The topic" in key
    assert "**A question for your care team:** Which temperature" in key


@pytest.mark.sphinx("latex", testroot="quiz-basic", freshenv=True)
def test_latex_builder_prints_a_worksheet(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Self\\sphinxhyphen{}check: Sample check" in tex or "Self-check: Sample check" in tex
    assert "Answer key" in tex
    assert "cart-quiz.js" not in tex


@pytest.mark.sphinx("epub", testroot="quiz-basic", freshenv=True)
def test_epub_gets_the_worksheet_not_the_script(app):
    app.build()
    page = (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")
    assert "Answer key: Sample check" in page
    assert "<input" not in page


@pytest.mark.sphinx("html", testroot="quiz-errors", freshenv=True)
def test_author_mistakes_are_warnings_at_the_yaml_line(app):
    app.build()
    warnings = app.warning.getvalue()
    assert (
        "broken.yaml:14: WARNING: unknown key 'corect' in option 1 of question 'q'; did "
        "you mean 'correct'?" in warnings
    )
    assert "broken.yaml:9: WARNING: question 'q' has no correct answer" in warnings
    assert "index.md:6: WARNING: unknown quiz id 'no-such-quiz'" in warnings
    assert (
        "dangling.yaml:16: WARNING: learn_more 'no-such-section' of question 'q' is not a "
        "label on this site" in warnings
    )
    # problems found when links resolve point at the quiz file too, not at the page
    assert "dangling.yaml:9: WARNING: term not in glossary: 'no-such-term'" in warnings
    assert "linked.yaml:13: WARNING: an answer text contains a link or glossary term" in warnings
    assert "Traceback" not in warnings
    assert "This self-check could not be loaded." in soup_of(app).get_text()


@pytest.mark.sphinx("html", testroot="quiz-hostile", freshenv=True)
def test_hostile_text_in_every_field_stays_inert(app):
    app.build()
    soup = soup_of(app)
    quiz = soup.select_one("section.cart-quiz")
    assert quiz is not None
    assert not quiz.find_all(["script", "img", "iframe", "object", "style"])
    for element in quiz.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")]
        for attribute in ("href", "src", "action", "formaction"):
            assert not str(element.get(attribute, "")).lower().startswith("javascript:")
    assert "<script>alert(1)</script>" in quiz.get_text()  # shown as text, never run
    page_scripts = [s.get("src", "") + s.get_text() for s in soup.find_all("script")]
    assert not any("alert(" in script for script in page_scripts)


@pytest.mark.sphinx("html", testroot="quiz-basic", srcdir="quiz-incremental")
def test_editing_a_quiz_rebuilds_exactly_the_pages_that_embed_it(app):
    app.build()
    outdir = Path(app.outdir)
    before = {
        page: (outdir / page).stat().st_mtime_ns
        for page in ("index.html", "other.html", "second.html", "plain.html")
    }
    time.sleep(0.01)
    quiz_file = Path(app.srcdir) / "quizzes" / "sample.yaml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("A fever", "A high fever"), encoding="utf-8"
    )
    future = time.time() + 2
    os.utime(quiz_file, (future, future))
    app.build()
    changed = {
        page for page, mtime in before.items() if (outdir / page).stat().st_mtime_ns != mtime
    }
    assert {"index.html", "other.html"} <= changed
    assert "second.html" not in changed and "plain.html" not in changed
    assert "A high fever" in (outdir / "other.html").read_text(encoding="utf-8")


def test_parallel_build_matches_serial_build(make_app, rootdir, tmp_path):
    serial = make_app("html", srcdir=copy_root("quiz-basic", tmp_path / "serial"))
    serial.build()
    parallel = make_app("html", srcdir=copy_root("quiz-basic", tmp_path / "parallel"), parallel=2)
    parallel.build()
    assert _real_warnings(parallel) == []
    for page in ("index.html", "other.html", "second.html"):
        a = BeautifulSoup((Path(serial.outdir) / page).read_text(encoding="utf-8"), "html.parser")
        b = BeautifulSoup((Path(parallel.outdir) / page).read_text(encoding="utf-8"), "html.parser")
        assert str(a.select_one("section.cart-quiz")) == str(b.select_one("section.cart-quiz"))


def test_two_builds_are_byte_identical(make_app, rootdir, tmp_path):
    outputs = []
    for name in ("first", "second"):
        app = make_app("html", srcdir=copy_root("quiz-basic", tmp_path / name))
        app.build()
        outputs.append((Path(app.outdir) / "index.html").read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True, confoverrides={"language": "es"})
def test_widget_strings_follow_the_site_language(app):
    app.build()
    quiz = soup_of(app).select_one("section.cart-quiz")
    assert quiz.select_one(".cart-check").get_text() == "Comprobar respuesta"
    assert quiz.select_one("details.cart-answer summary").get_text() == "Ver respuesta"
    assert "Pregunta 1 de 4" in quiz.get_text()
    assert "Correcto." in quiz["data-cart-strings"]


def test_the_same_quiz_twice_on_a_page_is_a_located_warning(make_app, tmp_path):
    source = copy_root("quiz-basic", tmp_path)
    page = source / "plain.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{quiz} sample\n```\n\n```{quiz} sample\n```\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=source)
    app.build()
    lines = page.read_text(encoding="utf-8").splitlines()
    second = max(number for number, line in enumerate(lines, 1) if line == "```{quiz} sample")
    assert f"plain.md:{second}: WARNING: the quiz 'sample' is already on this page" in (
        app.warning.getvalue()
    )
    html = (Path(app.outdir) / "plain.html").read_text(encoding="utf-8")
    assert html.count('id="quiz-sample"') == 1
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id on the page is unique"
