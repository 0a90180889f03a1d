"""The site's benchmark: `python -m bench [--repeat N] [--sizes 100 1000] [--peer-size 500]
[--themes furo] [--skip-site] [--skip-corpus] [--skip-peers] [--skip-browser] [--strict]`.

On copies in a temporary folder (the repository is never touched) it measures the goals of
issue 19, each as a ratio of runs alternated A/B in this one run (min-median-max) with the
machine's load: the real site against the same pages stripped of the tier and quiz directives
(`site`), generated corpora of topic pages in one toctree at two sizes (`scaling`), the peers
on the same content (`peers`), and what readers download (`pages`, `browser`). Writes
`bench-results/results.json` and `results.md`; `--strict` exits 1 when a goal is missed or
was not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
from pathlib import Path

import docutils
import furo
import myst_parser
import sphinx

from .browser import browser_requests
from .goals import goals
from .measure import load_average
from .pages import against_plain, extension_assets, page_weights, unused_scripts
from .report import markdown
from .scaling import bench_peers, bench_scaling
from .site import REPO, bench_real_site

RESULTS = REPO / "bench-results"
STATIC_DIRS = {
    "cart_quiz": REPO / "extensions" / "cart_quiz" / "static",
    "cart_tiers": REPO / "extensions" / "cart_tiers" / "static",
    "cart_static": REPO / "extensions" / "cart_static" / "static",
    "cart_i18n": REPO / "extensions" / "cart_i18n" / "static",
}


def say(message: str) -> None:
    sys.stdout.write(f"[load {os.getloadavg()[0]:.1f}] {message}\n")
    sys.stdout.flush()


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    total_kb = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE).group(1))
    return {
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(total_kb / 1024**2, 1),
        "load_average_at_start": load_average(),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "docutils": docutils.__version__,
        "myst_parser": myst_parser.__version__,
        "furo": furo.__version__,
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed pair")
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 1000])
    parser.add_argument("--peer-size", type=int, default=500)
    parser.add_argument("--themes", nargs="+", default=["furo"])
    parser.add_argument("--skip-site", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    results: dict = {"machine": machine(), "arguments": vars(args)}
    RESULTS.mkdir(exist_ok=True)

    def keep() -> None:
        """What is measured so far, so a run cut short still leaves its figures."""
        (RESULTS / "partial.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="cart-bench-") as temporary:
        work = Path(temporary)
        if not args.skip_site:
            results["real_site"], built, plain = bench_real_site(work, args.repeat, say)
            results["extension_assets"] = extension_assets(STATIC_DIRS)
            ours = {item["file"] for item in results["extension_assets"]["files"]}
            weights = page_weights(built, ours)
            results["pages"] = weights
            results["downloads"] = against_plain(weights, page_weights(plain, set()))
            results["unused_scripts"] = unused_scripts(built)
            if not args.skip_browser:
                say("opening every page in Chromium")
                results["requests"] = browser_requests(built)
            keep()
        if not args.skip_corpus:
            results["scaling"] = bench_scaling(work, args.sizes, args.themes, args.repeat, say)
            keep()
        if not args.skip_peers:
            results["peers"] = bench_peers(work, args.peer_size, args.repeat, say)
    results["machine"]["load_average_at_end"] = load_average()
    results["goals"] = goals(results)

    (RESULTS / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    report = markdown(results)
    (RESULTS / "results.md").write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    sys.stdout.write(f"Written to {RESULTS / 'results.json'} and {RESULTS / 'results.md'}\n")
    missed = [goal["goal"] for goal in results["goals"] if goal["met"] is not True]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
