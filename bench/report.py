"""The bench's results as Markdown, for the terminal and `bench-results/results.md`."""

from __future__ import annotations


def _spread(figure: dict | None, unit: str) -> str:
    if figure is None:
        return "not measured"
    suffix = "x" if unit == "x" else ""
    return f"{figure['min']:g} / **{figure['median']:g}** / {figure['max']:g}{suffix}"


def _met(goal: dict) -> str:
    return {True: "yes", False: "**no**", None: "not measured"}[goal["met"]]


def _cpu(summary: dict) -> str:
    cpu = summary["cpu_s"]
    return f"{cpu['min']:.2f} / {cpu['median']:.2f} / {cpu['max']:.2f} s"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['cpu_model']}, {m['nproc']} cores, {m['memory_gib']} GiB; Python "
        f"{m['python']}, Sphinx {m['sphinx']}, MyST-Parser {m['myst_parser']}, furo "
        f"{m['furo']}. Load average (1, 5, 15 min) at start {m['load_average_at_start']}, at "
        f"end {m.get('load_average_at_end')}. Figures are CPU time (`wait4()`), ratios of "
        "runs alternated A/B, shown min / **median** / max; a goal is met when the median is.",
        "",
        "## Goals",
        "",
        "| area | goal | measured (min / median / max) | limit | met |",
        "|---|---|---|---|---|",
    ]
    for goal in results["goals"]:
        limit = f"< {goal['limit']:g}" if goal["unit"] == "lt" else f"≤ {goal['limit']:g}"
        lines.append(
            f"| {goal['area']} | {goal['goal']} | {_spread(goal['measured'], goal['unit'])} | "
            f"{limit} | {_met(goal)} |"
        )
    real = results.get("real_site")
    if real:
        pair, stem = real["clean_vs_stripped"], real["pystemmer"]
        lines += [
            "",
            "## The real site (CPU min / median / max)",
            "",
            "| build | CPU | peak memory | pages read / written |",
            "|---|---|---|---|",
            f"| clean | {_cpu(pair['a'])} | {pair['a']['peak_rss_mb']:.0f} MB | "
            f"{pair['a']['pages_read']} / {pair['a']['pages_written']} |",
            f"| clean, directives stripped | {_cpu(pair['b'])} | "
            f"{pair['b']['peak_rss_mb']:.0f} MB | "
            f"{pair['b']['pages_read']} / {pair['b']['pages_written']} |",
            f"| clean, with PyStemmer | {_cpu(stem['a'])} | {stem['a']['peak_rss_mb']:.0f} MB | |",
            f"| clean, `-j auto` | {_cpu(real['clean_parallel'])} | "
            f"{real['clean_parallel']['peak_rss_mb']:.0f} MB | |",
        ]
        names = {
            "rebuild_no_change": "rebuild, nothing changed",
            "rebuild_touch_one_quiz": "rebuild, one quiz file touched",
            "rebuild_edit_one_quiz": "rebuild, one quiz edited",
            "rebuild_edit_one_page": "rebuild, one page edited",
        }
        for key, label in names.items():
            row = real[key]
            lines.append(
                f"| {label} | {_cpu(row)} | {row['peak_rss_mb']:.0f} MB | "
                f"{row['pages_read']} / {row['pages_written']} |"
            )
        lines.append(
            f"\nPyStemmer: the clean build with it costs {_spread(stem['ratio'], 'x')} the "
            "build without it (the site's dependencies do not install it)."
        )
    for theme, row in results.get("scaling", {}).items():
        small, large = row["sizes"]
        growth = row["clean_per_page"]
        lines += [
            "",
            f"## Generated corpus, {theme} ({small} and {large} topic pages in one toctree, "
            "a 10-question quiz each)",
            "",
            f"- clean build: {_cpu(growth['b'])} at {small} pages, {_cpu(growth['a'])} at "
            f"{large}; per page {row['ms_per_page_cpu'][str(small)]} → "
            f"{row['ms_per_page_cpu'][str(large)]} ms CPU",
            f"- one-quiz edit at {large}: {_cpu(row['edit_one_quiz_large'])}, pages read / "
            f"written {row['edit_one_quiz_large']['pages_read']} / "
            f"{row['edit_one_quiz_large']['pages_written']}",
            f"- one-page edit: {_cpu(row['edit_one_page']['b'])} at {small}, "
            f"{_cpu(row['edit_one_page']['a'])} at {large}",
        ]
    peers = results.get("peers")
    if peers:
        lines += ["", f"## Side by side with the peers ({peers['size']} pages, CPU)", "",
                  "| figure | this site | peer | ratio (min / median / max) |",
                  "|---|---|---|---|"]  # fmt: skip
        labels = {
            "clean_vs_mkdocs": "clean build vs mkdocs-material + mkdocs-quiz",
            "quiz_edit_vs_mkdocs": "one-quiz edit, preview vs `mkdocs serve --dirty` reload",
            "page_edit_vs_mkdocs": "one-page edit, preview vs `mkdocs serve --dirty` reload",
            "quiz_edit_vs_exercise": "one-quiz edit vs sphinx-exercise rebuild",
            "page_edit_vs_exercise": "one-page edit vs sphinx-exercise rebuild",
        }
        for key, label in labels.items():
            if key in peers:
                pair = peers[key]
                lines.append(f"| {label} | {_cpu(pair['a'])} | {_cpu(pair['b'])} | "
                             f"{_spread(pair['ratio'], 'x')} |")  # fmt: skip
        if "exercise_clean" in peers:
            lines.append(f"| sphinx-exercise clean build (furo) | | "
                         f"{_cpu(peers['exercise_clean'])} | |")  # fmt: skip
        missing = [name for name, ok in peers["available"].items() if not ok]
        if missing:
            lines.append(f"\nNot installed, not measured: {', '.join(missing)}.")
    downloads = results.get("downloads")
    if downloads:
        lines += ["", "## Downloads against the same text in plain furo (gzipped KB, worst first)",
                  "", "| page | this site | plain furo | ratio |", "|---|---|---|---|"]  # fmt: skip
        lines += [
            f"| {row['page']} | {row['ours_gz'] / 1024:.1f} | {row['plain_gz'] / 1024:.1f} | "
            f"{row['ratio']:.2f} |"
            for row in downloads["pages"][:8]
        ]
    unused = results.get("unused_scripts")
    if unused:
        lines += ["", "Scripts loaded without use:"]
        lines += [f"- {item['page']}: {item['script']}" for item in unused]
    requests = results.get("requests")
    if requests and "skipped" not in requests:
        lines += [
            "",
            f"Chromium {requests['chromium']} opened {requests['pages']} pages: "
            f"{requests['requests']} requests, {requests['third_party_requests']} to other "
            f"hosts, {len(requests['failed_requests'])} failed, "
            f"{len(requests['console_errors'])} console errors.",
        ]
        lines += [f"- other host: {url}" for url in requests["third_party_urls"]]
        lines += [f"- failed: {url}" for url in requests["failed_requests"]]
    return "\n".join(lines) + "\n"
