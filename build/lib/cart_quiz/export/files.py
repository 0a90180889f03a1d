"""Where each export goes, and writing them all: one file per quiz and per format, plus one
file per format holding every quiz (a whole course in one import).

Every question of every quiz reaches every format; what a format cannot carry is said in
`CANNOT_CARRY` (for the educators' page, before downloading) and in the file itself."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from ..model import Quiz
from .gift import compose_gift, gift_text
from .h5p import h5p_bundle, h5p_package, h5p_parts_bundle
from .moodle import compose_moodle, moodle_xml
from .qti import compose_qti, qti_package

FORMATS = ("qti", "moodle", "moodle-legacy", "gift", "h5p")
FORMAT_NAMES = {
    "qti": "QTI 1.2 (Canvas)",
    "moodle": "Moodle XML (Moodle 4.4 and later)",
    "moodle-legacy": "Moodle XML (Moodle 3.x to 4.3)",
    "gift": "GIFT (Moodle)",
    "h5p": "H5P",
}
# What each format cannot carry, in plain words, for the educators' page.
CANNOT_CARRY = {
    "qti": (
        "Ordering questions become matching questions (match each step to its place). "
        "Hints are shown as the feedback after an answer that is not fully right, because "
        'Canvas quizzes have no hints. "I\'m not sure" is left out of questions with several '
        "right answers, because Canvas would count it as a wrong answer. Canvas settings: "
        "practice quiz, unlimited attempts (highest score kept), correct answers shown, "
        "unpublished until you publish it."
    ),
    "moodle": (
        "Nothing is lost. Ordering questions need the ordering question type, standard since "
        "Moodle 4.4; on older Moodle sites use the Moodle 3.x to 4.3 file."
    ),
    "moodle-legacy": (
        "Ordering questions become matching questions (match each step to its place); each "
        "step's feedback is in the general feedback, shown after the answer."
    ),
    "gift": (
        "Ordering questions become matching questions. GIFT has no hints: a hint is added to "
        "the feedback of each wrong answer (for ordering questions, to the general feedback)."
    ),
    "h5p": (
        "Hints are left out, because H5P's question types have tips for single options or "
        'gaps only. Ordering questions become drag-the-words tasks. "I\'m not sure" is left '
        "out of questions with several right answers, because H5P would count it as wrong. "
        "The site needs H5P's Question Set, Multiple Choice, True/False and Drag Text content "
        "types (Moodle gets them from the H5P hub)."
    ),
}
_SUFFIXES = {
    "qti": ".zip",
    "moodle": ".xml",
    "moodle-legacy": ".xml",
    "gift": ".txt",
    "h5p": ".h5p",
}
_BUNDLE_SUFFIXES = {**_SUFFIXES, "h5p": ".zip"}
_WRITERS: dict[str, Callable[[Sequence[Quiz]], bytes]] = {
    "qti": qti_package,
    "moodle": moodle_xml,
    "moodle-legacy": lambda quizzes: moodle_xml(quizzes, legacy=True),
    "gift": lambda quizzes: gift_text(quizzes).encode("utf-8"),
    "h5p": lambda quizzes: h5p_package(quizzes[0]),
}
_COMPOSERS: dict[str, Callable[[Sequence[bytes]], bytes]] = {
    "qti": compose_qti,
    "moodle": compose_moodle,
    "moodle-legacy": lambda files: compose_moodle(files, legacy=True),
    "gift": lambda files: compose_gift([data.decode("utf-8") for data in files]).encode("utf-8"),
}
ALL_QUIZZES = "all-quizzes"


def quiz_export_path(quiz_id: str, format_name: str) -> str:
    """`qti/crs-and-icans.zip`: relative to the export folder, with `/` separators."""
    return f"{format_name}/{quiz_id}{_SUFFIXES[format_name]}"


def all_quizzes_export_path(format_name: str) -> str:
    """`all-quizzes.qti.zip`: outside the per-format folders, so no quiz id can clash. For H5P
    a zip of one `.h5p` package per quiz (`all-quizzes.h5p.zip`)."""
    return f"{ALL_QUIZZES}.{format_name}{_BUNDLE_SUFFIXES[format_name]}"


def quiz_export(quiz: Quiz, format_name: str) -> bytes:
    """One quiz's file in one format."""
    return _WRITERS[format_name]([quiz])


def compose_all_quizzes(format_name: str, quiz_files: dict[str, bytes]) -> bytes:
    """The all-quizzes file from the one-quiz files (`quiz_export` bytes by quiz id), equal to
    the file written from the quizzes in one go: a build can keep the one-quiz files between
    builds and re-render only the quizzes that changed."""
    ordered = [quiz_files[quiz_id] for quiz_id in sorted(quiz_files)]
    if format_name == "h5p":
        return h5p_parts_bundle({quiz_id: quiz_files[quiz_id] for quiz_id in sorted(quiz_files)})
    return _COMPOSERS[format_name](ordered)


def all_quizzes_export(quizzes: Sequence[Quiz], format_name: str) -> bytes:
    """The all-quizzes file of one format, written in one go."""
    ordered = sorted(quizzes, key=lambda quiz: quiz.id)
    if format_name == "h5p":  # always a zip of one package per quiz, even for one quiz
        return h5p_bundle(ordered)
    return _WRITERS[format_name](ordered)


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
            files[all_quizzes_export_path(format_name)] = all_quizzes_export(ordered, format_name)
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
