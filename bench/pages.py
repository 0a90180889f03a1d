"""What each built page costs a reader: gzipped HTML, CSS and JavaScript; the same pages in plain
furo; and scripts a page loads without using them."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from cart_static import MINIFIERS

#: The extensions' scripts and what in a page uses each (a page loading one without it
#: downloads a script it does not use).
SCRIPT_USERS = {
    "cart-quiz.js": re.compile(r'class="[^"]*\bcart-quiz\b'),
    "cart-my-questions.js": re.compile(r'class="[^"]*\bcart-mq-app\b'),
    "cart-progress.js": re.compile(r'class="[^"]*\bcart-progress\b'),
    "cart-storage.js": re.compile(r'class="[^"]*\bcart-(?:quiz|mq-app|progress)\b'),
    "tiers.js": re.compile(r'class="[^"]*\bcart-(?:tier|term)\b'),
}


def gzipped_size(data: bytes) -> int:
    """Bytes on the wire with gzip -9 (mtime fixed, so the figure is stable)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.js.append(found["src"])
        elif (
            tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href")
        ):
            self.css.append(found["href"])


def _local_file(html_dir: Path, page: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None
    return (page.parent / parts.path).resolve() if parts.path else None


def html_pages(html_dir: Path) -> list[Path]:
    return sorted(html_dir.rglob("*.html"))


def page_weights(html_dir: Path, extension_files: set[str]) -> list[dict]:
    """Per page: gzipped bytes of its HTML, of the CSS it links and of the JS it loads, and
    how much of that CSS and JS is the extensions' own (files named in `extension_files`)."""
    rows = []
    for page in html_pages(html_dir):
        data = page.read_bytes()
        assets = _Assets()
        assets.feed(data.decode("utf-8"))
        sizes = {"css": 0, "js": 0, "extensions": 0}
        for kind, references in (("css", assets.css), ("js", assets.js)):
            for reference in references:
                path = _local_file(html_dir, page, reference)
                if path is None or not path.is_file():
                    continue
                size = gzipped_size(path.read_bytes())
                sizes[kind] += size
                if path.name in extension_files:
                    sizes["extensions"] += size
        html = gzipped_size(data)
        rows.append(
            {
                "page": page.relative_to(html_dir).as_posix(),
                "html_gz": html,
                "css_gz": sizes["css"],
                "js_gz": sizes["js"],
                "extensions_gz": sizes["extensions"],
                "total_gz": html + sizes["css"] + sizes["js"],
            }
        )
    return rows


def extension_assets(static_dirs: dict[str, Path]) -> dict:
    """Each JavaScript and CSS file the site's own extensions ship (minified, as readers get
    it), gzipped, and the total; `source_gz` is the commented source for comparison."""
    files = []
    for extension, folder in static_dirs.items():
        for path in sorted(folder.rglob("*")):
            if path.suffix in MINIFIERS:
                source = path.read_text(encoding="utf-8")
                shipped = MINIFIERS[path.suffix](source).encode()
                files.append(
                    {
                        "extension": extension,
                        "file": path.name,
                        "bytes": len(shipped),
                        "gz": gzipped_size(shipped),
                        "source_gz": gzipped_size(source.encode()),
                    }
                )
    return {"files": files, "total_gz": sum(item["gz"] for item in files)}


def against_plain(ours: list[dict], plain: list[dict]) -> dict:
    """Each page's download over the same page's in plain furo (pages both builds have)."""
    theirs = {row["page"]: row["total_gz"] for row in plain}
    ratios = [
        {"page": row["page"], "ours_gz": row["total_gz"], "plain_gz": theirs[row["page"]],
         "ratio": round(row["total_gz"] / theirs[row["page"]], 3)}
        for row in ours
        if theirs.get(row["page"])
    ]  # fmt: skip
    return {"pages": sorted(ratios, key=lambda item: -item["ratio"])}


def unused_scripts(html_dir: Path) -> list[dict]:
    """The extensions' scripts each page loads without anything on it that uses them."""
    found = []
    for page in html_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        assets = _Assets()
        assets.feed(text)
        body = text.split("<body", 1)[-1]
        for reference in assets.js:
            file = urlsplit(reference).path.rsplit("/", 1)[-1]
            users = SCRIPT_USERS.get(file)
            if users is not None and not users.search(body):
                found.append({"page": page.relative_to(html_dir).as_posix(), "script": file})
    return found
