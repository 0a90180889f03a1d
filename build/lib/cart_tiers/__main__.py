"""``python -m cart_tiers report <outdir>``: print the readability table of a built site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .report import JSON_FILENAME, format_table, read_json


def main(argv: list[str] | None = None) -> int:
    """Print the table; with ``--check``, exit 1 when a block is over its limit."""
    parser = argparse.ArgumentParser(prog="python -m cart_tiers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="print the readability table of a built site")
    report.add_argument("outdir", type=Path, help=f"HTML output folder holding {JSON_FILENAME}")
    report.add_argument("--check", action="store_true", help="exit 1 if a block is over its limit")
    arguments = parser.parse_args(argv)

    path = arguments.outdir / JSON_FILENAME
    if not path.is_file():
        parser.error(f"{path} not found; build the HTML site first (sphinx-build -b html ...)")
    blocks = read_json(path)
    sys.stdout.write(format_table(blocks) + "\n")
    if arguments.check and any(block.status == "fail" for block in blocks):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
