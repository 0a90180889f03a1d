"""What each built page costs a reader: gzipped HTML, CSS and JavaScript, and every request
a real browser makes when it opens the page."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cart_static import MINIFIERS
from conftest import CHROMIUM, CHROMIUM_ARGS, serve
from playwright.sync_api import sync_playwright

LOCAL_HOST = "127.0.0.1"
FAVICON = "/favicon.ico"


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


def browser_requests(html_dir: Path) -> dict:
    """Open every page in Chromium and record every request it makes; count those that go
    anywhere but 127.0.0.1. Also counts failed requests and console errors."""
    if not CHROMIUM.exists():
        return {"skipped": "Chromium is not installed at /usr/bin/chromium"}

    pages = html_pages(html_dir)
    requests: list[str] = []
    failed: list[str] = []
    console_errors: list[str] = []

    def on_response(response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def on_console(message) -> None:
        # Chromium asks for /favicon.ico by itself; that is no request of the page's.
        if message.type == "error" and not message.location["url"].endswith(FAVICON):
            console_errors.append(f"{message.location['url']}: {message.text}")

    with serve(html_dir) as site, sync_playwright() as playwright:
        base = f"{site}/"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        context = browser.new_context()
        tab = context.new_page()
        tab.on("request", lambda request: requests.append(request.url))
        tab.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
        tab.on("response", on_response)
        tab.on("console", on_console)
        for page in pages:
            tab.goto(urljoin(base, page.relative_to(html_dir).as_posix()), wait_until="load")
            tab.wait_for_load_state("networkidle")
        browser.close()
    # data: and blob: URLs have no host and reach no network.
    elsewhere = [url for url in requests if urlsplit(url).hostname not in {LOCAL_HOST, None}]
    return {
        "chromium": version,
        "pages": len(pages),
        "requests": len(requests),
        "third_party_requests": len(elsewhere),
        "third_party_urls": sorted(set(elsewhere)),
        "failed_requests": sorted({item for item in failed if not item.endswith(FAVICON)}),
        "favicon_requests": sum(url.endswith(FAVICON) for url in requests),
        "console_errors": console_errors,
    }
