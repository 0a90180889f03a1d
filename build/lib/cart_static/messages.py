"""Find the translatable UI strings of an extension and write them as a gettext template.

Both extensions call ``_("...")`` (from ``sphinx.locale.get_translation``), often inside
f-strings. pybabel's extractor tokenizes the source and, on Python 3.11, cannot see calls inside
f-strings, so it misses many strings. The ``ast`` module parses f-strings and joins implicit
string concatenation, so walking its ``Call`` nodes finds every ``_("...")``.

    python -m cart_static.messages extensions/cart_quiz            # update .pot, .po, .mo
    python -m cart_static.messages extensions/cart_quiz --pot X.pot  # only write a template

Updating writes the package's ``locale/<domain>.pot``, merges it into every
``locale/<lang>/LC_MESSAGES/<domain>.po`` (new strings untranslated, gone strings dropped),
compiles each ``.mo``, and prints how many strings each language still lacks. The tests use
:func:`translatable_strings` to check that every string has a translation.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po


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


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as out:
        write_po(out, catalog, width=79, sort_output=True, include_lineno=False)


def update(package_dir: Path) -> dict[str, int]:
    """Write the template, merge it into every language's catalog and compile it; return the
    number of untranslated strings per language."""
    domain = package_dir.name
    pot = template(package_dir)
    _write(package_dir / "locale" / f"{domain}.pot", pot)
    missing: dict[str, int] = {}
    for po_path in sorted((package_dir / "locale").glob(f"*/LC_MESSAGES/{domain}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=domain)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write(po_path, catalog)
        with po_path.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog)
        missing[language] = sum(1 for message in catalog if message.id and not message.string)
    return missing


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cart_static.messages", description=__doc__)
    parser.add_argument(
        "package_dir", type=Path, help="an extension package, e.g. extensions/cart_quiz"
    )
    parser.add_argument("--pot", type=Path, help="only write the template to this file")
    args = parser.parse_args(argv)
    if args.pot:
        catalog = template(args.package_dir)
        _write(args.pot, catalog)
        print(f"{len(catalog)} strings written to {args.pot}")  # noqa: T201
        return
    for language, count in update(args.package_dir).items():
        print(f"{args.package_dir.name} ({language}): {count} untranslated")  # noqa: T201


if __name__ == "__main__":
    main()
