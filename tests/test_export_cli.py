"""`python -m cart_quiz export`: what `nox -s export` runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cart_quiz.__main__ import main
from cart_quiz.export import CANNOT_CARRY, FORMAT_NAMES, FORMATS

ROOTS = Path(__file__).parent / "roots"
QUIZZES = ROOTS / "test-educators" / "quizzes"
EXPECTED = {
    "all-quizzes.qti.zip",
    "all-quizzes.moodle.xml",
    "all-quizzes.moodle-legacy.xml",
    "all-quizzes.gift.txt",
    "all-quizzes.h5p.zip",
    *(f"qti/{name}.zip" for name in ("basics", "escapes", "team")),
    *(f"moodle/{name}.xml" for name in ("basics", "escapes", "team")),
    *(f"moodle-legacy/{name}.xml" for name in ("basics", "escapes", "team")),
    *(f"gift/{name}.txt" for name in ("basics", "escapes", "team")),
    *(f"h5p/{name}.h5p" for name in ("basics", "escapes", "team")),
}


def written(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_export_writes_every_format_per_quiz_and_for_all_quizzes(tmp_path, capsys):
    assert main(["export", str(QUIZZES), "--out", str(tmp_path)]) == 0
    assert written(tmp_path) == EXPECTED
    out = capsys.readouterr().out
    assert "3 quiz(zes) exported" in out
    assert "question(s), which the format cannot express" not in out
    assert "GIFT (Moodle): Ordering questions become matching questions." in out


def test_one_format_can_be_chosen(tmp_path):
    assert main(["export", str(QUIZZES), "--out", str(tmp_path), "--format", "gift"]) == 0
    assert written(tmp_path) == {name for name in EXPECTED if "gift" in name}


def test_every_format_says_what_it_cannot_carry():
    assert set(CANNOT_CARRY) == set(FORMATS) == set(FORMAT_NAMES)
    assert all(text.endswith(".") for text in CANNOT_CARRY.values())


def test_broken_quizzes_are_reported_and_nothing_is_exported(tmp_path, capsys):
    broken = ROOTS / "test-quiz-errors" / "quizzes"
    assert main(["export", str(broken), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    err = capsys.readouterr().err
    assert "broken.yaml:14:" in err and "nothing exported" in err


def test_unchanged_exports_are_not_rewritten(tmp_path):
    main(["export", str(QUIZZES), "--out", str(tmp_path)])
    before = {name: (tmp_path / name).stat().st_mtime_ns for name in EXPECTED}
    main(["export", str(QUIZZES), "--out", str(tmp_path)])
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in EXPECTED} == before


def test_the_module_runs_from_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cart_quiz", "export", str(QUIZZES), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert written(tmp_path) == EXPECTED
