"""The export files in the built site: web builds (html, dirhtml, singlehtml) write each quiz in
every configured format into `quiz-exports/`, where the catalogue and the quiz pages link to
them, plus one file per format holding every quiz.

A rebuild does work only for what changed: it renders again the files of the quizzes whose
content changed (or whose file went missing) and composes the all-quizzes files from the
one-quiz files already in the output, so a one-quiz edit at 1,000 quizzes renders one quiz,
not 1,000. (No second copy of them is kept: on some file systems creating a file costs more
than rendering it.) A quiz whose file has the same modification time and size as at the
last build keeps its recorded digest, and a folder of exports whose modification time is
unchanged has lost no file. Files written before and no longer wanted (a quiz deleted or
renamed, a format dropped) are removed, so the folder always equals a clean build's.

What was written is recorded beside the doctrees in two parts: a small one (the setup,
including the translation catalog's time and size, one digest of every quiz file's time and
size, the folders' times) and each quiz's digest with the files written. A page edit reads
only the small one, finds nothing changed and does nothing else, whatever the number of
quizzes.

In the live preview the all-quizzes files are deferred (`cart_static.deferred`): a rebuild
that would compose them removes them instead, and the preview's server composes each with
`compose_deferred_bundle` when it is first requested.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from cart_static.deferred import defer, deferring
from sphinx.application import Sphinx

from .config import export_formats
from .export import all_quizzes_export_path, compose_all_quizzes, quiz_export, quiz_export_path
from .links import EXPORT_FOLDER
from .model import Quiz
from .nodes import INTERACTIVE_BUILDERS
from .store import ENV_VERSION, StoredQuiz, quiz_store

#: The small part of the record: what a build that changed no quiz compares, and no more.
RECORD = "cart_quiz_exports.json"
#: Each quiz's file stamp and content digest, and every file written.
QUIZZES_RECORD = "cart_quiz_exports_quizzes.json"


def _content_digest(quiz: Quiz) -> str:
    return hashlib.sha256(repr(quiz).encode("utf-8")).hexdigest()


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _folder_stamp(folder: Path) -> int | None:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


def _sources_digest(stamps: Mapping[str, list[int]]) -> str:
    """One digest of every published quiz's id and file stamp."""
    text = "\n".join(f"{quiz_id} {stamp}" for quiz_id, stamp in sorted(stamps.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_exports(
    quizzes: Mapping[str, Quiz],
    out: Path,
    formats: Iterable[str],
    *,
    only: Collection[str],
    bundles: bool,
) -> None:
    """Render the one-quiz files of the quizzes in `only` into `out`, then, with `bundles`,
    compose each all-quizzes file from the one-quiz files in `out`, rendering any missing.
    `quizzes` (by id) is looked up only for the quizzes rendered."""
    for name in formats:
        for quiz_id in sorted(only):
            relative = quiz_export_path(quiz_id, name)
            _write_if_changed(out / relative, quiz_export(quizzes[quiz_id], name))
        if not bundles or not quizzes:
            continue
        for quiz_id in quizzes:
            part = out / quiz_export_path(quiz_id, name)
            if not part.is_file():
                _write_if_changed(part, quiz_export(quizzes[quiz_id], name))
        _compose_bundle(out, name, quizzes)


def _compose_bundle(out: Path, name: str, quiz_ids: Iterable[str]) -> None:
    """Write the all-quizzes file of format `name` from the one-quiz files in `out`."""
    files = {quiz_id: (out / quiz_export_path(quiz_id, name)).read_bytes() for quiz_id in quiz_ids}
    _write_if_changed(out / all_quizzes_export_path(name), compose_all_quizzes(name, files))


def compose_deferred_bundle(out_dir: Path, doctree_dir: Path, path: str) -> None:
    """The preview's maker of an all-quizzes file (`path`, relative to the output) that a
    rebuild deferred: composed from the one-quiz files the last build recorded."""
    quiz_ids = _read_record(doctree_dir / QUIZZES_RECORD).get("quizzes", {})
    for name in _read_record(doctree_dir / RECORD).get("setup", {}).get("formats", []):
        if quiz_ids and path == f"{EXPORT_FOLDER}/{all_quizzes_export_path(name)}":
            _compose_bundle(out_dir / EXPORT_FOLDER, name, quiz_ids)


def _missing(out: Path, wanted: set[str], stamps: Mapping[str, int | None]) -> set[str]:
    """The wanted files no longer in `out`, looking only into folders changed since the last
    build (deleting a file changes its folder's modification time)."""
    missing = set()
    folders: dict[str, list[str]] = {}
    for relative in wanted:
        folders.setdefault(relative.rpartition("/")[0], []).append(relative)
    for folder, files in folders.items():
        if stamps.get(folder) is None or stamps[folder] != _folder_stamp(out / folder):
            missing.update(relative for relative in files if not (out / relative).is_file())
    return missing


def write_site_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in INTERACTIVE_BUILDERS:
        return
    formats = export_formats(app.config)
    store = quiz_store(app.env)
    quizzes = sorted(store.summaries(), key=lambda quiz: quiz.id)  # ids, not unpickled
    out = Path(app.outdir) / EXPORT_FOLDER
    doctree_dir = Path(app.doctreedir)
    files_stamps = {
        entry[1].id: list(entry[0])
        for entry in store.parsed.values()
        if isinstance(entry[1], StoredQuiz)
    }
    stamps = {quiz.id: files_stamps.get(quiz.id) for quiz in quizzes}
    setup = {
        "version": ENV_VERSION,
        "formats": list(formats),
        # As JSON keeps it: the catalog's [mtime_ns, size] when pages were read this build.
        "translation": None if store.translation_stamp is None else list(store.translation_stamp),
    }
    head = {"setup": setup, "sources": _sources_digest(stamps)}
    last = _read_record(doctree_dir / RECORD)
    folders_before = last.get("folders")
    if (
        {key: last.get(key) for key in head} == head
        and isinstance(folders_before, dict)
        and all(_folder_stamp(out / folder) == stamp for folder, stamp in folders_before.items())
    ):
        return  # no quiz, setting or translation changed and no file went missing
    record = _read_record(doctree_dir / QUIZZES_RECORD)
    same_setup = last.get("setup") == setup
    previous = record.get("quizzes", {}) if same_setup else {}
    known: dict[str, list] = {}
    for quiz in quizzes:
        before = previous.get(quiz.id)
        stamp = stamps[quiz.id]
        if isinstance(before, list) and stamp is not None and before[0] == stamp:
            known[quiz.id] = before
        else:
            known[quiz.id] = [stamp, _content_digest(store.quizzes[quiz.id])]
    digest = {quiz_id: value[1] for quiz_id, value in known.items()}
    digest_before = {
        quiz_id: value[1] for quiz_id, value in previous.items() if isinstance(value, list)
    }
    bundle_paths = {all_quizzes_export_path(name) for name in formats if quizzes}
    wanted = {
        *(quiz_export_path(quiz.id, name) for quiz in quizzes for name in formats),
        *bundle_paths,
    }
    written_before = set(record.get("files", []))
    for relative in written_before - wanted:
        (out / relative).unlink(missing_ok=True)
    missing = _missing(out, wanted, folders_before if same_setup and folders_before else {})
    changed = {
        quiz.id
        for quiz in quizzes
        if digest_before.get(quiz.id) != digest[quiz.id]
        or any(quiz_export_path(quiz.id, name) in missing for name in formats)
    }
    bundles = digest_before != digest or bool(bundle_paths & missing)
    defer_bundles = bundles and deferring()
    compose = bundles and not defer_bundles
    if formats and quizzes and (changed or bundles):
        write_exports(store.quizzes, out, formats, only=changed, bundles=compose)
    if defer_bundles:
        for relative in bundle_paths:
            (out / relative).unlink(missing_ok=True)
        maker = f"{__name__}:{compose_deferred_bundle.__name__}"
        defer(app, {f"{EXPORT_FOLDER}/{relative}": maker for relative in bundle_paths})
    if out.is_dir() and (missing or written_before - wanted):
        for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(out.iterdir()):
            out.rmdir()
    folders = sorted({relative.rpartition("/")[0] for relative in wanted})
    doctree_dir.mkdir(parents=True, exist_ok=True)
    (doctree_dir / QUIZZES_RECORD).write_text(
        json.dumps({"quizzes": known, "files": sorted(wanted)}), encoding="utf-8"
    )
    head["folders"] = {folder: _folder_stamp(out / folder) for folder in folders}
    (doctree_dir / RECORD).write_text(json.dumps(head), encoding="utf-8")


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", write_site_exports)
