"""Find the site's quizzes: load the quiz directory once per build, re-parsing only the
files that changed since the last load (what keeps incremental rebuilds fast)."""

from __future__ import annotations

from pathlib import Path

from sphinx.config import Config

from .loader import QuizCollection, QuizError, load_quiz, load_quiz_directory
from .model import Quiz

_parsed: dict[Path, tuple[tuple[int, int], Quiz | QuizError]] = {}


def quiz_directory(config: Config, srcdir: Path) -> Path:
    return (srcdir / config.quiz_directory).resolve()


def _load_if_changed(path: Path) -> Quiz:
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _parsed.get(path)
    if cached is None or cached[0] != key:
        try:
            cached = (key, load_quiz(path))
        except QuizError as error:
            cached = (key, error)
        _parsed[path] = cached
    if isinstance(cached[1], QuizError):
        raise cached[1]
    return cached[1]


def load_site_quizzes(config: Config, srcdir: Path) -> QuizCollection:
    """Every quiz of the site; unchanged files come from the cache of the last load."""
    return load_quiz_directory(quiz_directory(config, srcdir), load=_load_if_changed)


_loaded_for_site: dict[Path, QuizCollection] = {}


def refresh_site_quizzes(config: Config, srcdir: Path) -> QuizCollection:
    """Load the quizzes at the start of a build and remember them for the directives."""
    collection = load_site_quizzes(config, srcdir)
    _loaded_for_site[srcdir] = collection
    return collection


def site_quizzes(config: Config, srcdir: Path) -> QuizCollection:
    """The quizzes loaded for this build (loading them now if the build skipped that)."""
    collection = _loaded_for_site.get(srcdir)
    return collection if collection is not None else refresh_site_quizzes(config, srcdir)
