"""Find the site's quizzes: load the quiz directory once per build, re-parsing only the
files that changed since the last load (what keeps incremental rebuilds fast).

Parsed quizzes are also kept on the build environment, which Sphinx saves between builds,
so a rebuild in a new process parses only the quiz files that changed: at 1,000 quizzes,
re-parsing them all cost more than everything else in a one-quiz rebuild (bench/run.py).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

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


@functools.cache
def _code_fingerprint() -> str:
    """Parsed quizzes kept by an older loader or model are not trusted."""
    digest = hashlib.sha256()
    for module in ("loader.py", "model.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def restore_parsed_quizzes(app: Sphinx) -> None:
    """Before anything loads quizzes: take the ones parsed by the last build (none after
    `-E`, which starts from a fresh environment)."""
    stored = getattr(app.env, "cart_quiz_parsed", None)
    if not stored or stored.get("code") != _code_fingerprint():
        return
    for path, entry in stored["quizzes"].items():
        _parsed.setdefault(path, entry)


def keep_parsed_quizzes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Store this site's parsed quizzes on the environment; broken files are not kept, so
    their problems are reported again by every build."""
    directory = quiz_directory(app.config, Path(app.srcdir))
    env.cart_quiz_parsed = {
        "code": _code_fingerprint(),
        "quizzes": {
            path: entry
            for path, entry in _parsed.items()
            if isinstance(entry[1], Quiz) and path.is_relative_to(directory)
        },
    }
