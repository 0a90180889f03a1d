"""Every request Chromium makes when it opens each page of a built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cart_static.serving import CHROMIUM, CHROMIUM_ARGS, serve

from .pages import html_pages

LOCAL_HOST = "127.0.0.1"
FAVICON = "/favicon.ico"


def browser_requests(html_dir: Path) -> dict:
    """Open every page in Chromium and record every request it makes; count those that go
    anywhere but 127.0.0.1. Also counts failed requests and console errors."""
    if not CHROMIUM.exists():
        return {"skipped": "Chromium is not installed at /usr/bin/chromium"}

    pages = html_pages(html_dir)
    requests: list[str] = []
    failed: list[str] = []
    console_errors: list[str] = []

    opened = [""]  # the page being opened, to name it with what failed there

    def on_response(response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url} (on {opened[0]})")

    def on_failed(request) -> None:
        failed.append(f"failed {request.url} (on {opened[0]}: {request.failure})")

    def on_console(message) -> None:
        # Chromium asks for /favicon.ico by itself; that is no request of the page's.
        if message.type == "error" and not message.location["url"].endswith(FAVICON):
            console_errors.append(f"{message.location['url']}: {message.text}")

    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only with Chromium)

    with serve(html_dir) as site, sync_playwright() as playwright:
        base = f"{site}/"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        context = browser.new_context()
        tab = context.new_page()
        tab.on("request", lambda request: requests.append(request.url))
        tab.on("requestfailed", on_failed)
        tab.on("response", on_response)
        tab.on("console", on_console)
        for page in pages:
            opened[0] = page.relative_to(html_dir).as_posix()
            tab.goto(urljoin(base, opened[0]), wait_until="load")
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
        "failed_requests": sorted({item for item in failed if f"{FAVICON} " not in item}),
        "favicon_requests": sum(url.endswith(FAVICON) for url in requests),
        "console_errors": console_errors,
    }
