"""`nox -s preview` (`python -m cart_static.preview`): its rebuilds run warm, forked from the
server, and must serve what a build in a new process writes (the all-quizzes export files
once they are asked for); code it has loaded makes it start again."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_root
from test_incremental import ANSI, build, differences, edit, edit_steps

#: sphinx-autobuild waits this long for more changes before it rebuilds (watchfiles' debounce
#: is 1.6 s); a rebuild is over when no other has started for longer.
QUIET_S = 3.5
WARNING = re.compile(r"WARNING|ERROR")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """The preview server on `source`, with its output in `out` and its log in a file."""

    def __init__(self, source: Path, out: Path, log: Path) -> None:
        self.source, self.log_path, self.port = source, log, _free_port()
        command = [sys.executable, "-m", "cart_static.preview", "--port", str(self.port),
                   "-q", "--keep-going", "-n", str(source), str(out)]  # fmt: skip
        self.log = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def text(self) -> str:
        return ANSI.sub("", self.log_path.read_text(encoding="utf-8", errors="replace"))

    def builds(self) -> int:
        return self.text().count("Serving on")

    def wait_for_build(self, after: int, timeout: float = 180) -> list[str]:
        """Wait until a build later than the `after`th has ended and no other has begun;
        return the warnings of the builds since (the pages a build generates can start one
        more, which finds nothing to read)."""
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, self.text()[-3000:]
            assert time.monotonic() < deadline, self.text()[-3000:]
            text = self.text()
            started = max(text.rfind("Rebuilding..."), text.rfind("Starting initial build"))
            if text.count("Serving on") > after and text.rfind("Serving on") > started:
                time.sleep(QUIET_S)
                if self.text() == text:
                    since = text.split("Serving on", after)[-1]
                    return _warnings(since.replace(str(self.source), "SRC"))
            time.sleep(0.1)

    def download(self, path: str) -> bytes:
        address = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(address, timeout=30) as response:
            return response.read()

    def page(self, path: str) -> str:
        return self.download(path).decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


def _warnings(output: str) -> list[str]:
    """The warnings, each once (the preview can report a quiz's problem in two builds)."""
    return sorted({line for line in output.splitlines() if WARNING.search(line)})


@pytest.mark.slow
def test_every_rebuild_of_the_preview_equals_a_clean_build(tmp_path):
    source = copy_root("educators", tmp_path)
    steps = edit_steps(source)
    served = tmp_path / "served"
    preview = Preview(source, served, tmp_path / "preview.log")
    deferred_steps = []
    try:
        preview.wait_for_build(0)
        for number, (name, change) in enumerate(steps, start=1):
            before = preview.builds()
            change()
            if name == "nothing changed":
                time.sleep(QUIET_S)
                assert preview.builds() == before, "a rebuild with nothing changed"
                warnings = None
            else:
                warnings = preview.wait_for_build(before)
            clean = tmp_path / f"clean-{number}"
            clean_warnings = _warnings(build(source, clean))
            # The all-quizzes files wait until a reader asks for one, then equal a clean build's.
            bundles = sorted(clean.glob("quiz-exports/all-quizzes.*"))
            if any(not (served / bundle.relative_to(clean)).exists() for bundle in bundles):
                deferred_steps.append(name)
            for bundle in bundles:
                address = bundle.relative_to(clean).as_posix()
                assert preview.download(address) == bundle.read_bytes(), (name, address)
            assert differences(served, clean) == [], f"after step {number}: {name}"
            if warnings is not None:
                assert warnings == clean_warnings, f"after step {number}: {name}"
    finally:
        preview.stop()
    # The first build and a quiz edit left the all-quizzes files to be composed on request.
    assert deferred_steps[:2] == ["nothing changed", "a quiz edited"], deferred_steps


LOCAL_EXTENSION = """\
def shout(app, docname, source):
    source[0] = source[0].replace("WORD", "{word}")


def setup(app):
    app.connect("source-read", shout)
    return {{"parallel_read_safe": True}}
"""


@pytest.mark.slow
def test_the_preview_serves_each_edit_and_starts_again_when_loaded_code_changes(tmp_path):
    source = tmp_path / "site"
    source.mkdir()
    (source / "conf.py").write_text(
        "import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parent))\n"
        'extensions = ["loud"]\nproject = "Preview"\n',
        encoding="utf-8",
    )
    (source / "loud.py").write_text(LOCAL_EXTENSION.format(word="alpha"), encoding="utf-8")
    (source / "index.rst").write_text("Index\n=====\n\nThe WORD is here.\n", encoding="utf-8")
    preview = Preview(source, tmp_path / "served", tmp_path / "preview.log")
    try:
        preview.wait_for_build(0)
        assert "The alpha is here." in preview.page("index.html")
        # A page edit: a warm rebuild, served at once.
        before = preview.builds()
        edit(source / "index.rst", "is here", "is there")
        preview.wait_for_build(before)
        assert "The alpha is there." in preview.page("index.html")
        # Code the server has loaded: it starts again, and the page shows the new code's work
        # once the page is read again.
        before = preview.builds()
        (source / "loud.py").write_text(LOCAL_EXTENSION.format(word="beta"), encoding="utf-8")
        edit(source / "index.rst", "is there", "is everywhere")
        preview.wait_for_build(before)
        assert "starting again" in preview.text()
        assert "The beta is everywhere." in preview.page("index.html")
    finally:
        preview.stop()
