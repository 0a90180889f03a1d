"""python -m cart_i18n update POT_DIR LOCALE_DIR --language es | report LOCALE_DIR [--check es]
| diagrams DIAGRAM_DIR LOCALE_DIR --language es"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import diagrams
from .catalogs import _read, format_report, merge, report, update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cart_i18n")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("update", help="merge the gettext builder's .pot files into .po")
    up.add_argument("pot_dir", type=Path)
    up.add_argument("locale_dir", type=Path)
    up.add_argument("--language", action="append", required=True)
    up.add_argument("--skip", action="append", default=["quiz"])
    dia = commands.add_parser(
        "diagrams", help="the diagrams' words into diagrams.po, and each drawing's twin"
    )
    dia.add_argument("diagram_dir", type=Path)
    dia.add_argument("locale_dir", type=Path)
    dia.add_argument("--language", action="append", required=True)
    rep = commands.add_parser("report", help="how much of each catalog is translated")
    rep.add_argument("locale_dir", type=Path)
    rep.add_argument("--check", action="append", default=[], help="exit 1 unless complete")
    args = parser.parse_args(argv)
    if args.command == "update":
        written = update(args.pot_dir, args.locale_dir, args.language, args.skip)
        print(f"{len(written)} catalogs updated in {args.locale_dir}")
        return 0
    if args.command == "diagrams":
        template = diagrams.extract(args.diagram_dir)
        for language in args.language:
            path = args.locale_dir / language / "LC_MESSAGES" / f"{diagrams.DOMAIN}.po"
            merge(path, template, language)
            written = diagrams.translate(args.diagram_dir, _read(path, language), language)
            problems = list(diagrams.stale(args.diagram_dir, _read(path, language), language))
            print(
                f"{language}: {len(template)} diagram strings in {path}; "
                f"{len(written)} drawings written; {len(problems)} strings to translate"
            )
        return 0
    figures = report(args.locale_dir)
    print(format_report(figures))
    incomplete = [
        language
        for language in args.check
        if any(item.translated < item.total for item in figures.get(language, []))
    ]
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(main())
