"""`python -m cart_quiz check`: what maintainers and pre-commit run before a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from cart_quiz.__main__ import main

REPO = Path(__file__).resolve().parent.parent
QUIZZES = REPO / "quizzes"
SAMPLE = Path(__file__).parent / "roots" / "test-quiz-basic" / "quizzes" / "sample.yaml"


def test_single_files_are_checked_as_pre_commit_passes_them(tmp_path, capsys):
    first, second = sorted(QUIZZES.glob("*.yaml"))[:2]
    assert main(["check", str(first), str(second)]) == 0
    assert capsys.readouterr().out.strip() == "2 quiz file(s) OK"


def test_a_folder_is_checked_file_by_file(capsys):
    assert main(["check", str(QUIZZES)]) == 0
    assert capsys.readouterr().out.strip() == f"{len(list(QUIZZES.glob('*.yaml')))} quiz file(s) OK"


def test_a_broken_single_file_is_reported_at_its_line(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("minutes: 5", "minutes: many"),
        encoding="utf-8",
    )
    assert main(["check", str(broken)]) == 1
    line = next(
        n
        for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1)
        if "minutes:" in text
    )
    assert f"{broken}:{line}: 'minutes' is 'many'" in capsys.readouterr().err


def test_a_missing_path_is_a_problem_not_a_traceback(tmp_path, capsys):
    assert main(["check", str(tmp_path / "gone.yaml")]) == 1
    assert f"{tmp_path / 'gone.yaml'}:1: no such file or folder" in capsys.readouterr().err


def test_the_same_id_in_two_files_given_one_by_one_is_reported(tmp_path, capsys):
    elsewhere = tmp_path / "other" / SAMPLE.name
    elsewhere.parent.mkdir()
    shutil.copy(SAMPLE, elsewhere)
    assert main(["check", str(SAMPLE), str(elsewhere)]) == 1
    assert "duplicate quiz id" in capsys.readouterr().err


def test_a_single_file_whose_id_is_not_its_name_is_reported(tmp_path, capsys):
    copy = tmp_path / "copy.yaml"
    shutil.copy(SAMPLE, copy)
    assert main(["check", str(copy)]) == 1
    assert "differs from the file name 'copy.yaml'" in capsys.readouterr().err


def test_the_pre_commit_hook_runs_the_check_on_yaml_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "cart-quiz-check")
    assert hook["entry"] == "python -m cart_quiz check"
    assert hook["types"] == ["yaml"]
