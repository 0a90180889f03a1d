"""Generated corpora: how the clean build grows from the smallest to the largest size (runs
alternated), one-quiz and one-page edits at each size, and the same content in the peers."""

from __future__ import annotations

import itertools
import shutil
from functools import partial
from pathlib import Path

from . import peers
from .corpus import name, write_corpus, write_exercise_corpus, write_mkdocs_corpus
from .edits import edit_inline_quiz, edit_page, edit_quiz
from .measure import Build, alternated, repeated, sphinx_build


class Corpus:
    """One generated corpus of this project's, built once clean before its edits."""

    def __init__(self, work: Path, size: int, theme: str) -> None:
        self.size, self.theme = size, theme
        self.source = write_corpus(work / f"corpus-{theme}-{size}", size, theme)
        self.out = work / f"corpus-{theme}-{size}-html"
        self.edits = itertools.count(1)

    def clean(self, run: int = 0) -> Build:
        shutil.rmtree(self.out, ignore_errors=True)
        return sphinx_build(self.source, self.out)

    def incremental(self, run: int = 0) -> Build:
        return sphinx_build(self.source, self.out)

    def after_quiz_edit(self, run: int = 0) -> Build:
        edit_quiz(self.source / "quizzes" / "synthetic-0001.yaml", next(self.edits))
        return self.incremental()

    def after_page_edit(self, run: int = 0) -> Build:
        edit_page(self.source / f"{name(2)}.md", next(self.edits))
        return self.incremental()

    def remove(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.source, ignore_errors=True)


def bench_scaling(work: Path, sizes: list[int], themes: list[str], repeat: int, say) -> dict:
    """Per theme: the clean build at the largest size against the smallest (per page,
    alternated), and one-quiz and one-page edits at each, the page edits alternated too."""
    results: dict = {}
    small_size, large_size = min(sizes), max(sizes)
    for theme in themes:
        small, large = Corpus(work, small_size, theme), Corpus(work, large_size, theme)
        say(f"{theme}: clean builds of {small_size} and {large_size} pages, alternated")
        growth = alternated(repeat, large.clean, small.clean, per_a=large_size, per_b=small_size)
        say(f"{theme}: one-quiz edits at {large_size} pages")
        quiz_edit = repeated(repeat, large.after_quiz_edit)
        say(f"{theme}: one-page edits at {large_size} and {small_size} pages, alternated")
        page_edit = alternated(repeat, large.after_page_edit, small.after_page_edit)
        results[theme] = {
            "sizes": [small_size, large_size],
            "clean_per_page": growth,
            "ms_per_page_cpu": {
                str(small_size): round(1000 * growth["b"]["cpu_s"]["median"] / small_size, 1),
                str(large_size): round(1000 * growth["a"]["cpu_s"]["median"] / large_size, 1),
            },
            "edit_one_quiz_large": quiz_edit,
            "edit_one_page": page_edit,
        }
        small.remove()
        large.remove()
    return results


def bench_peers(work: Path, size: int, repeat: int, say) -> dict:
    """This project (furo) and the peers on the same `size` pages: clean builds against
    mkdocs-material + mkdocs-quiz, edits in this project's preview server against
    `mkdocs serve --dirty`'s reload, and edits rebuilt by `sphinx-build` against
    sphinx-exercise's rebuild; each pair alternated."""
    have = peers.available()
    results: dict = {"size": size, "available": have}
    ours = Corpus(work, size, "furo")
    ours.clean()
    if have["mkdocs"]:
        root = write_mkdocs_corpus(work / f"mkdocs-{size}", size)
        say(f"peers: clean builds at {size} pages, alternated with mkdocs-material + mkdocs-quiz")
        results["clean_vs_mkdocs"] = alternated(
            repeat, ours.clean, lambda run: peers.mkdocs_build(root)
        )
        say("peers: one-quiz and one-page edits: this project's preview against mkdocs serve")
        with (
            peers.serving(partial(peers.mkdocs_serve, root)) as theirs,
            peers.serving(partial(peers.sphinx_preview, ours.source, ours.out)) as preview,
        ):
            page = root / "docs" / f"{name(1)}.md"
            other = root / "docs" / f"{name(2)}.md"
            quiz = ours.source / "quizzes" / "synthetic-0001.yaml"
            results["quiz_edit_vs_mkdocs"] = alternated(
                repeat,
                lambda run: preview.reload(partial(edit_quiz, quiz, next(ours.edits))),
                lambda run: theirs.reload(partial(edit_inline_quiz, page, next(ours.edits))),
            )
            results["page_edit_vs_mkdocs"] = alternated(
                repeat,
                lambda run: preview.reload(
                    partial(edit_page, ours.source / f"{name(2)}.md", next(ours.edits))
                ),
                lambda run: theirs.reload(partial(edit_page, other, next(ours.edits))),
            )
        shutil.rmtree(root, ignore_errors=True)
    if have["sphinx_exercise"]:
        source = write_exercise_corpus(work / f"exercise-{size}", size)
        out = work / f"exercise-{size}-html"
        say(f"peers: sphinx-exercise at {size} pages, clean build then edits, alternated")
        shutil.rmtree(out, ignore_errors=True)
        results["exercise_clean"] = repeated(1, lambda: sphinx_build(source, out))

        def exercise_edit(edit, page: str):
            def build(run: int) -> Build:
                edit(source / page, next(ours.edits))
                return sphinx_build(source, out)

            return build

        results["quiz_edit_vs_exercise"] = alternated(
            repeat, ours.after_quiz_edit, exercise_edit(edit_inline_quiz, f"{name(1)}.md")
        )
        results["page_edit_vs_exercise"] = alternated(
            repeat, ours.after_page_edit, exercise_edit(edit_page, f"{name(2)}.md")
        )
        shutil.rmtree(source, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    ours.remove()
    return results
