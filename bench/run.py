"""The site's benchmark (`nox -s bench`): build times, scaling, page weight, requests.

Measures, on a copy of the sources in a temporary folder (the repository is never touched):

- the real site: a clean build, serial and with `-j auto`; rebuilds after no change, after
  touching one quiz file, after editing one quiz file and after editing one page;
- a generated corpus of 100 and 1,000 quizzes (10 questions each, one page each): clean build
  time, peak memory, time per quiz, and a one-quiz edit at that size;
- every page of the real site: gzipped HTML, CSS and JavaScript it loads; the extensions' own
  JavaScript and CSS gzipped; every request Chromium makes when it opens each page.

Prints a summary and writes `bench-results/results.json` and `bench-results/results.md`.
Usage: `python bench/run.py [--repeat N] [--sizes 100 1000] [--skip-corpus] [--skip-browser]
[--strict]` (`--strict` exits 1 when a goal is missed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import docutils
import furo
import myst_parser
import sphinx

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The tests' Chromium launch settings and static server, so both measure the same way.
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))

from build import Build, sphinx_build, summarise
from corpus import write_corpus
from pages import browser_requests, extension_assets, page_weights

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench-results"
STATIC_DIRS = {
    "cart_quiz": REPO / "extensions" / "cart_quiz" / "static",
    "cart_tiers": REPO / "extensions" / "cart_tiers" / "static",
}
#: Copied into the temporary folder: the site's sources and everything they refer to.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".nox", "_build", "bench-results", "__pycache__", "*.egg-info",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "test-results", "tests", "node_modules",
)  # fmt: skip
GOALS = {
    "one_quiz_edit_rebuild_s": 2.0,
    "extension_assets_gz_bytes": 15 * 1024,
    "third_party_requests": 0,
}
EDITED_QUIZ = "what-is-car-t"
EDITED_PAGE = "what-is-car-t.md"


def say(message: str) -> None:
    """Progress and results on the terminal, as they come."""
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def machine() -> dict:
    """The machine and versions the figures were taken with."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    total_kb = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE).group(1))
    free = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout
    return {
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(total_kb / 1024**2, 1),
        "free_h": free.strip(),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "docutils": docutils.__version__,
        "myst_parser": myst_parser.__version__,
        "furo": furo.__version__,
        "platform": platform.platform(),
    }


def copy_sources(target: Path) -> Path:
    """A private copy of the repository's sources; returns its docs folder."""
    shutil.copytree(REPO, target, ignore=IGNORED)
    return target / "docs"


def touch(path: Path) -> None:
    """Set the file's modification time to now, as saving it unchanged in an editor would.

    Never a time in the future: Sphinx would then find the file newer than the pages it
    read in the next build too, and read them again.
    """
    os.utime(path)


def edit_quiz(path: Path, run: int) -> None:
    """A real one-quiz edit: change the quiz title (a value every quiz has)."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(
        r"^title: (.*?)(?: \(edit \d+\))?$", rf"title: \1 (edit {run})", text, count=1,
        flags=re.MULTILINE,
    )  # fmt: skip
    assert count == 1, f"no title line in {path}"
    path.write_text(edited, encoding="utf-8")


def edit_page(path: Path, run: int) -> None:
    """A real one-page edit: add a paragraph under the page's last-reviewed line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i + 1 for i, line in enumerate(lines) if "Last reviewed" in line), len(lines))
    lines.insert(at, f"\nA sentence added by the benchmark, run {run}.\n")
    path.write_text("".join(lines), encoding="utf-8")


def repeated(count: int, build, before=None) -> dict:
    builds: list[Build] = []
    for run in range(1, count + 1):
        if before is not None:
            before(run)
        builds.append(build())
    return summarise(builds)


def bench_real_site(work: Path, repeat: int) -> tuple[dict, Path]:
    """Clean and incremental builds of the real site; returns the figures and a clean build."""
    docs = copy_sources(work / "repo")
    out = work / "html"
    figures: dict = {}

    def clean(*extra: str):
        def build() -> Build:
            shutil.rmtree(out, ignore_errors=True)
            return sphinx_build(docs, out, *extra)

        return build

    def incremental() -> Build:
        return sphinx_build(docs, out)

    say("real site: clean builds, serial")
    figures["clean_serial"] = repeated(repeat, clean())
    say("real site: clean builds, -j auto")
    figures["clean_parallel"] = repeated(repeat, clean("-j", "auto"))
    say("real site: incremental rebuilds")
    shutil.rmtree(out, ignore_errors=True)
    sphinx_build(docs, out)
    quiz = docs.parent / "quizzes" / f"{EDITED_QUIZ}.yaml"
    page = docs / EDITED_PAGE
    figures["rebuild_no_change"] = repeated(repeat, incremental)
    figures["rebuild_touch_one_quiz"] = repeated(
        repeat, incremental, before=lambda run: touch(quiz)
    )
    figures["rebuild_edit_one_quiz"] = repeated(
        repeat, incremental, before=partial(edit_quiz, quiz)
    )
    figures["rebuild_edit_one_page"] = repeated(
        repeat, incremental, before=partial(edit_page, page)
    )
    final = work / "html-final"
    sphinx_build(docs, final, "-E")
    return figures, final


def bench_corpus(work: Path, sizes: list[int], themes: list[str], repeat: int) -> list[dict]:
    """Clean builds of generated corpora of growing size, and a one-quiz edit at each size."""
    rows = []
    for theme in themes:
        for size in sizes:
            source = write_corpus(work / f"corpus-{theme}-{size}", size, theme)
            out = work / f"corpus-{theme}-{size}-html"
            say(f"corpus of {size} quizzes, {theme} theme: clean build")
            clean = sphinx_build(source, out)
            quiz = source / "quizzes" / "synthetic-0001.yaml"
            say(f"corpus of {size} quizzes, {theme} theme: one-quiz edits")
            edit = repeated(repeat, partial(sphinx_build, source, out), partial(edit_quiz, quiz))
            rows.append(
                {
                    "theme": theme,
                    "quizzes": size,
                    "questions": size * 10,
                    "clean": clean.as_dict(),
                    "ms_per_quiz_wall": round(1000 * clean.wall_s / size, 1),
                    "ms_per_quiz_cpu": round(1000 * clean.cpu_s / size, 1),
                    "rebuild_edit_one_quiz": edit,
                }
            )
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(source, ignore_errors=True)
    for theme in themes:
        same = [row for row in rows if row["theme"] == theme]
        small = same[0]
        for row in same[1:]:
            row["growth_vs_smallest"] = {
                "size_ratio": round(row["quizzes"] / small["quizzes"], 1),
                "wall_ratio": round(row["clean"]["wall_s"] / small["clean"]["wall_s"], 2),
                "cpu_ratio": round(row["clean"]["cpu_s"] / small["clean"]["cpu_s"], 2),
                "memory_ratio": round(
                    row["clean"]["peak_rss_mb"] / small["clean"]["peak_rss_mb"], 2
                ),
            }
    return rows


def goals(results: dict) -> list[dict]:
    checks = []
    edit = results.get("real_site", {}).get("rebuild_edit_one_quiz")
    if edit:
        checks.append(
            {
                "goal": "incremental rebuild after a one-quiz edit < 2 s",
                "measured": f"{edit['median_wall_s']:.2f} s (median wall)",
                "met": edit["median_wall_s"] < GOALS["one_quiz_edit_rebuild_s"],
            }
        )
    assets = results["extension_assets"]
    checks.append(
        {
            "goal": "quiz + tier extension JS and CSS < 15 KB gzipped",
            "measured": f"{assets['total_gz'] / 1024:.1f} KB, all files shipped "
            f"(each gzipped on its own); at most {assets['most_on_one_page_gz'] / 1024:.1f} KB "
            "on one page",
            "met": assets["total_gz"] < GOALS["extension_assets_gz_bytes"],
        }
    )
    requests = results.get("requests", {})
    if "third_party_requests" in requests:
        checks.append(
            {
                "goal": "zero requests to other hosts from any page",
                "measured": f"{requests['third_party_requests']} of {requests['requests']} "
                f"requests from {requests['pages']} pages",
                "met": requests["third_party_requests"] == 0,
            }
        )
    for theme in dict.fromkeys(row["theme"] for row in results.get("corpus", [])):
        same = [row for row in results["corpus"] if row["theme"] == theme]
        if len(same) < 2:
            continue
        small, large = same[0], same[-1]
        checks.append(
            {
                "goal": f"clean build time grows no worse than linearly ({theme} theme)",
                "measured": f"{small['ms_per_quiz_cpu']} → {large['ms_per_quiz_cpu']} ms CPU "
                f"per quiz ({small['quizzes']} → {large['quizzes']} quizzes)",
                "met": large["ms_per_quiz_cpu"] <= small["ms_per_quiz_cpu"] * 1.1,
            }
        )
    return checks


def _kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def markdown(results: dict) -> str:
    """The results as Markdown tables, for the terminal and results.md."""
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['cpu_model']}, {m['nproc']} cores, {m['memory_gib']} GiB; "
        f"Python {m['python']}, Sphinx {m['sphinx']}, MyST-Parser {m['myst_parser']}, "
        f"furo {m['furo']}; load average at start {m['load_average_at_start']}.",
        "",
        "## Goals",
        "",
        "| goal | measured | met |",
        "|---|---|---|",
    ]
    lines += [
        f"| {g['goal']} | {g['measured']} | {'yes' if g['met'] else '**no**'} |"
        for g in results["goals"]
    ]
    real = results.get("real_site")
    if real:
        lines += [
            "",
            "## The real site",
            "",
            "| build | wall (median) | wall (best) | CPU (median) | peak memory | "
            "pages read | pages written |",
            "|---|---|---|---|---|---|---|",
        ]
        names = {
            "clean_serial": "clean, serial",
            "clean_parallel": "clean, `-j auto`",
            "rebuild_no_change": "rebuild, nothing changed",
            "rebuild_touch_one_quiz": "rebuild, one quiz file touched",
            "rebuild_edit_one_quiz": "rebuild, one quiz edited",
            "rebuild_edit_one_page": "rebuild, one page edited",
        }
        for key, name in names.items():
            row = real[key]
            # A parallel build reports its reading in chunks, not pages.
            read = "—" if key == "clean_parallel" else row["pages_read"]
            written = "—" if key == "clean_parallel" else row["pages_written"]
            lines.append(
                f"| {name} | {row['median_wall_s']:.2f} s | {row['best_wall_s']:.2f} s | "
                f"{row['median_cpu_s']:.2f} s | {row['peak_rss_mb']:.0f} MB | "
                f"{read} | {written} |"
            )
    corpus = results.get("corpus")
    if corpus:
        lines += [
            "",
            "## Generated corpus (10 questions per quiz, one page per quiz)",
            "",
            "| theme | quizzes | clean wall | clean CPU | per quiz (CPU) | peak memory | "
            "one-quiz edit (wall / CPU, median) | pages read / written |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in corpus:
            clean, edit = row["clean"], row["rebuild_edit_one_quiz"]
            lines.append(
                f"| {row['theme']} | {row['quizzes']} | {clean['wall_s']:.1f} s | "
                f"{clean['cpu_s']:.1f} s | {row['ms_per_quiz_cpu']:.1f} ms | "
                f"{clean['peak_rss_mb']:.0f} MB | "
                f"{edit['median_wall_s']:.2f} s / {edit['median_cpu_s']:.2f} s | "
                f"{edit['pages_read']} / {edit['pages_written']} |"
            )
        for row in (row for row in corpus if "growth_vs_smallest" in row):
            growth = row["growth_vs_smallest"]
            lines.append(
                f"\n{row['theme']}: {growth['size_ratio']:g}× the quizzes: "
                f"{growth['cpu_ratio']:g}× the CPU "
                f"time, {growth['wall_ratio']:g}× the wall time, "
                f"{growth['memory_ratio']:g}× the peak memory."
            )
    assets = results["extension_assets"]
    lines += [
        "",
        "## The extensions' own assets",
        "",
        "| extension | file | bytes | gzipped |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {item['extension']} | {item['file']} | {item['bytes']} | {item['gz']} |"
        for item in assets["files"]
    ]
    lines.append(f"| **total** | | | **{assets['total_gz']}** ({_kb(assets['total_gz'])} KB) |")
    weights = results.get("pages")
    if weights:
        lines += [
            "",
            "## Per page, gzipped (KB): what opening the page loads",
            "",
            "| page | HTML | CSS | JS | total | of which the extensions' CSS and JS |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {row['page']} | {_kb(row['html_gz'])} | {_kb(row['css_gz'])} | "
            f"{_kb(row['js_gz'])} | {_kb(row['total_gz'])} | {_kb(row['extensions_gz'])} |"
            for row in weights
        ]
    requests = results.get("requests")
    if requests and "skipped" not in requests:
        lines += [
            "",
            "## Requests",
            "",
            f"Chromium {requests['chromium']} opened {requests['pages']} pages: "
            f"{requests['requests']} requests, {requests['third_party_requests']} to other "
            f"hosts, {len(requests['failed_requests'])} failed, "
            f"{len(requests['console_errors'])} console errors.",
        ]
        if requests["favicon_requests"]:
            lines.append(
                f"(Not counted as failed: {requests['favicon_requests']} `/favicon.ico` "
                "requests Chromium makes by itself.)"
            )
        lines += [f"- other host: {url}" for url in requests["third_party_urls"]]
        lines += [f"- failed: {url}" for url in requests["failed_requests"]]
        lines += [f"- console error: {text}" for text in requests["console_errors"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed build")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument(
        "--themes", nargs="+", default=["basic", "furo"], help="themes for the generated corpus"
    )
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    results: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="cart-bench-") as temporary:
        work = Path(temporary)
        results["real_site"], built = bench_real_site(work, args.repeat)
        results["extension_assets"] = extension_assets(STATIC_DIRS)
        ours = {item["file"] for item in results["extension_assets"]["files"]}
        results["pages"] = page_weights(built, ours)
        results["extension_assets"]["most_on_one_page_gz"] = max(
            row["extensions_gz"] for row in results["pages"]
        )
        if not args.skip_browser:
            say("opening every page in Chromium")
            results["requests"] = browser_requests(built)
        if not args.skip_corpus:
            results["corpus"] = bench_corpus(work, args.sizes, args.themes, args.repeat)
    results["machine"]["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    results["goals"] = goals(results)

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.json").write_text(
        json.dumps(results, indent=2) + "\n", "utf-8", encoding="utf-8"
    )
    report = markdown(results)
    (RESULTS / "results.md").write_text(report, encoding="utf-8")
    say(report)
    say(f"Written to {RESULTS / 'results.json'} and {RESULTS / 'results.md'}")
    missed = [goal["goal"] for goal in results["goals"] if not goal["met"]]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
