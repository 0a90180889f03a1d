"""The peers, on the same generated content: mkdocs-material + mkdocs-quiz (`mkdocs build`, and
`mkdocs serve --dirty`'s reload after an edit, as mkdocs has no incremental build) and Sphinx
with sphinx-exercise (furo). They are installed in the bench's own environment (the `bench`
extra); a peer that is missing is reported, not measured."""

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
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DirtyServer:
    """`mkdocs serve --dirty` running on the corpus: each `reload(edit)` edits a file and
    measures the server's CPU and wall time until it has rebuilt and reloaded."""

    def __init__(self, root: Path, log: Path) -> None:
        self.root, self.log_path = root, log
        self.process: subprocess.Popen | None = None
        self.seen = 0

    def _log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait(self, pattern: re.Pattern, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(pattern.findall(self._log())) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"mkdocs serve did not {pattern.pattern!r}:\n{self._log()[-2000:]}"
                )
            time.sleep(0.05)

    def start(self) -> None:
        address = f"127.0.0.1:{_free_port()}"
        config = str(self.root / "mkdocs.yml")
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", address, "-f", config]
        self.log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root
        )
        self._wait(_SERVING, 1, 1200)
        time.sleep(1)
        self.seen = len(_RELOADED.findall(self._log()))

    def reload(self, edit) -> Build:
        before = _cpu_seconds(self.process.pid)
        start = time.perf_counter()
        edit()
        self._wait(_RELOADED, self.seen + 1, 600)
        wall = time.perf_counter() - start
        # Let the rebuild's last writes finish before reading the CPU time.
        time.sleep(0.2)
        cpu = _cpu_seconds(self.process.pid) - before
        self.seen = len(_RELOADED.findall(self._log()))
        return Build(round(wall, 3), round(cpu, 3), 0.0, 1, 1, 0, 0)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)
            self.log.close()


@contextmanager
def dirty_server(root: Path):
    with tempfile.TemporaryDirectory(prefix="mkdocs-serve-") as folder:
        server = DirtyServer(root, Path(folder) / "serve.log")
        try:
            server.start()
            yield server
        finally:
            server.stop()
