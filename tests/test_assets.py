"""What readers download of the extensions' own scripts and styles."""

from __future__ import annotations

import gzip
from pathlib import Path

from cart_static import MINIFIERS

EXTENSIONS = Path(__file__).resolve().parent.parent / "extensions"
SOURCES = sorted(
    path
    for folder in ("cart_quiz/static", "cart_tiers/static")
    for path in (EXTENSIONS / folder).iterdir()
    if path.suffix in MINIFIERS
)
BUDGET_GZIPPED = 15 * 1024
#: Assets only the educators' pages load (the catalogue, the question set): a budget of their
#: own, so they never eat into what a patient's page downloads.
EDUCATOR_ONLY = frozenset({"cart-quiz-educators.css", "cart-quiz-set.css", "cart-quiz-set.js"})
EDUCATOR_BUDGET_GZIPPED = 5 * 1024


def test_the_site_ships_minified_copies_of_every_extension_asset(built_site):
    for source in SOURCES:
        shipped = (built_site / "_static" / source.name).read_text(encoding="utf-8")
        assert shipped == MINIFIERS[source.suffix](source.read_text(encoding="utf-8"))
        assert len(shipped) < len(source.read_text(encoding="utf-8"))


def test_both_extensions_assets_stay_within_the_budget(built_site):
    sizes = {
        source.name: len(gzip.compress((built_site / "_static" / source.name).read_bytes(), 9))
        for source in SOURCES
    }
    total = sum(size for name, size in sizes.items() if name not in EDUCATOR_ONLY)
    assert total < BUDGET_GZIPPED, f"{total} bytes gzipped; the budget is {BUDGET_GZIPPED}"
    educators = sum(size for name, size in sizes.items() if name in EDUCATOR_ONLY)
    assert educators < EDUCATOR_BUDGET_GZIPPED, f"educators' pages: {educators} bytes gzipped"
