"""cart_quiz's configuration values and warnings: each declared once, typed and described,
checked when the configuration is read.

Every warning has the type `quiz` and a subtype from `QuizWarning` (or a lint code from
`cart_quiz.lint`), so a site can silence one kind with `suppress_warnings = ["quiz.<subtype>"]`
and a strict build (`-W`) fails on any other.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .export import FORMATS

logger = logging.getLogger(__name__)
WARNING_TYPE = "quiz"


class QuizWarning(StrEnum):
    """What a warning is about; `suppress_warnings` names them as `quiz.<value>`."""

    SCHEMA = "schema"  # a quiz file with mistakes (it is not published)
    UNKNOWN = "unknown"  # {quiz} names no quiz of the site
    EMBEDDED_TWICE = "embedded_twice"  # the same quiz twice on one page
    LEARN_MORE = "learn_more"  # learn_more names no label of the site
    MY_QUESTIONS = "my_questions"  # {my-questions} more than once on a page
    PAGES = "pages"  # generated quiz pages cannot be written
    CONFIG = "config"  # a configuration value cannot be used
    TRANSLATION = "translation"  # a quiz string untranslated or fuzzy in a complete language


def warn(message: str, subtype: str, location: Any = None) -> None:
    """Log one author-facing warning with its type, subtype and location."""
    logger.warning(message, type=WARNING_TYPE, subtype=str(subtype), location=location)


CONFIG_VALUES: tuple[tuple[str, Any, str, frozenset[type], str], ...] = (
    (
        "quiz_directory",
        "quizzes",
        "env",
        frozenset({str}),
        "Folder of the quiz YAML files, relative to the folder of conf.py.",
    ),
    (
        "quiz_pages_directory",
        "",
        "env",
        frozenset({str}),
        "Folder (inside the source folder) for a generated page, worksheet and answer key "
        "per quiz; empty for none.",
    ),
    (
        "quiz_export_formats",
        list(FORMATS),
        "html",
        frozenset({list, tuple}),
        f"Learning-system exports written into the built site: any of {', '.join(FORMATS)}.",
    ),
    (
        "quiz_complete_languages",
        [],
        "env",
        frozenset({list, tuple}),
        "Languages whose quiz translation the site declares complete: an untranslated or "
        "fuzzy quiz string in one of them is a warning (quiz.translation).",
    ),
)


def quiz_directory(app: Sphinx) -> Path:
    """The quiz folder, as conf.py's other paths: relative to the folder of conf.py."""
    return (Path(app.confdir) / app.config.quiz_directory).resolve()


def pages_directory(config: Config) -> str:
    """The generated pages' folder inside the source folder, or "" when they are off."""
    return str(config.quiz_pages_directory or "").strip("/")


def export_formats(config: Config) -> tuple[str, ...]:
    """The configured export formats cart_quiz knows, in its usual order."""
    wanted = set(config.quiz_export_formats)
    return tuple(name for name in FORMATS if name in wanted)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about export formats cart_quiz does not know (they are left out)."""
    for name in config.quiz_export_formats:
        if name in FORMATS:
            continue
        guess = difflib.get_close_matches(str(name), FORMATS, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        warn(
            f"quiz_export_formats: unknown format {name!r}; {hint}"
            f"known formats are: {', '.join(FORMATS)}",
            QuizWarning.CONFIG,
        )


def setup_config(app: Sphinx) -> None:
    for name, default, rebuild, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types, description=description)
    app.connect("config-inited", check_config)
