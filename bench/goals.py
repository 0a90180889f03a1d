"""Each goal of issue 19 checked against one run's figures: a ratio (or a time) as
min-median-max, the limit, and whether the median meets it. A goal whose figures were not
taken (a skipped part, a peer not installed) is listed as not measured, never as met."""

from __future__ import annotations

LINEAR = 1.3  # per-page CPU at the largest corpus over the smallest
EXTENSIONS = 1.4  # the real site's clean build over the stripped pages
QUIZ_EDIT_S = 2.0  # a one-quiz edit at the largest corpus, CPU seconds
PAGE_EDIT = 1.3  # a one-page edit at the largest corpus over the smallest
PEER_CLEAN = 2.0  # the clean build over mkdocs-material + mkdocs-quiz
AHEAD = 1.0  # every incremental figure over the peer's
DOWNLOAD = 1.1  # each page's download over the same text in plain furo
ASSETS_BYTES = 15 * 1024


def _goal(area: str, goal: str, figure: dict | None, limit: float, unit: str = "x") -> dict:
    """`unit` "x": a ratio, met at or under the limit; "lt": met strictly under it."""
    met = None
    if figure is not None:
        met = figure["median"] < limit if unit == "lt" else figure["median"] <= limit
    return {"area": area, "goal": goal, "measured": figure, "limit": limit, "unit": unit,
            "met": met}  # fmt: skip


def _get(results: dict, *keys: str):
    value = results
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def goals(results: dict) -> list[dict]:
    checks = []
    furo = _get(results, "scaling", "furo")
    sizes = furo["sizes"] if furo else ["smallest", "largest"]
    checks.append(_goal(
        "linear", f"per-page CPU of a clean build, {sizes[1]} over {sizes[0]} pages (furo)",
        furo and furo["clean_per_page"]["ratio"], LINEAR,
    ))  # fmt: skip
    checks.append(_goal(
        "extensions", "real site's clean build over the same pages, directives stripped",
        _get(results, "real_site", "clean_vs_stripped", "ratio"), EXTENSIONS,
    ))  # fmt: skip
    checks.append(_goal(
        "extensions", f"one-quiz edit at {sizes[1]} quizzes, CPU seconds",
        furo and furo["edit_one_quiz_large"]["cpu_s"], QUIZ_EDIT_S, "lt",
    ))  # fmt: skip
    checks.append(_goal(
        "extensions", f"one-page edit, CPU at {sizes[1]} quizzes over {sizes[0]}",
        furo and furo["edit_one_page"]["ratio"], PAGE_EDIT,
    ))  # fmt: skip
    size = _get(results, "peers", "size")
    for key, goal, limit in (
        ("clean_vs_mkdocs", "clean build over mkdocs-material + mkdocs-quiz", PEER_CLEAN),
        ("quiz_edit_vs_mkdocs", "one-quiz edit, preview over `mkdocs serve --dirty`", AHEAD),
        ("page_edit_vs_mkdocs", "one-page edit, preview over `mkdocs serve --dirty`", AHEAD),
        ("quiz_edit_vs_exercise", "one-quiz edit over sphinx-exercise's rebuild", AHEAD),
        ("page_edit_vs_exercise", "one-page edit over sphinx-exercise's rebuild", AHEAD),
    ):
        figure = _get(results, "peers", key, "ratio")
        at = f" ({size} pages)" if size else ""
        checks.append(_goal("peers", f"{goal}{at}", figure,
                            limit, "lt" if limit == AHEAD else "x"))  # fmt: skip
    plain = _get(results, "downloads", "pages")
    worst = None
    if plain:
        ratios = [row["ratio"] for row in plain]
        worst = {"min": min(ratios), "median": max(ratios), "max": max(ratios), "n": len(ratios)}
    checks.append(_goal(
        "downloads", "each page's download over the same text in plain furo (worst page)",
        worst, DOWNLOAD,
    ))  # fmt: skip
    unused = _get(results, "unused_scripts")
    checks.append(_goal(
        "downloads", "extension scripts a page loads without using them (count)",
        None if unused is None else {"min": len(unused), "median": len(unused),
                                     "max": len(unused), "n": 1}, 0,
    ))  # fmt: skip
    assets = _get(results, "extension_assets", "total_gz")
    checks.append(_goal(
        "downloads", "the extensions' JS and CSS, gzipped, KB",
        None if assets is None else {"min": round(assets / 1024, 1),
                                     "median": round(assets / 1024, 1),
                                     "max": round(assets / 1024, 1), "n": 1},
        ASSETS_BYTES / 1024, "lt",
    ))  # fmt: skip
    third = _get(results, "requests", "third_party_requests")
    checks.append(_goal(
        "downloads", "requests to other hosts from any page",
        None if third is None else {"min": third, "median": third, "max": third, "n": 1}, 0,
    ))  # fmt: skip
    return checks
