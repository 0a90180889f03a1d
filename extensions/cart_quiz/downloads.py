"""The export files in the built site: every web build (html, dirhtml, singlehtml) writes
each quiz as QTI, Moodle XML and GIFT into `quiz-exports/`, where the catalogue and the
quiz pages link to them.

A rebuild writes only what changed: the files of the quizzes whose content changed, and the
all-quizzes files when any did. At 1,000 quizzes, exporting everything again was most of a
one-quiz rebuild (bench/run.py). What was exported is recorded next to the doctrees.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

from .collection import site_quizzes
from .export import FORMATS, all_quizzes_export_path, quiz_export_path, write_exports
from .model import Quiz
from .worksheet import INTERACTIVE_BUILDERS

EXPORT_FOLDER = "quiz-exports"
EXPORTED_RECORD = "cart_quiz_exports.json"


def export_formats(app: Sphinx) -> tuple[str, ...]:
    """The configured formats, in the usual order, unknown names ignored (the config check
    warns about them)."""
    wanted = set(app.config.quiz_export_formats)
    return tuple(format_name for format_name in FORMATS if format_name in wanted)


@functools.cache
def _code_fingerprint() -> str:
    """Exports written by other export code are written again."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([package / "model.py", *(package / "export").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _content_digest(quiz: Quiz) -> str:
    return hashlib.sha256(repr(quiz).encode("utf-8")).hexdigest()


def _previous_record(path: Path, setup: dict) -> dict[str, str]:
    """The quizzes' digests at the last export with the same code and formats, or {}."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    same_setup = isinstance(record, dict) and record.get("setup") == setup
    return record.get("quizzes", {}) if same_setup else {}


def write_site_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in INTERACTIVE_BUILDERS:
        return
    formats = export_formats(app)
    quizzes = list(site_quizzes(app.config, Path(app.srcdir)).quizzes.values())
    if not (formats and quizzes):
        return
    out = Path(app.outdir) / EXPORT_FOLDER
    record_path = Path(app.doctreedir) / EXPORTED_RECORD
    setup = {"code": _code_fingerprint(), "formats": list(formats)}
    digests = {quiz.id: _content_digest(quiz) for quiz in quizzes}
    previous = _previous_record(record_path, setup)
    changed = {
        quiz.id
        for quiz in quizzes
        if previous.get(quiz.id) != digests[quiz.id]
        or not all((out / quiz_export_path(quiz.id, name)).is_file() for name in formats)
    }
    bundles = previous != digests or not all(
        (out / all_quizzes_export_path(name)).is_file() for name in formats
    )
    if changed or bundles:
        write_exports(quizzes, out, formats, only=changed, bundles=bundles)
    record_path.parent.mkdir(parents=True, exist_ok=True)
    record_path.write_text(json.dumps({"setup": setup, "quizzes": digests}), encoding="utf-8")
