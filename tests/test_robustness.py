"""The real site builds the same bytes every time, and works opened from disk (file://)."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DOCS

#: The build cache, not the site: pickles that Sphinx reads back, never served.
BUILD_CACHE = ".doctrees"


def site_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and BUILD_CACHE not in path.relative_to(root).parts
    }


def first_difference(name: str, first: bytes, second: bytes) -> str:
    try:
        lines = difflib.unified_diff(
            first.decode("utf-8").splitlines(), second.decode("utf-8").splitlines(), lineterm=""
        )
        return f"{name}:\n" + "\n".join(list(lines)[:12])
    except UnicodeDecodeError:
        return f"{name}: binary files differ"


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site, tmp_path):
    """A second build in another folder, in another process (another hash seed, so set
    order cannot leak into the output) and in parallel writes exactly the same files."""
    seed = "2718" if os.environ.get("PYTHONHASHSEED") != "2718" else "3141"
    outdir = tmp_path / "second"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q"]
    result = subprocess.run(
        [*command, "-j", "2", str(DOCS), str(outdir)],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, second = site_files(built_site), site_files(outdir)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == [], "\n\n".join(
        first_difference(name, first[name], second[name]) for name in differing[:3]
    )


@pytest.fixture
def disk_page(page):
    """A page that records console errors, uncaught exceptions and failed loads."""
    page.problems = []
    page.on(
        "console",
        lambda message: (
            page.problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(f"exception: {error}"))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    return page


def every_request_is_a_file(page, built_site) -> list[str]:
    return [url for url in page.seen_requests if not url.startswith(built_site.as_uri())]


@pytest.mark.browser
@pytest.mark.parametrize(
    "address", ["index.html", "what-is-car-t.html", "quiz/what-is-car-t.html", "my-questions.html"]
)
def test_pages_open_from_disk_and_load_everything(disk_page, built_site, address):
    disk_page.seen_requests = []
    disk_page.on("request", lambda request: disk_page.seen_requests.append(request.url))
    disk_page.goto((built_site / address).as_uri())
    disk_page.wait_for_load_state("load")
    assert disk_page.problems == []
    assert len(disk_page.seen_requests) > 5
    assert every_request_is_a_file(disk_page, built_site) == []


@pytest.mark.browser
def test_the_quiz_works_from_disk(disk_page, built_site):
    page = disk_page
    page.goto((built_site / "quiz" / "what-is-car-t.html").as_uri())
    question = page.locator(".cart-question").first
    question.locator(".cart-choice-input").first.focus()
    page.keyboard.press("Space")
    question.locator(".cart-check").focus()
    page.keyboard.press("Enter")
    status = question.locator(".cart-status").inner_text()
    assert status.startswith(("Correct.", "Not quite.")), status
    assert question.locator("details.cart-answer").get_attribute("open") is not None
    assert page.problems == []


@pytest.mark.browser
def test_the_tier_switcher_works_from_disk(disk_page, built_site):
    page = disk_page
    page.goto((built_site / "what-is-car-t.html").as_uri())
    page.locator(".cart-tier-switcher input[type=radio]:checked").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.documentElement.dataset.cartTier") == "detail"
    assert page.locator(".cart-tier--detail").first.is_visible()
    assert page.problems == []


def test_a_rebuild_in_a_new_process_parses_only_the_changed_quiz(
    make_app, rootdir, tmp_path, monkeypatch
):
    """Parsed quizzes are kept on the saved environment: a one-quiz edit parses one file,
    however many quizzes the site has (README: "Performance")."""
    from cart_quiz import store

    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-quiz-basic", srcdir)
    make_app("html", srcdir=srcdir).build()
    parsed: list[str] = []
    real_load = store.load_quiz

    def counting_load(path: Path):
        parsed.append(path.name)
        return real_load(path)

    monkeypatch.setattr(store, "load_quiz", counting_load)
    quiz = srcdir / "quizzes" / "sample.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("A fever", "A high fever"),
        encoding="utf-8",
    )
    stamp = time.time() + 2
    os.utime(quiz, (stamp, stamp))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert parsed == ["sample.yaml"]
    assert "A high fever" in (Path(app.outdir) / "other.html").read_text(encoding="utf-8")

    parsed.clear()
    make_app("html", srcdir=srcdir, freshenv=True).build()
    assert sorted(parsed) == sorted(path.name for path in (srcdir / "quizzes").glob("*.yaml"))


def test_a_rebuild_exports_only_the_quizzes_that_changed(make_app, rootdir, tmp_path, monkeypatch):
    """Exports are written again only for changed quizzes (and the all-quizzes files then);
    a page edit exports nothing and reads no quiz's record, and a deleted export file comes
    back."""
    from cart_quiz import downloads

    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-quiz-basic", srcdir)
    make_app("html", srcdir=srcdir).build()
    calls: list[tuple[set[str], bool]] = []
    real_write = downloads.write_exports

    def recording_write(quizzes, out, formats, *, only, bundles, **rest):
        calls.append((set(only), bundles))
        return real_write(quizzes, out, formats, only=only, bundles=bundles, **rest)

    monkeypatch.setattr(downloads, "write_exports", recording_write)
    records_read: list[str] = []
    real_read = downloads._read_record

    def recording_read(path: Path) -> dict:
        records_read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(downloads, "_read_record", recording_read)

    def rebuild_after(edit) -> Path:
        edit()
        app = make_app("html", srcdir=srcdir)
        app.build()
        return Path(app.outdir) / downloads.EXPORT_FOLDER

    def touch(path: Path, old: str, new: str) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        stamp = time.time() + 2 + len(calls)
        os.utime(path, (stamp, stamp))

    page = srcdir / "plain.md"
    rebuild_after(lambda: touch(page, page.read_text(encoding="utf-8"), "# Plain\n\nNew text.\n"))
    assert calls == []
    assert records_read == [downloads.RECORD]
    exports = rebuild_after(
        lambda: touch(srcdir / "quizzes" / "sample.yaml", "A fever", "A high fever")
    )
    assert calls == [({"sample"}, True)]
    assert b"A high fever" in (exports / "moodle" / "sample.xml").read_bytes()
    assert b"A high fever" in (exports / "all-quizzes.moodle.xml").read_bytes()
    (exports / "gift" / "second.txt").unlink()
    rebuild_after(lambda: None)
    assert calls[-1] == ({"second"}, False)
    assert (exports / "gift" / "second.txt").is_file()
