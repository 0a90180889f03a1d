"""cart_quiz in other hosts: a plain reStructuredText site, and a MyST site whose conf.py,
pages and quizzes live in different folders. Each builds strictly, gets working quizzes, and
finds no file in its sources that it did not ask for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import copy_root, searched_pages


def build(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q"]
    return subprocess.run(
        [*command, *extra, str(source), str(out)], capture_output=True, text=True, check=False
    )


def files_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_a_restructuredtext_site_gets_quizzes_and_rst_quiz_pages(tmp_path):
    source = copy_root("host-rst", tmp_path)
    result = build(source, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "lxml")
    quiz = page.select_one("section.cart-quiz#quiz-basics")
    assert [q["data-question-type"] for q in quiz.select("fieldset")] == ["single", "ordering"]
    assert quiz.select_one('.cart-answer-body a[href="glossary.html#term-leukapheresis"]')
    assert "*what*" in quiz.select_one(".cart-quiz-title").get_text()  # titles are plain text
    generated = sorted(path.name for path in (source / "quiz").rglob("*.rst"))
    assert generated == ["basics.rst", "basics.rst", "basics.rst"]
    assert not list((source / "quiz").rglob("*.md"))
    assert (tmp_path / "out" / "quiz" / "answers" / "basics.html").is_file()
    searched = searched_pages(tmp_path / "out")  # the quiz page, not its paper copies
    assert "quiz/basics" in searched
    assert not {"quiz/worksheet/basics", "quiz/answers/basics"} & searched


def test_a_site_without_quiz_pages_finds_nothing_new_in_its_sources(tmp_path):
    source = copy_root("host-rst", tmp_path)
    conf = source / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"quiz"', '""'), encoding="utf-8")
    before = files_under(source)
    result = build(source, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert files_under(source) == before


def test_quiz_directory_is_relative_to_the_folder_of_conf_py(tmp_path):
    root = copy_root("host-myst", tmp_path)
    before = files_under(root)
    result = build(root / "site", tmp_path / "out", "-c", str(root / "config"))
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one("section.cart-quiz#quiz-basics fieldset")
    assert files_under(root) == before
