"""cart_static.search stems each word once per build; the search index is byte for byte the
one Sphinx writes without it, in English and Spanish, clean and after an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

PAGES = {
    "index.md": "# Home\n\n```{toctree}\none\ntwo\n```\n\nRunning runners ran; nurses nursed.\n",
    "one.md": "# Running one\n\nThe nurses are running tests. Fevers, fever, feverish.\n",
    "two.md": "# Two\n\nRunning, runners, nursing and fevers again; células y fiebre.\n",
}


def _index(source: Path, out: Path, extensions: list[str], *extra: str) -> bytes:
    for page, text in PAGES.items():
        (source / page).write_text(text, encoding="utf-8")
    (source / "conf.py").write_text(
        f'extensions = {extensions!r}\nproject = "Stems"\n', encoding="utf-8"
    )
    assert build_main(["-b", "html", "-q", *extra, str(source), str(out)]) == 0
    return (out / "searchindex.js").read_bytes()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_index_is_sphinxs(tmp_path, language):
    built = {}
    for name, extensions in (
        ("plain", ["myst_parser"]),
        ("ours", ["myst_parser", "cart_static.search"]),
    ):
        source = tmp_path / name
        source.mkdir()
        out = tmp_path / f"{name}-html"
        clean = _index(source, out, extensions, "-D", f"language={language}")
        (source / "two.md").write_text("# Two\n\nNurses running again.\n", encoding="utf-8")
        assert (
            build_main(["-b", "html", "-q", "-D", f"language={language}", str(source), str(out)])
            == 0
        )
        built[name] = (clean, (out / "searchindex.js").read_bytes())
    assert built["ours"] == built["plain"]
