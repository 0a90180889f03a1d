"""The edits the bench times a rebuild after: real ones, as an author makes them."""

from __future__ import annotations

import os
import re
from pathlib import Path


def touch(path: Path, run: int = 0) -> None:
    """Set the file's modification time to now, as saving it unchanged in an editor would.
    Never a time in the future: Sphinx would then find the file newer than the pages it read
    in the next build too, and read them again."""
    os.utime(path)


def edit_quiz(path: Path, run: int) -> None:
    """A one-quiz edit: change the quiz title (a value every quiz has)."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(
        r"^title: (.*?)(?: \(edit \d+\))?$", rf"title: \1 (edit {run})", text, count=1,
        flags=re.MULTILINE,
    )  # fmt: skip
    assert count == 1, f"no title line in {path}"
    path.write_text(edited, encoding="utf-8")


def edit_page(path: Path, run: int) -> None:
    """A one-page edit: add a paragraph under the page's last-reviewed line (or at the end)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i + 1 for i, line in enumerate(lines) if "Last reviewed" in line), len(lines))
    lines.insert(at, f"\nA sentence added by the benchmark, run {run}.\n")
    path.write_text("".join(lines), encoding="utf-8")


def edit_inline_quiz(path: Path, run: int) -> None:
    """A one-quiz edit where the quiz is written in the page (the peers): change the first
    question's wording."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(r"(Which answer is right)(?: \(edit \d+\))?", rf"\1 (edit {run})",
                            text, count=1)  # fmt: skip
    assert count == 1, f"no question to edit in {path}"
    path.write_text(edited, encoding="utf-8")
