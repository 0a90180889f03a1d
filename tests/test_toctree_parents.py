"""cart_static.toctree_parents: after an edit that changes no title, section or toctree, the
pages whose toctrees list the edited page are not written again, and the output still equals a
clean build's; after an edit that does change one, they are written as Sphinx would (plain
Sphinx, the first parameter, shows what that is)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

CONF = """\
import json
extensions = {extensions!r}
project = "Parents"
WRITTEN = []

def setup(app):
    app.connect("html-page-context", lambda app, pagename, *rest: WRITTEN.append(pagename))

    def dump(app, exception):
        with open({dump!r}, "w", encoding="utf-8") as handle:
            json.dump(sorted(WRITTEN), handle)

    app.connect("build-finished", dump)
"""
PAGES = {
    "index.md": "# Home\n\n```{toctree}\n:maxdepth: 2\n:numbered:\n\none\npart/index\n```\n",
    "one.md": "# One\n\n## A section\n\nText.\n",
    "part/index.md": "# Part\n\n```{toctree}\nleaf\n```\n",
    "part/leaf.md": "# Leaf\n\nText.\n",
}
EDITS = [
    ("a paragraph", {"one.md": "# One\n\n## A section\n\nText, and more text.\n"}, False),
    ("a paragraph in a nested page", {"part/leaf.md": "# Leaf\n\nOther text.\n"}, False),
    ("a title", {"one.md": "# One, renamed\n\n## A section\n\nText, and more text.\n"}, True),
    ("a section added", {"one.md": "# One, renamed\n\n## A section\n\n## Another\n"}, True),
    ("a nested title", {"part/leaf.md": "# Leaf, renamed\n\nOther text.\n"}, True),
]


def _write(source: Path, pages: dict[str, str], extensions: list[str], dump: Path) -> None:
    for page, text in pages.items():
        (source / page).parent.mkdir(parents=True, exist_ok=True)
        (source / page).write_text(text, encoding="utf-8")
    conf = CONF.format(extensions=extensions, dump=str(dump))
    (source / "conf.py").write_text(conf, encoding="utf-8")


def _build(source: Path, out: Path, dump: Path) -> list[str]:
    assert build_main(["-b", "html", "-q", str(source), str(out)]) == 0
    return json.loads(dump.read_text(encoding="utf-8"))


def _html(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}


@pytest.mark.parametrize(
    "extensions", [["myst_parser"], ["myst_parser", "cart_static.toctree_parents"]]
)
def test_parents_are_written_only_when_a_toctree_would_change(tmp_path, extensions):
    ours = "cart_static.toctree_parents" in extensions
    source, out, dump = tmp_path / "site", tmp_path / "html", tmp_path / "written.json"
    pages = dict(PAGES)
    _write(source, pages, extensions, dump)
    _build(source, out, dump)
    for number, (name, changed, toctrees_change) in enumerate(EDITS):
        pages.update(changed)
        _write(source, changed, extensions, dump)
        written = _build(source, out, dump)
        edited = {page.removesuffix(".md") for page in changed}
        parents = {"part/index"} if edited == {"part/leaf"} else {"index"}
        assert edited <= set(written), name
        if ours and not toctrees_change:
            assert not parents & set(written), f"after {name}: {written}"
        else:
            assert parents <= set(written), f"after {name}: {written}"
        if toctrees_change:
            # Sphinx itself leaves the edited page's neighbours' previous/next links as they
            # were; the parents' toctrees are new.
            title = next(iter(changed.values())).splitlines()[0].removeprefix("# ")
            for parent in parents:
                assert title in (out / f"{parent}.html").read_text("utf-8"), name
            continue
        clean = tmp_path / f"clean-{number}"
        _write(clean, pages, extensions, tmp_path / f"clean-{number}.json")
        _build(clean, tmp_path / f"clean-{number}-html", tmp_path / f"clean-{number}.json")
        assert _html(out) == _html(tmp_path / f"clean-{number}-html"), f"after {name}"
