"""The real site loads nothing from other hosts and works under a strict
Content-Security-Policy; our extensions add no inline script and no style attribute."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import serve

#: Attributes whose value is a URL the browser may fetch. Only `<a href>` is allowed to
#: point to another host: a link the reader may follow loads nothing by itself.
URL_ATTRIBUTES = ("src", "href", "xlink:href", "srcset", "data", "poster", "action", "ping")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
#: The only style attributes in the built site, all the theme's or Sphinx's own (furo's icon
#: sprite and half-transparent icon paths, the general index's table cells). A strict policy
#: allows exactly these by hash (`style-src-attr 'unsafe-hashes' ...`); README: "Privacy and
#: security". Our extensions add none.
THEME_STYLE_ATTRIBUTES = {
    "display: none;",
    "opacity: 50%",
    "width: 100%",
    "width: 33%; vertical-align: top;",
}
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def built_pages(built_site: Path) -> list[Path]:
    return sorted(built_site.rglob("*.html"))


@functools.cache
def parsed_page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def elsewhere(url: str) -> bool:
    """True when the URL names another host (scheme-relative `//host/...` included)."""
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob", "mailto", "tel", "javascript", "about"}:
        return False
    return bool(parts.netloc) and parts.hostname not in LOCAL_HOSTS


def urls_in(attribute: str, value: str) -> list[str]:
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value]


def css_urls(text: str) -> list[str]:
    return [match.group(2) or match.group(4) or "" for match in CSS_URL.finditer(text)]


def sha256_source(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def is_ours(element) -> bool:
    """An element our extensions wrote: it or an ancestor carries a `cart-*` class."""
    for node in (element, *element.parents):
        if any(name.startswith("cart-") for name in node.get("class") or []):
            return True
    return False


def executable_inline_scripts(soup: BeautifulSoup) -> list:
    return [
        script
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type", "").lower() in EXECUTABLE_SCRIPT_TYPES
    ]


def test_no_page_loads_anything_from_another_host(built_site):
    """Only `<a href>` may name another host (cited sources); nothing that loads does."""
    loads = []
    for path in built_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        soup = parsed_page(path)
        for element in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if not value or (element.name == "a" and attribute == "href"):
                    continue
                loads += [
                    f"{page}: <{element.name} {attribute}={url!r}>"
                    for url in urls_in(attribute, value)
                    if elsewhere(url)
                ]
            style = element.get("style", "")
            loads += [f"{page}: style url({url})" for url in css_urls(style) if elsewhere(url)]
        for style in soup.find_all("style"):
            loads += [f"{page}: <style> {url}" for url in css_urls(style.text) if elsewhere(url)]
        for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
            target = REFRESH_URL.search(meta.get("content", ""))
            if target and elsewhere(target.group(1)):
                loads.append(f"{page}: meta refresh to {target.group(1)}")
    assert loads == []


def test_external_links_exist_and_are_plain_links(built_site):
    """The check above is not vacuous: the site cites sources on other hosts by `<a href>`."""
    links = [
        anchor["href"]
        for path in built_pages(built_site)
        for anchor in parsed_page(path).find_all("a", href=True)
        if elsewhere(anchor["href"])
    ]
    assert len(links) > 10
    assert all(urlsplit(link).scheme == "https" for link in links), [
        link for link in links if urlsplit(link).scheme != "https"
    ]


def test_no_stylesheet_loads_anything_from_another_host(built_site):
    stylesheets = sorted((built_site / "_static").rglob("*.css"))
    assert stylesheets
    loads = [
        f"{path.relative_to(built_site)}: {url}"
        for path in stylesheets
        for url in css_urls(path.read_text(encoding="utf-8"))
        if elsewhere(url)
    ]
    assert loads == []


def test_our_extensions_add_no_inline_script_style_or_handler(built_site):
    found = []
    for path in built_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        soup = parsed_page(path)
        for element in soup.find_all(True):
            if not is_ours(element):
                continue
            if element.has_attr("style"):
                found.append(f"{page}: <{element.name} class={element.get('class')}> has style=")
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            if handlers:
                found.append(f"{page}: <{element.name}> has {handlers}")
            if element.name in {"script", "style"}:
                found.append(f"{page}: inline <{element.name}> inside our markup")
        inline = [*executable_inline_scripts(soup), *soup.find_all("style")]
        found += [
            f"{page}: an inline <{element.name}> mentions cart: {element.text[:80]!r}"
            for element in inline
            if "cart" in element.text.lower()
        ]
    assert found == []


def test_the_only_style_attributes_are_the_themes_known_ones(built_site):
    values = {
        element["style"]
        for path in built_pages(built_site)
        for element in parsed_page(path).find_all(style=True)
    }
    assert values <= THEME_STYLE_ATTRIBUTES, (
        "a new style attribute needs a CSP allowance; update THEME_STYLE_ATTRIBUTES and the "
        f"README's 'Privacy and security' section: {values - THEME_STYLE_ATTRIBUTES}"
    )


def strict_policy(built_site: Path) -> str:
    """The strictest policy the built site can run under: our own files, plus the theme's
    inline script, inline style and the few style attributes allowed by their hashes."""
    scripts, styles, attributes = set(), set(), set()
    for path in built_pages(built_site):
        soup = parsed_page(path)
        scripts |= {sha256_source(script.text) for script in executable_inline_scripts(soup)}
        styles |= {sha256_source(style.text) for style in soup.find_all("style")}
        attributes |= {sha256_source(el["style"]) for el in soup.find_all(style=True)}
    return "; ".join(
        [
            "default-src 'none'",
            " ".join(["script-src 'self'", *sorted(scripts)]),
            " ".join(["style-src 'self'", *sorted(styles)]),
            " ".join(["style-src-attr 'unsafe-hashes'", *sorted(attributes)]),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def test_the_policy_allows_one_theme_script_and_no_script_of_ours(built_site):
    policy = strict_policy(built_site)
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert script_src.count("'sha256-") == 1, script_src
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@contextmanager
def serve_with_policy(directory: Path, policy: str) -> Iterator[str]:
    """Serve the built site as a static host would, with a Content-Security-Policy header."""
    with serve(directory, {"Content-Security-Policy": policy}) as url:
        yield url


#: The browser checks run on the English site and on the Spanish one (built with
#: `-D language=es` and served from `es/`, where it is published), each under its own strict
#: policy: the hashes are of that build's inline script and styles.
LANGUAGES = {"en": "built_site", "es": "built_site_es"}
#: A word of the site in each language, for a search with results.
SEARCH_WORDS = {"en": "fever", "es": "fiebre"}


@pytest.fixture(scope="module", params=list(LANGUAGES))
def strict_site_url(request):
    site = request.getfixturevalue(LANGUAGES[request.param])
    if request.param == "en":
        with serve_with_policy(site, strict_policy(site)) as url:
            yield url
    else:
        with serve_with_policy(site.parent, strict_policy(site)) as url:
            yield f"{url}/{site.name}"


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || ""}:${event.lineNumber || 0})`);
});
"""


@pytest.fixture
def watched_page(page):
    """A page that records CSP violations, console errors and uncaught exceptions."""
    page.problems = []
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message) -> None:
        # The browser asks for /favicon.ico on its own; the site has none, and that is no
        # request the page made.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            page.problems.append(f"console: {message.text} ({message.location['url']})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"exception: {error}"))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    return page


def problems(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("() => window.__cspViolations")
    return [f"violation: {text}" for text in violations] + page.problems


def check_first_answer_by_keyboard(page) -> str:
    """Choose the first option of the first question with Space, check it with Enter."""
    question = page.locator(".cart-question").first
    question.locator(".cart-choice-input").first.focus()
    page.keyboard.press("Space")
    question.locator(".cart-check").focus()
    page.keyboard.press("Enter")
    return question.locator(".cart-status").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    "address",
    [
        "index.html",
        "what-is-car-t.html",
        "quiz/what-is-car-t.html",
        "my-questions.html",
        "quiz-catalog.html",
        "glossary.html",
        "genindex.html",
        "search.html?q={word}",
    ],
)
def test_pages_load_under_the_strict_policy_without_violations(
    watched_page, strict_site_url, address
):
    language = "en" if not strict_site_url.endswith("/es") else "es"
    address = address.format(word=SEARCH_WORDS[language])
    response = watched_page.goto(f"{strict_site_url}/{address}")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    if address.startswith("search"):
        watched_page.locator("#search-results li").first.wait_for()
    assert problems(watched_page) == []


@pytest.mark.browser
def test_the_quiz_works_under_the_strict_policy(watched_page, strict_site_url):
    watched_page.goto(f"{strict_site_url}/what-is-car-t.html")
    status = check_first_answer_by_keyboard(watched_page)
    # Checked and announced, in the page's language: the verdict is set and the status
    # carries the running score (a digit), whatever the words.
    question = watched_page.locator(".cart-question").first
    assert question.get_attribute("data-result"), status
    assert status.strip() and re.search(r"\d", status), status
    assert problems(watched_page) == []


@pytest.mark.browser
def test_the_tier_switcher_works_under_the_strict_policy(watched_page, strict_site_url):
    page = watched_page
    page.goto(f"{strict_site_url}/what-is-car-t.html")
    switcher = page.locator(".cart-tier-switcher")
    assert switcher.is_visible()
    switcher.locator("input[type=radio]:checked").focus()
    page.keyboard.press("ArrowRight")
    chosen = page.evaluate("() => document.documentElement.dataset.cartTier")
    assert chosen == "detail"
    assert page.locator(".cart-tier--detail").first.is_visible()
    assert not page.locator(".cart-tier--simple").first.is_visible()
    assert problems(page) == []


@pytest.mark.browser
def test_the_violation_listener_sees_what_a_policy_without_the_hashes_blocks(
    watched_page, built_site
):
    """The checks above are not vacuous: drop the theme's hashes and violations show."""
    policy = re.sub(r" 'sha256-[^']+'", "", strict_policy(built_site))
    with serve_with_policy(built_site, policy) as url:
        watched_page.goto(f"{url}/index.html")
        seen = problems(watched_page)
    assert any(text.startswith("violation: script-src-elem blocked inline") for text in seen)
    assert any(text.startswith("violation: style-src-attr blocked inline") for text in seen)
