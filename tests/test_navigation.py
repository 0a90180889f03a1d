"""cart_static.navigation writes furo's navigation tree byte for byte as furo does, for every
page: nested toctrees, captions, pages in folders, a page listed twice, orphans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

CONF = """\
import json
extensions = {extensions!r}
html_theme = "furo"
project = "Navigation"
TREES = {{}}

def setup(app):
    def grab(app, pagename, templatename, context, doctree):
        TREES[pagename] = context.get("furo_navigation_tree")

    def dump(app, exception):
        with open({dump!r}, "w", encoding="utf-8") as handle:
            json.dump(TREES, handle)

    app.connect("html-page-context", grab, priority=900)
    app.connect("build-finished", dump)
"""
PAGES = {
    "index.md": "# Home\n\n```{toctree}\n:caption: First part\n\none\npart/index\n```\n\n"
    "```{toctree}\n:caption: Second part\n:hidden:\n\ntwo\npart/deep/leaf\n"
    "https://example.org/\n```\n",
    "one.md": "# One & <one>\n\n## A section\n\nText.\n",
    "two.md": "# Two\n\n```{toctree}\nthree\n```\n",
    "three.md": "# Three\n",
    "part/index.md": "# Part\n\n```{toctree}\nchapter\ndeep/leaf\n```\n",
    "part/chapter.md": "# Chapter\n\n```{toctree}\n../three\n```\n",
    "part/deep/leaf.md": "# Leaf\n",
    "orphan.md": "---\norphan: true\n---\n# Orphan\n",
}


def _trees(tmp_path: Path, name: str, extensions: list[str]) -> dict[str, str]:
    source = tmp_path / name
    for page, text in PAGES.items():
        (source / page).parent.mkdir(parents=True, exist_ok=True)
        (source / page).write_text(text, encoding="utf-8")
    dump = tmp_path / f"{name}.json"
    conf = CONF.format(extensions=extensions, dump=str(dump))
    (source / "conf.py").write_text(conf, encoding="utf-8")
    assert build_main(["-b", "html", "-q", str(source), str(tmp_path / f"{name}-html")]) == 0
    return json.loads(dump.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[dict[str, str], dict[str, str]]:
    tmp_path = tmp_path_factory.mktemp("navigation")
    furo = _trees(tmp_path, "furo", ["myst_parser"])
    ours = _trees(tmp_path, "ours", ["myst_parser", "cart_static.navigation"])
    return furo, ours


def test_every_page_has_furos_tree(both):
    furo, ours = both
    assert furo.keys() == ours.keys()
    for page, tree in furo.items():
        assert ours[page] == tree, page


def test_the_tree_marks_the_current_page(both):
    _, ours = both
    leaf = ours["part/deep/leaf"]
    assert 'class="current reference internal" href="#"' in leaf
    assert "current-page" in leaf
    assert 'checked=""' in ours["part/chapter"]
    assert "current" not in ours["orphan"]


def _write(source: Path, pages: dict[str, str], extensions: list[str], dump: Path) -> None:
    for page, text in pages.items():
        (source / page).parent.mkdir(parents=True, exist_ok=True)
        (source / page).write_text(text, encoding="utf-8")
    conf = CONF.format(extensions=extensions, dump=str(dump))
    (source / "conf.py").write_text(conf, encoding="utf-8")


def _build(source: Path, out: Path, dump: Path) -> dict[str, str]:
    assert build_main(["-b", "html", "-q", str(source), str(out)]) == 0
    return json.loads(dump.read_text(encoding="utf-8"))


def _states(out: Path) -> dict[str, str]:
    return json.loads((out / ".doctrees" / "cart_navigation.json").read_text("utf-8"))["states"]


def test_a_rebuild_reuses_the_tree_only_while_the_tables_of_contents_are_unchanged(tmp_path):
    """Rebuilds keep the rendered tree while no title or toctree changed, and every page a
    rebuild writes has the tree furo writes for the same sources."""
    source, out, dump = tmp_path / "ours", tmp_path / "ours-html", tmp_path / "ours.json"
    pages = dict(PAGES)
    _write(source, pages, ["myst_parser", "cart_static.navigation"], dump)
    _build(source, out, dump)
    first = _states(out)
    edits = [
        ("a paragraph", {"three.md": "# Three\n\nA new paragraph.\n"}),
        ("a title", {"three.md": "# Three, renamed\n\nA new paragraph.\n"}),
        ("a page added",
         {"four.md": "# Four\n", "two.md": "# Two\n\n```{toctree}\nthree\nfour\n```\n"}),
        ("a section", {"one.md": "# One & <one>\n\n## A section, renamed\n\nText.\n"}),
    ]  # fmt: skip
    for number, (name, changed) in enumerate(edits, start=1):
        pages.update(changed)
        _write(source, changed, ["myst_parser", "cart_static.navigation"], dump)
        written = _build(source, out, dump)
        states = _states(out)
        if name == "a paragraph":
            assert states.items() <= first.items(), "the same tables of contents rendered again"
        else:
            assert not states.keys() & first.keys(), f"after {name}: a tree from before"
        plain = tmp_path / f"furo-{number}"
        _write(plain, pages, ["myst_parser"], tmp_path / f"furo-{number}.json")
        furo = _build(plain, tmp_path / f"furo-{number}-html", tmp_path / f"furo-{number}.json")
        assert written, name
        for page, tree in written.items():
            assert tree == furo[page], f"after {name}: {page}"
