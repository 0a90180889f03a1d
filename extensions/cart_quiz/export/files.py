"""Where each export goes, and writing them all: one file per quiz and per format, plus one
file per format holding every quiz (a whole course in one import)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from ..model import Quiz
from .gift import gift_text
from .moodle import moodle_xml
from .qti import qti_package

FORMATS = ("qti", "moodle", "gift")
FORMAT_NAMES = {"qti": "QTI 1.2 (Canvas)", "moodle": "Moodle XML", "gift": "GIFT"}
# Question types each format cannot express; they are left out of that format's files.
LEFT_OUT = {"qti": frozenset(), "moodle": frozenset(), "gift": frozenset({"ordering"})}
_SUFFIXES = {"qti": ".zip", "moodle": ".xml", "gift": ".txt"}
_WRITERS: dict[str, Callable[[Sequence[Quiz]], bytes]] = {
    "qti": qti_package,
    "moodle": moodle_xml,
    "gift": lambda quizzes: gift_text(quizzes).encode("utf-8"),
}
ALL_QUIZZES = "all-quizzes"


def quiz_export_path(quiz_id: str, format_name: str) -> str:
    """`qti/crs-and-icans.zip`: relative to the export folder, with `/` separators."""
    return f"{format_name}/{quiz_id}{_SUFFIXES[format_name]}"


def all_quizzes_export_path(format_name: str) -> str:
    """`all-quizzes.qti.zip`: outside the per-format folders, so no quiz id can clash."""
    return f"{ALL_QUIZZES}.{format_name}{_SUFFIXES[format_name]}"


def export_contents(
    quizzes: Sequence[Quiz],
    formats: Iterable[str] = FORMATS,
    *,
    only: Collection[str] | None = None,
    bundles: bool = True,
) -> dict[str, bytes]:
    """Every export file's bytes by its relative path. `only` limits the one-quiz files to
    those quiz ids and `bundles=False` leaves out the all-quizzes files, so a rebuild can
    write just what changed."""
    ordered = sorted(quizzes, key=lambda quiz: quiz.id)
    files: dict[str, bytes] = {}
    for format_name in formats:
        write = _WRITERS[format_name]
        for quiz in ordered:
            if only is None or quiz.id in only:
                files[quiz_export_path(quiz.id, format_name)] = write([quiz])
        if ordered and bundles:
            files[all_quizzes_export_path(format_name)] = write(ordered)
    return files


def write_exports(
    quizzes: Sequence[Quiz],
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    only: Collection[str] | None = None,
    bundles: bool = True,
) -> list[Path]:
    """Write the exports under `out_dir`, leaving files whose bytes did not change alone."""
    written = []
    for relative, data in export_contents(quizzes, formats, only=only, bundles=bundles).items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
