"""Snapshots of what authors and learning systems see, one per output, per test root
(sphinx-design's test_snippets.py is the model). A change to the markup shows up in review as a
diff of these files; regenerate them with `nox -s unit -- tests/test_snapshots.py
--force-regen` after checking the change is meant. Behaviour is tested elsewhere."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from bs4 import BeautifulSoup
from cart_quiz.export import quiz_export
from cart_quiz.loader import load_quiz
from conftest import soup_of


def pretty(node) -> str:
    return BeautifulSoup(str(node), "html.parser").prettify()


@pytest.mark.sphinx("html", testroot="quiz-basic", freshenv=True)
def test_quiz_widget(app, file_regression):
    app.build()
    file_regression.check(pretty(soup_of(app).select_one("section.cart-quiz")), extension=".html")


@pytest.mark.sphinx("text", testroot="quiz-basic", freshenv=True)
def test_worksheet_and_answer_key_as_text(app, file_regression):
    app.build()
    file_regression.check((app.outdir / "index.txt").read_text(encoding="utf-8"), extension=".txt")


@pytest.mark.sphinx("html", testroot="educators", freshenv=True)
def test_printable_worksheet_and_answer_key_pages(app, file_regression):
    app.build()
    sheets = [
        pretty(soup_of(app, f"quiz/{kind}/basics.html").select_one(".cart-printable"))
        for kind in ("worksheet", "answers")
    ]
    file_regression.check("\n".join(sheets), extension=".html")


@pytest.mark.sphinx("html", testroot="my-questions", freshenv=True)
def test_my_questions_list(app, file_regression):
    app.build()
    node = soup_of(app, "my-questions.html").select_one(".cart-my-questions")
    file_regression.check(pretty(node), extension=".html")


@pytest.mark.parametrize("format_name", ["gift", "moodle", "moodle-legacy", "qti", "h5p"])
def test_export(rootdir, format_name, file_regression):
    quiz = load_quiz(rootdir / "test-educators" / "quizzes" / "escapes.yaml")
    data = quiz_export(quiz, format_name)
    if format_name in ("qti", "h5p"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = sorted(package.namelist())
            parts = [f"== {name}\n{package.read(name).decode('utf-8')}" for name in names]
        text = "\n".join(parts)
        if format_name == "h5p":
            text = "\n".join(
                f"== {name}\n{json.dumps(json.loads(package_text), indent=1, sort_keys=True)}"
                for name, package_text in (part.split("\n", 1) for part in parts)
                if name.endswith(".json")
            )
    else:
        text = data.decode("utf-8")
    file_regression.check(text, extension=".txt", basename=f"export_{format_name}")
