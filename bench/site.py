"""The real site: its clean build against the same pages with the tier and quiz directives
stripped, with and without PyStemmer, its rebuilds after real edits, and what its pages
weigh against the same text in plain furo (the words the directives show included:
`same_text`)."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

from .corpus import plain_furo, strip_extensions
from .edits import edit_page, edit_quiz, touch
from .measure import alternated, repeated, sphinx_build
from .same_text import add_missing_text

REPO = Path(__file__).resolve().parent.parent
#: Copied into the temporary folder: the site's sources and everything they refer to.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".nox", "_build", "bench-results", "__pycache__", "*.egg-info",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "test-results", "tests", "node_modules",
)  # fmt: skip
EDITED_QUIZ = "what-is-car-t"
EDITED_PAGE = "what-is-car-t.md"
MYST_EXTENSIONS = ["colon_fence", "deflist", "substitution", "attrs_inline", "attrs_block"]


def copy_sources(target: Path) -> Path:
    """A private copy of the repository's sources; returns its docs folder."""
    shutil.copytree(REPO, target, ignore=IGNORED)
    return target / "docs"


def _clean(docs: Path, out: Path, *extra: str, pystemmer: bool = False):
    def build(run: int = 0):
        shutil.rmtree(out, ignore_errors=True)
        return sphinx_build(docs, out, *extra, pystemmer=pystemmer)

    return build


def bench_real_site(work: Path, repeat: int, say) -> tuple[dict, Path, Path]:
    """The figures, a clean build of the site and one of the same text in plain furo."""
    docs = copy_sources(work / "repo")
    stripped = copy_sources(work / "stripped")
    strip_extensions(stripped)
    out = work / "html"
    figures: dict = {}
    say("real site: clean builds, alternated with the stripped pages")
    figures["clean_vs_stripped"] = alternated(
        repeat, _clean(docs, out), _clean(stripped, work / "stripped-html")
    )
    say("real site: clean builds with PyStemmer, alternated with without")
    figures["pystemmer"] = alternated(repeat, _clean(docs, out, pystemmer=True), _clean(docs, out))
    say("real site: clean builds, -j auto")
    figures["clean_parallel"] = repeated(repeat, _clean(docs, out, "-j", "auto"))
    say("real site: incremental rebuilds")
    _clean(docs, out)()
    quiz = docs.parent / "quizzes" / f"{EDITED_QUIZ}.yaml"
    incremental = partial(sphinx_build, docs, out)
    figures["rebuild_no_change"] = repeated(repeat, incremental)
    figures["rebuild_touch_one_quiz"] = repeated(repeat, incremental, partial(touch, quiz))
    figures["rebuild_edit_one_quiz"] = repeated(repeat, incremental, partial(edit_quiz, quiz))
    figures["rebuild_edit_one_page"] = repeated(
        repeat, incremental, partial(edit_page, docs / EDITED_PAGE)
    )
    final = work / "html-final"
    sphinx_build(docs, final, "-E")
    say("the same text in plain furo")
    plain = copy_sources(work / "plain")
    plain_furo(plain, MYST_EXTENSIONS)
    plain_out = work / "plain-html"
    sphinx_build(plain, plain_out)
    say("the same text in plain furo: the words the directives showed, as paragraphs")
    figures["plain_blocks_added"] = add_missing_text(
        final, plain, plain_out, partial(sphinx_build, plain, plain_out, "-E")
    )
    return figures, final, plain_out
