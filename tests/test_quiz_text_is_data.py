"""Quiz text is data: whatever the host site enables (MyST substitutions, attributes), quiz
fields never evaluate, set attributes or fetch, and the page and every export agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, str]:
    """The profile root built strictly in its own process: (sources, output, warnings)."""
    source = copy_root("quiz-text-profile", tmp_path_factory.mktemp("profile"))
    out = source / "_build"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-n"]
    result = subprocess.run(
        [*command, str(source), str(out)],
        capture_output=True,
        text=True,
        cwd=source,
        check=False,
    )
    return source, out, ANSI.sub("", result.stderr)


def test_substitutions_in_quiz_text_are_shown_as_text_never_evaluated(built):
    source, out, _ = built
    quiz = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = quiz.select_one("#quiz-payloads").get_text(" ")
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{{ secret }}" in text and "SUBSTITUTED" not in text
    assert not (source / "PWNED").exists()
    assert not list(source.rglob("PWNED"))


def test_quiz_text_sets_no_id_class_or_attribute(built):
    _, out, _ = built
    quiz = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = quiz.select_one("#quiz-payloads")
    assert section.find(id=re.compile("evil")) is None
    assert section.select(".bad") == []
    assert "{#evil .bad}" in section.get_text()


def test_quiz_text_makes_no_page_request_another_host(built):
    _, out, _ = built
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for attribute in ("src", "srcset", "data", "poster", "background"):
                assert "other.example" not in str(element.get(attribute, "")), page
        assert not soup.select('img[src*="other.example"]'), page


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_a_picture_or_a_role_outside_the_profile_is_a_located_error(built):
    source, out, warnings = built
    quiz = source / "quizzes" / "pictures.yaml"
    picture, role = line_of(quiz, "![tracker]"), line_of(quiz, "{raw}")
    assert f"pictures.yaml:{picture}: WARNING: images are not allowed in quiz text" in warnings
    assert f"pictures.yaml:{role}: WARNING: the role {{raw}} is not allowed in quiz text" in (
        warnings
    )
    assert "Traceback" not in warnings
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "This self-check could not be loaded." in page


def test_the_page_and_the_exports_say_the_same(built):
    _, out, _ = built
    gift = (out / "quiz-exports" / "gift" / "payloads.txt").read_text(encoding="utf-8")
    moodle = (out / "quiz-exports" / "moodle" / "payloads.xml").read_text(encoding="utf-8")
    for exported in (gift, moodle):
        assert "49" not in exported and "SUBSTITUTED" not in exported
        assert "<img" not in exported and "&lt;img" in exported  # HTML in quiz text is text
    assert "{{ 7*7 }}" in moodle
    assert "\\{\\{ 7*7 \\}\\}" in gift  # GIFT escapes braces; a reader sees {{ 7*7 }}
