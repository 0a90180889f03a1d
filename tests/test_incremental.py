"""An incremental build equals a clean build: after each step of a scripted sequence of edits,
renames, deletions and configuration changes, the output folder is byte for byte what a clean
build of the same sources writes, with the same warnings."""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_root

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Sphinx's build cache, never served (`.buildinfo.bak`: its backup when the config changes).
BUILD_CACHE = {".doctrees", ".buildinfo", ".buildinfo.bak"}


def build(source: Path, out: Path) -> str:
    """A build in its own process, as a maintainer runs it; its warnings, paths made relative."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", "-n"]
    result = subprocess.run(
        [*command, str(source), str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return ANSI.sub("", result.stderr).replace(str(source), "SRC")


def tree(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not BUILD_CACHE & set(path.relative_to(root).parts)
    }


def search_index(path: Path) -> dict:
    """The search index as search uses it. Two things Sphinx 9.0 does in any incremental
    build, with or without this project's extensions, are left out: it keeps general-index
    entries only for the pages it writes in that build (so entries of pages not rewritten
    are lost), and a removed page leaves its words behind as keys with no page."""
    text = path.read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index.pop("indexentries", None)
    for words in ("terms", "titleterms"):
        index[words] = {word: pages for word, pages in index[words].items() if pages != []}
    return index


def same(first: Path, second: Path) -> bool:
    if first.name == "searchindex.js":
        return search_index(first) == search_index(second)
    return filecmp.cmp(first, second, shallow=False)


def differences(first: Path, second: Path) -> list[str]:
    names_first, names_second = tree(first), tree(second)
    found = [f"only in the incremental build: {name}" for name in names_first - names_second]
    found += [f"only in the clean build: {name}" for name in names_second - names_first]
    found += [
        f"differs: {name}"
        for name in sorted(names_first & names_second)
        if not same(first / name, second / name)
    ]
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = time.time() + 2  # a later time than the last build saw, as an editor gives
    os.utime(path, (later, later))


def edit_steps(source: Path) -> list[tuple[str, Callable[[], None]]]:
    """The scripted sequence: edits, a broken and a fixed quiz, a rename with its embed and
    links, a deletion and configuration changes, each as (name, change)."""
    quizzes = source / "quizzes"
    (source / "links.md").write_text(
        "# Links\n\nSee {ref}`quiz-page-basics` and {ref}`quiz-answers-basics`.\n",
        encoding="utf-8",
    )
    edit(source / "index.md", "glossary\n```", "glossary\nlinks\n```")

    def rename_quiz() -> None:
        basics = quizzes / "basics.yaml"
        renamed = quizzes / "fundamentals.yaml"
        renamed.write_text(
            basics.read_text(encoding="utf-8").replace("id: basics", "id: fundamentals"),
            encoding="utf-8",
        )
        basics.unlink()
        edit(source / "topic.md", "{quiz} basics", "{quiz} fundamentals")
        edit(source / "links.md", "quiz-page-basics", "quiz-page-fundamentals")
        edit(source / "links.md", "quiz-answers-basics", "quiz-answers-fundamentals")

    def delete_quiz() -> None:
        (quizzes / "team.yaml").unlink()

    return [
        ("nothing changed", lambda: None),
        ("a quiz edited", lambda: edit(quizzes / "escapes.yaml", 'title: "', 'title: "New ')),
        ("a quiz broken", lambda: edit(quizzes / "escapes.yaml", "minutes:", "minutes: x")),
        ("a quiz fixed", lambda: edit(quizzes / "escapes.yaml", "minutes: x", "minutes:")),
        ("a quiz renamed, its embed and links too", rename_quiz),
        ("a quiz deleted", delete_quiz),
        (
            "one export format",
            lambda: edit(
                source / "conf.py",
                'quiz_pages_directory = "quiz"',
                'quiz_pages_directory = "quiz"\nquiz_export_formats = ["gift"]',
            ),
        ),
        (
            "the pages folder renamed",
            lambda: edit(source / "conf.py", 'directory = "quiz"\n', 'directory = "self-checks"\n'),
        ),
        ("the pages switched off", lambda: edit(source / "conf.py", '"self-checks"', '""')),
    ]


@pytest.mark.slow
def test_every_step_of_a_sequence_of_edits_equals_a_clean_build(tmp_path):
    source = copy_root("educators", tmp_path)
    steps = edit_steps(source)
    incremental = tmp_path / "incremental"
    build(source, incremental)
    for number, (name, change) in enumerate(steps, start=1):
        change()
        warnings = build(source, incremental)
        clean = tmp_path / f"clean-{number}"
        clean_warnings = build(source, clean)
        assert differences(incremental, clean) == [], f"after step {number}: {name}"
        assert warnings == clean_warnings, f"after step {number}: {name}"


def test_a_quiz_translation_edit_reaches_pages_and_exports_as_in_a_clean_build(tmp_path):
    """In a translated site the quizzes' text comes from `quiz-content.po`: editing one
    translation must read the pages showing that quiz again and render its export files
    again (they stayed in the old words until 4 December 2026)."""
    from cart_quiz.loader import load_quiz_directory
    from cart_quiz.quiz_catalog import po_path, update

    source = copy_root("my-questions", tmp_path)
    edit(source / "conf.py", 'language = "en"', 'language = "es"\nlocale_dirs = ["locale"]')
    update(load_quiz_directory(source / "quizzes").quizzes.values(), source / "locale", ["es"])
    po = po_path(source / "locale", "es")
    prompt = "What is often the first sign of a problem?"
    translated = f'msgid "{prompt}"\nmsgstr "¿Cuál suele ser la señal?"'
    edit(po, f'msgid "{prompt}"\nmsgstr ""', translated)
    incremental = tmp_path / "incremental"
    build(source, incremental)
    assert "¿Cuál suele ser la señal?" in (incremental / "after.html").read_text("utf-8")
    edit(po, "¿Cuál suele ser la señal?", "¿Cuál suele ser la primera señal?")
    warnings = build(source, incremental)
    for shown in ("after.html", "quiz-exports/gift/after.txt", "quiz-exports/all-quizzes.gift.txt"):
        text = (incremental / shown).read_text("utf-8")
        assert "primera señal" in text, f"{shown} kept the old translation"
    clean = tmp_path / "clean"
    assert build(source, clean) == warnings
    assert differences(incremental, clean) == []


def test_a_page_naming_a_quiz_not_yet_written_shows_it_once_its_file_comes(tmp_path):
    """`{quiz} later` before `quizzes/later.yaml` exists is a warning; creating the file
    must read the page again, as a clean build would show it."""
    source = copy_root("my-questions", tmp_path)
    (source / "later.md").write_text("# Later\n\n```{quiz} later\n```\n", encoding="utf-8")
    edit(source / "index.md", "after\n", "after\nlater\n")
    incremental = tmp_path / "incremental"
    assert "unknown quiz id 'later'" in build(source, incremental)
    quiz = (source / "quizzes" / "after.yaml").read_text(encoding="utf-8")
    (source / "quizzes" / "later.yaml").write_text(
        quiz.replace("id: after", "id: later"), encoding="utf-8"
    )
    warnings = build(source, incremental)
    assert "unknown quiz id" not in warnings
    assert 'class="cart-quiz' in (incremental / "later.html").read_text("utf-8")
    clean = tmp_path / "clean"
    assert build(source, clean) == warnings
    assert differences(incremental, clean) == []
