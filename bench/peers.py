"""The peers, on the same generated content: mkdocs-material + mkdocs-quiz (`mkdocs build`;
and `mkdocs serve --dirty`'s reload after an edit, as mkdocs has no incremental build, against
this project's preview server's rebuild) and Sphinx with sphinx-exercise (furo). They are
installed in the bench's own environment (the `bench` extra); a peer that is missing is
reported, not measured."""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .measure import Build, run_measured

#: The end of each rebuild of `mkdocs serve`: at 500 pages a dirty rebuild that follows a
#: second file event can print no "Documentation built in" line, but every rebuild ends by
#: reloading the browsers.
_RELOADED = re.compile(r"Reloading browsers")
_SERVING = re.compile(r"Serving on")
_TICKS = os.sysconf("SC_CLK_TCK")


def available() -> dict[str, bool]:
    return {
        "mkdocs": bool(
            importlib.util.find_spec("mkdocs")
            and importlib.util.find_spec("material")
            and importlib.util.find_spec("mkdocs_quiz")
        ),
        "sphinx_exercise": bool(importlib.util.find_spec("sphinx_exercise")),
    }


def mkdocs_build(root: Path) -> Build:
    """A clean `mkdocs build` of the corpus at `root`."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--clean", "-f",
               str(root / "mkdocs.yml"), "-d", str(root / "site")]  # fmt: skip
    return run_measured(command, cwd=root)[0]


def _cpu_seconds(pid: int) -> float:
    """The process's CPU time with that of its children it has waited for (a preview's
    rebuild runs in a forked worker)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    # utime, stime, cutime and cstime are fields 14-17 of /proc/PID/stat (11-14 after the name).
    return sum(int(value) for value in fields[11:15]) / _TICKS


def _children(pid: int) -> list[str]:
    found: list[str] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += (task / "children").read_text(encoding="utf-8").split()
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeLoop:
    """A live-reload server running on a corpus: each `reload(edit)` edits a file and measures
    the server's CPU (its rebuild workers' too) and wall time until it has rebuilt: the line
    `rebuilt` printed once more, and no worker still running."""

    def __init__(self, command: list[str], cwd: Path, log: Path, ready: str, rebuilt: str):
        self.command, self.cwd, self.log_path = command, cwd, log
        self.ready, self.rebuilt = re.compile(ready), re.compile(rebuilt)
        self.process: subprocess.Popen | None = None
        self.seen = 0

    def _log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait(self, pattern: re.Pattern, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(pattern.findall(self._log())) < count or _children(self.process.pid):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.command[2]} did not {pattern.pattern!r}:\n"
                                   f"{self._log()[-2000:]}")  # fmt: skip
            time.sleep(0.05)

    def start(self) -> None:
        self.log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            self.command, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.cwd
        )
        self._wait(self.ready, 1, 1200)
        time.sleep(1)
        self.seen = len(self.rebuilt.findall(self._log()))

    def reload(self, edit) -> Build:
        before = _cpu_seconds(self.process.pid)
        start = time.perf_counter()
        edit()
        self._wait(self.rebuilt, self.seen + 1, 600)
        wall = time.perf_counter() - start
        # Let the rebuild's last writes finish before reading the CPU time.
        time.sleep(0.2)
        cpu = _cpu_seconds(self.process.pid) - before
        self.seen = len(self.rebuilt.findall(self._log()))
        return Build(round(wall, 3), round(cpu, 3), 0.0, 1, 1, 0, 0)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)
            self.log.close()


def mkdocs_serve(root: Path, log: Path) -> ServeLoop:
    """`mkdocs serve --dirty` (mkdocs has no incremental build)."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
               f"127.0.0.1:{_free_port()}", "-f", str(root / "mkdocs.yml")]  # fmt: skip
    return ServeLoop(command, root, log, _SERVING.pattern, _RELOADED.pattern)


def sphinx_preview(source: Path, outdir: Path, log: Path) -> ServeLoop:
    """This project's `nox -s preview` (`cart_static.preview`) on a Sphinx source folder."""
    command = [sys.executable, "-m", "cart_static.preview", "--port", str(_free_port()), "-q",
               str(source), str(outdir)]  # fmt: skip
    return ServeLoop(command, source, log, "Serving on", "Serving on")


@contextmanager
def serving(make):
    """A `ServeLoop` from `make(log)`, running for the `with` block."""
    with tempfile.TemporaryDirectory(prefix="serve-") as folder:
        server = make(Path(folder) / "serve.log")
        try:
            server.start()
            yield server
        finally:
            server.stop()
