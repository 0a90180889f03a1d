"""What the Nu Html Checker found, kept found: every page of both languages has unique ids and
only the attributes HTML allows on `<meta>` (run the checker itself as README says)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

#: The attributes HTML allows on <meta> (plus the global ones the site could use).
META_ATTRIBUTES = {"name", "content", "charset", "http-equiv", "property", "media", "id", "lang"}


def pages_of(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*.html")
        if not {"_static", "_sources", "_images", "es"} & set(path.relative_to(site).parts[:-1])
    )


@pytest.fixture(scope="module", params=["en", "es"])
def site(request) -> Path:
    return request.getfixturevalue("built_site" if request.param == "en" else "built_site_es")


def test_no_page_repeats_an_id(site):
    repeated = {}
    for path in pages_of(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        counts = Counter(tag["id"] for tag in soup.find_all(id=True))
        twice = sorted(i for i, n in counts.items() if n > 1)
        if twice:
            repeated[path.relative_to(site).as_posix()] = twice
    assert not repeated, f"ids used more than once on a page: {repeated}"


def test_captioned_tables_keep_their_id_for_the_headerlink(site):
    tables = 0
    for path in pages_of(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select("div.table-wrapper > table[id]"):
            tables += 1
            assert table.select_one(f'caption a.headerlink[href="#{table["id"]}"]'), path
            assert not table.parent.get("id"), path
    assert tables, "no captioned table found: the test no longer checks anything"


def test_meta_tags_carry_only_allowed_attributes(site):
    wrong = {}
    for path in pages_of(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for meta in soup.find_all("meta"):
            extra = set(meta.attrs) - META_ATTRIBUTES
            if extra:
                wrong.setdefault(path.relative_to(site).as_posix(), set()).update(extra)
    assert not wrong, f"<meta> attributes HTML does not allow: {wrong}"
