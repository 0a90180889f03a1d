"""Run one `sphinx-build` in a child process and measure it: wall time, CPU time, peak memory,
and how many pages it read and wrote."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

_READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] ", re.MULTILINE)
_WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] ", re.MULTILINE)
_WARNING = re.compile(r"\bWARNING\b|\bERROR\b")


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


def sphinx_build(source: Path, outdir: Path, *extra: str) -> Build:
    """Build `source` into `outdir` with the HTML builder in a fresh Python process.

    Peak memory and CPU time come from `wait4()`, so they cover the build process and the
    worker processes of a parallel build; the output goes to a file, never a pipe that could
    fill up and stall the child.
    """
    command = [sys.executable, "-m", "sphinx", "-b", "html", *extra, str(source), str(outdir)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if child.returncode != 0:
        sys.stderr.write(output[-4000:])
    return Build(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        pages_read=len(_READ.findall(output)),
        pages_written=len(_WRITTEN.findall(output)),
        warnings=len(_WARNING.findall(output)),
        returncode=child.returncode,
    )


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarise(builds: list[Build]) -> dict:
    """The median and the best of repeated builds (the best is the least disturbed by other
    work on a shared machine), plus every run."""
    return {
        "median_wall_s": round(median([b.wall_s for b in builds]), 3),
        "best_wall_s": min(b.wall_s for b in builds),
        "median_cpu_s": round(median([b.cpu_s for b in builds]), 3),
        "peak_rss_mb": max(b.peak_rss_mb for b in builds),
        "pages_read": builds[-1].pages_read,
        "pages_written": builds[-1].pages_written,
        "warnings": builds[-1].warnings,
        "runs": [b.as_dict() for b in builds],
    }
