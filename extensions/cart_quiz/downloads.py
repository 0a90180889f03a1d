"""The export files in the built site: every web build (html, dirhtml, singlehtml) writes
each quiz as QTI, Moodle XML and GIFT into `quiz-exports/`, where the catalogue and the
quiz pages link to them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .collection import site_quizzes
from .export import FORMATS, write_exports
from .worksheet import INTERACTIVE_BUILDERS

EXPORT_FOLDER = "quiz-exports"


def export_formats(app: Sphinx) -> tuple[str, ...]:
    """The configured formats, in the usual order, unknown names ignored (the config check
    warns about them)."""
    wanted = set(app.config.quiz_export_formats)
    return tuple(format_name for format_name in FORMATS if format_name in wanted)


def write_site_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in INTERACTIVE_BUILDERS:
        return
    formats = export_formats(app)
    quizzes = list(site_quizzes(app.config, Path(app.srcdir)).quizzes.values())
    if formats and quizzes:
        write_exports(quizzes, Path(app.outdir) / EXPORT_FOLDER, formats)
