"""Find the translatable UI strings of an extension and write them as a gettext template.

Both extensions call ``_("...")`` (from ``sphinx.locale.get_translation``), often inside
f-strings. pybabel's extractor tokenizes the source and, on Python 3.11, cannot see calls inside
f-strings, so it misses many strings. The ``ast`` module parses f-strings and joins implicit
string concatenation, so walking its ``Call`` nodes finds every ``_("...")``.

    python -m cart_static.messages extensions/cart_quiz --pot cart_quiz.pot

The tests use :func:`translatable_strings` to check that every string has a translation.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po


def _calls(path: Path) -> list[tuple[str, int]]:
    """Each ``_("...")`` in one file, as (message, line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        (node.args[0].value, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def locations(package_dir: Path | str) -> dict[str, list[tuple[str, int]]]:
    """Every translatable string of a package, with where it is used, sorted by string."""
    package_dir = Path(package_dir)
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent).as_posix()
        for message, line in _calls(path):
            found.setdefault(message, []).append((relative, line))
    return dict(sorted(found.items()))


def translatable_strings(package_dir: Path | str) -> list[str]:
    """Every distinct string passed to ``_()`` in the package's Python files, sorted."""
    return list(locations(package_dir))


def template(package_dir: Path | str) -> Catalog:
    """A gettext template (.pot) of the package's strings; the domain is the package name."""
    name = Path(package_dir).name
    catalog = Catalog(project=name)
    for message, where in locations(package_dir).items():
        flags = ("python-brace-format",) if "{" in message else ()
        catalog.add(message, locations=where, flags=flags)
    return catalog


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cart_static.messages", description=__doc__)
    parser.add_argument(
        "package_dir", type=Path, help="an extension package, e.g. extensions/cart_quiz"
    )
    parser.add_argument("--pot", type=Path, required=True, help="the .pot file to write")
    args = parser.parse_args(argv)
    catalog = template(args.package_dir)
    with args.pot.open("wb") as out:
        write_po(out, catalog, width=79, sort_output=True, include_lineno=False)
    print(f"{len(catalog)} strings written to {args.pot}")  # noqa: T201


if __name__ == "__main__":
    main()
