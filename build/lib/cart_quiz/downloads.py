"""The export files in the built site: web builds (html, dirhtml, singlehtml) write each quiz in
every configured format into `quiz-exports/`, where the catalogue and the quiz pages link to
them, plus one file per format holding every quiz.

A rebuild writes only what changed (the files of the quizzes whose content changed, and the
all-quizzes files when any did) and removes the files it wrote before and no longer writes (a
quiz deleted or renamed, a format dropped), so the folder always equals a clean build's. What
was written is recorded beside the doctrees (the environment is saved before writing ends).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

from .config import export_formats
from .export import all_quizzes_export_path, quiz_export_path, write_exports
from .links import EXPORT_FOLDER
from .model import Quiz
from .nodes import INTERACTIVE_BUILDERS
from .store import ENV_VERSION, quiz_store

RECORD = "cart_quiz_exports.json"


def _content_digest(quiz: Quiz) -> str:
    return hashlib.sha256(repr(quiz).encode("utf-8")).hexdigest()


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def write_site_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in INTERACTIVE_BUILDERS:
        return
    formats = export_formats(app.config)
    quizzes = sorted(quiz_store(app.env).quizzes.values(), key=lambda quiz: quiz.id)
    out = Path(app.outdir) / EXPORT_FOLDER
    record_path = Path(app.doctreedir) / RECORD
    record = _read_record(record_path)
    setup = {"version": ENV_VERSION, "formats": list(formats)}
    digests = {quiz.id: _content_digest(quiz) for quiz in quizzes}
    previous = record.get("quizzes", {}) if record.get("setup") == setup else {}
    bundle_paths = {all_quizzes_export_path(name) for name in formats if quizzes}
    wanted = {
        *(quiz_export_path(quiz.id, name) for quiz in quizzes for name in formats),
        *bundle_paths,
    }
    for relative in set(record.get("files", [])) - wanted:
        (out / relative).unlink(missing_ok=True)
    changed = {
        quiz.id
        for quiz in quizzes
        if previous.get(quiz.id) != digests[quiz.id]
        or not all((out / quiz_export_path(quiz.id, name)).is_file() for name in formats)
    }
    bundles = previous != digests or not all((out / path).is_file() for path in bundle_paths)
    if formats and quizzes and (changed or bundles):
        write_exports(quizzes, out, formats, only=changed, bundles=bundles)
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    record_path.parent.mkdir(parents=True, exist_ok=True)
    record_path.write_text(
        json.dumps({"setup": setup, "quizzes": digests, "files": sorted(wanted)}),
        encoding="utf-8",
    )


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", write_site_exports)
