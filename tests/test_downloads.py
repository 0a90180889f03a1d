"""The all-quizzes export files are composed from the one-quiz files in the output: after a
one-quiz edit they equal a clean export of every quiz, a page edit renders no quiz, and a
deleted quiz leaves none of its files behind."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from cart_quiz import downloads
from cart_quiz.config import export_formats
from cart_quiz.export import export_contents
from cart_quiz.loader import load_quiz_directory


def _edit(path: Path, old: str, new: str, step: int) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stamp = time.time() + 2 + step
    os.utime(path, (stamp, stamp))


def _exports(outdir: Path) -> dict[str, bytes]:
    folder = outdir / downloads.EXPORT_FOLDER
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def test_bundles_equal_a_clean_export(make_app, rootdir, tmp_path, monkeypatch):
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-quiz-basic", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    formats = export_formats(app.config)

    rendered: list[str] = []
    real_export = downloads.quiz_export

    def counting_export(quiz, format_name):
        rendered.append(quiz.id)
        return real_export(quiz, format_name)

    monkeypatch.setattr(downloads, "quiz_export", counting_export)
    plain = srcdir / "plain.md"
    _edit(plain, plain.read_text(encoding="utf-8"), "# Plain\n\nNew text.\n", 0)
    make_app("html", srcdir=srcdir).build()
    assert rendered == []

    _edit(srcdir / "quizzes" / "sample.yaml", "A fever", "A high fever", 1)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert set(rendered) == {"sample"}
    quizzes = load_quiz_directory(srcdir / "quizzes").quizzes.values()
    assert _exports(Path(app.outdir)) == export_contents(list(quizzes), formats)

    # A one-quiz file removed from the output is written again, and the bundles still agree.
    exports = Path(app.outdir) / downloads.EXPORT_FOLDER
    for name in formats:
        (exports / downloads.quiz_export_path("second", name)).unlink()
    rendered.clear()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert set(rendered) == {"second"}
    assert _exports(Path(app.outdir)) == export_contents(list(quizzes), formats)

    (srcdir / "quizzes" / "second.yaml").unlink()
    second = srcdir / "second.md"
    _edit(second, "```{quiz} second\n```\n", "Text.\n", 2)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert not any("second" in name for name in _exports(Path(app.outdir)))
    quizzes = load_quiz_directory(srcdir / "quizzes").quizzes.values()
    assert _exports(Path(app.outdir)) == export_contents(list(quizzes), formats)
