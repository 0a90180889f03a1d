"""Run one build (or any command) in a child process and measure it: wall time, CPU time
(`wait4()`, so child processes count), peak memory, pages read and written; and compare two
kinds of build run alternately (A, B, B, A, ...) as ratios, min-median-max."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

_READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] ", re.MULTILINE)
_WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] ", re.MULTILINE)
_WARNING = re.compile(r"\bWARNING\b|\bERROR\b")
#: Runs Sphinx with PyStemmer hidden, so the search indexer uses the pure-Python stemmer
#: (`snowballstemmer` picks PyStemmer whenever `import Stemmer` works).
_WITHOUT_PYSTEMMER = (
    "import sys; sys.modules['Stemmer'] = None; from sphinx.cmd.build import main; "
    "sys.exit(main(sys.argv[1:]))"
)


@dataclass(frozen=True)
class Build:
    """What one build cost."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    pages_read: int
    pages_written: int
    warnings: int
    returncode: int

    def as_dict(self) -> dict:
        return asdict(self)


def run_measured(command: list[str], cwd: Path | None = None) -> tuple[Build, str]:
    """Run `command` and measure it; the output goes to a file, never a pipe that could fill
    up and stall the child."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if returncode != 0:
        sys.stderr.write(output[-4000:])
    build = Build(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        pages_read=len(_READ.findall(output)),
        pages_written=len(_WRITTEN.findall(output)),
        warnings=len(_WARNING.findall(output)),
        returncode=returncode,
    )
    return build, output


def sphinx_build(source: Path, outdir: Path, *extra: str, pystemmer: bool = False) -> Build:
    """Build `source` into `outdir` with the HTML builder in a fresh Python process; with
    `pystemmer=False` the search indexer runs without PyStemmer even when it is installed
    (as the site's own dependencies have it)."""
    arguments = ["-b", "html", *extra, str(source), str(outdir)]
    if pystemmer:
        command = [sys.executable, "-m", "sphinx", *arguments]
    else:
        command = [sys.executable, "-c", _WITHOUT_PYSTEMMER, *arguments]
    return run_measured(command)[0]


def spread(values: list[float], digits: int = 3) -> dict:
    """min, median and max of some figures."""
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
        "n": len(values),
    }


def summarise(builds: list[Build]) -> dict:
    """Repeated builds: CPU and wall min-median-max, peak memory, the pages of the last."""
    return {
        "cpu_s": spread([b.cpu_s for b in builds]),
        "wall_s": spread([b.wall_s for b in builds]),
        "peak_rss_mb": max(b.peak_rss_mb for b in builds),
        "pages_read": builds[-1].pages_read,
        "pages_written": builds[-1].pages_written,
        "warnings": builds[-1].warnings,
        "failed": sum(b.returncode != 0 for b in builds),
        "runs": [b.as_dict() for b in builds],
    }


def repeated(count: int, build: Callable[[], Build], before=None) -> dict:
    """`count` runs of `build`, calling `before(run)` ahead of each."""
    builds = []
    for run in range(1, count + 1):
        if before is not None:
            before(run)
        builds.append(build())
    return summarise(builds)


def alternated(
    count: int,
    a: Callable[[int], Build],
    b: Callable[[int], Build],
    *,
    per_a: float = 1.0,
    per_b: float = 1.0,
) -> dict:
    """Runs of A and B alternated (A B, B A, A B, ...), so a change in the machine's load
    falls on both; the ratio of each pair's CPU time (A / per_a over B / per_b) as
    min-median-max. Each callable gets the run number."""
    runs_a: list[Build] = []
    runs_b: list[Build] = []
    for run in range(1, count + 1):
        order = ((a, runs_a), (b, runs_b))
        for build, into in order if run % 2 else reversed(order):
            into.append(build(run))
    ratios = [(x.cpu_s / per_a) / (y.cpu_s / per_b) for x, y in zip(runs_a, runs_b, strict=True)]
    return {"a": summarise(runs_a), "b": summarise(runs_b), "ratio": spread(ratios, 2)}


def load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]
