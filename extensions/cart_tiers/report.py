"""Readability figures per tier block, as the table maintainers read and as JSON.

No Sphinx imports: the build writes ``readability.json`` with :func:`write_json`, and
``python -m cart_tiers report <outdir>`` prints it with :func:`format_table`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

JSON_FILENAME = "readability.json"
JSON_SCHEMA_VERSION = 1
FORMULA = "Flesch-Kincaid grade level"
METHOD_NOTES = (
    "Grade is the Flesch-Kincaid grade level: 0.39 x words per sentence"
    " + 11.8 x syllables per word - 15.59.",
    "Syllables come from the CMU Pronouncing Dictionary; words it lacks are estimated.",
    "A glossary term (the {term} role) counts as one short word, because the glossary"
    " defines it; so does a cross-reference shown by its target's title.",
    "Footnote references, code blocks and numbers are not counted as words.",
    "Each paragraph, list item and heading ends a sentence.",
    "The build fails (with -W) when a tier with a limit reads above it; clinical detail"
    " has no limit.",
)
FORMULA_ES = "Fernández-Huerta reading ease (Spanish)"
METHOD_NOTES_ES = (
    "Score is the Fernández-Huerta reading ease, corrected form (Law 2011): 206.84 - 60 x"
    " syllables per word - 1.02 x words per sentence. Higher is easier.",
    "Syllables are counted by Spanish spelling rules (vowel nuclei, hiatus, silent u),"
    " cross-checked with pyphen's Spanish hyphenation.",
    "The limit is the lowest score allowed: 70 for simple (6th grade on Fernández Huerta's"
    " scale) and 60 for more detail (7th-8th grade), the equivalents of the English grade"
    " 6 and 9.",
    "A glossary term counts as one short word; footnote references, code and numbers are"
    " not counted; each paragraph, list item and heading ends a sentence.",
)
HEADERS = ("Page", "Line", "Tier", "Words", "Grade", "Words/sentence", "Limit", "Result")


@dataclass(frozen=True)
class BlockFigures:
    """The readability of one tier block, where it is, and the limit it must meet."""

    docname: str
    source: str
    line: int | None
    tier: str
    words: int
    sentences: int
    syllables: int
    grade: float
    sentence_length: float
    limit: float | None
    anchor: str = ""
    #: "flesch-kincaid" (a grade: the limit is the highest) or "fernandez-huerta" (Spanish
    #: reading ease in `grade`: the limit is the lowest score).
    formula: str = "flesch-kincaid"

    @property
    def status(self) -> str:
        """``"pass"``, ``"fail"`` or ``"no limit"``."""
        if self.limit is None:
            return "no limit"
        if self.formula == "fernandez-huerta":
            return "fail" if self.grade < self.limit else "pass"
        return "fail" if self.grade > self.limit else "pass"

    @property
    def location(self) -> str:
        """``source:line``, as in a compiler message."""
        return f"{self.source}:{self.line}" if self.line else self.source


def sort_blocks(blocks: Iterable[BlockFigures]) -> list[BlockFigures]:
    """Blocks in page order, then in the order they appear on the page."""
    return sorted(blocks, key=lambda block: (block.docname, block.line or 0))


def is_spanish(blocks: Iterable[BlockFigures]) -> bool:
    """Whether the blocks were measured with the Spanish formula (a Spanish build)."""
    blocks = list(blocks)
    return bool(blocks) and all(block.formula == "fernandez-huerta" for block in blocks)


def formula_name(blocks: Iterable[BlockFigures]) -> str:
    return FORMULA_ES if is_spanish(blocks) else FORMULA


def method_notes(blocks: Iterable[BlockFigures]) -> tuple[str, ...]:
    """How the figures of these blocks were made, for the build's language."""
    return METHOD_NOTES_ES if is_spanish(blocks) else METHOD_NOTES


def summary(blocks: list[BlockFigures]) -> str:
    """One sentence: how many blocks, on how many pages, how many over their limit."""
    failures = sum(block.status == "fail" for block in blocks)
    pages = len({block.docname for block in blocks})
    return (
        f"{len(blocks)} tier blocks on {pages} pages; {failures} over their limit"
        f" ({formula_name(blocks)})."
    )


def table_row(block: BlockFigures) -> tuple[str, ...]:
    """One row of the table as text, in the order of :data:`HEADERS` (page excluded)."""
    return (
        str(block.line or ""),
        block.tier,
        str(block.words),
        f"{block.grade:.1f}",
        f"{block.sentence_length:.1f}",
        "" if block.limit is None else f"{block.limit:.1f}",
        block.status,
    )


def format_table(blocks: Iterable[BlockFigures]) -> str:
    """A plain-text table with aligned columns, followed by the summary and the notes."""
    ordered = sort_blocks(blocks)
    rows = [HEADERS, *((block.source, *table_row(block)) for block in ordered)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    numeric = {1, 3, 4, 5, 6}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(width) if column in numeric and index else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [f"- {note}" for note in method_notes(ordered)]
    return "\n".join([*lines, "", summary(ordered), "", "How the figures are made:", *notes])


def write_json(path: Path, blocks: Iterable[BlockFigures], titles: Mapping[str, str]) -> None:
    """Write the figures with the method notes, so other tools can read them."""
    blocks = list(blocks)
    data = {
        "schema_version": JSON_SCHEMA_VERSION,
        "formula": formula_name(blocks),
        "notes": list(method_notes(blocks)),
        "blocks": [
            {**asdict(block), "title": titles.get(block.docname, ""), "status": block.status}
            for block in sort_blocks(blocks)
        ],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> list[BlockFigures]:
    """Read the figures written by :func:`write_json`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {field.name for field in fields(BlockFigures)}
    return [
        BlockFigures(**{key: value for key, value in block.items() if key in names})
        for block in data["blocks"]
    ]
