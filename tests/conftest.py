"""Shared fixtures: Sphinx test roots, the real site built once, and a real Chromium."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cart_static.serving import CHROMIUM, CHROMIUM_ARGS, serve

pytest_plugins = ("sphinx.testing.fixtures",)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "serve"]

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
SCREENSHOTS = REPO / "test-results" / "screenshots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot=...)` finds `tests/roots/test-<name>/`."""
    return Path(__file__).parent / "roots"


def build_site(outdir: Path, builder: str = "html", *extra: str) -> tuple[int, str]:
    """Build the real docs strictly; return the exit code and the warnings text."""
    from sphinx.cmd.build import build_main

    warnings_file = outdir.parent / f"{outdir.name}-warnings.txt"
    code = build_main(
        [
            "-b",
            builder,
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-w",
            str(warnings_file),
            *extra,
            str(DOCS),
            str(outdir),
        ]
    )
    return code, warnings_file.read_text(encoding="utf-8") if warnings_file.exists() else ""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with the strict settings."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    code, warnings = build_site(outdir)
    assert code == 0, f"strict build of docs/ failed:\n{warnings}"
    return outdir


@pytest.fixture(scope="session")
def built_site_es(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spanish site (`-D language=es`), built once per session where it is published:
    in `es/` beside an English site. Only the Spanish build is made here, to keep it cheap."""
    outdir = tmp_path_factory.mktemp("site-es") / "html" / "es"
    code, warnings = build_site(outdir, "html", "-D", "language=es")
    assert code == 0, f"strict Spanish build of docs/ failed:\n{warnings}"
    return outdir


def soup_of(app, page: str = "index.html"):
    """A built page of a sphinx.testing app, parsed."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def searched_pages(outdir: Path) -> set[str]:
    """The pages a built site's search can offer: those with a title or a word in its index."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found: set[str] = set()
    for table in ("terms", "titleterms"):
        for pages in index[table].values():
            numbers = pages if isinstance(pages, list) else [pages]
            found.update(index["docnames"][number] for number in numbers)
    return found


def copy_root(name: str, parent: Path) -> Path:
    """A private copy of `tests/roots/test-<name>` under `parent`, to edit and build."""
    target = parent / name
    shutil.copytree(Path(__file__).parent / "roots" / f"test-{name}", target)
    return target


def build_test_root(name: str, outdir: Path, builder: str = "html") -> Path:
    """Build `tests/roots/test-<name>` (a copy, so sources stay clean) into `outdir`."""
    from sphinx.cmd.build import build_main

    source = outdir.parent / f"{outdir.name}-src"
    shutil.copytree(Path(__file__).parent / "roots" / f"test-{name}", source)
    assert build_main(["-b", builder, "-q", "-W", str(source), str(outdir)]) == 0
    return outdir


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; tests skip only when it is not installed."""
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens Chromium is a browser test, whether or not it says so, so
    `-m "not browser"` (nox -s unit) always leaves out exactly the slow tier."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start each run without the failure screenshots of the last one."""
    shutil.rmtree(SCREENSHOTS / "failures", ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """When a browser test fails, save what its page showed and name the file in the report."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    if (
        report.when == "call"
        and report.failed
        and hasattr(page, "screenshot")
        and not page.is_closed()
    ):
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.nodeid)
        path = SCREENSHOTS / "failures" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=path, full_page=True)
            report.sections.append(("screenshot", str(path)))
        except Exception as error:  # a failed screenshot must not hide the test's failure
            report.sections.append(("screenshot", f"could not be saved: {error}"))
    return report


@pytest.fixture
def page(browser):
    """A fresh browser context per test, so storage never leaks between tests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def focused(page) -> dict:
    """What has keyboard focus: id, classes, tag, text and aria-label."""
    return page.evaluate(
        """() => { const e = document.activeElement; return {
             id: e.id, cls: e.className, tag: e.tagName.toLowerCase(),
             text: e.textContent.trim(), label: e.getAttribute("aria-label") || "" }; }"""
    )


def tab_until(page, predicate, limit: int = 120, key: str = "Tab") -> dict:
    """Press `key` until the focused element satisfies `predicate`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press(key)
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError(f"keyboard focus never reached the target; last: {focused(page)}")
