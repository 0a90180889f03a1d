"""WCAG 2.2 AA, proven in a real browser on every page of the built site.

axe-core runs on every built HTML page in four modes (light at 1280, dark at 1440 CSS px,
where furo shows the page's contents in a column of their own, and both at 320 CSS px). The
other tests check what axe cannot compute: keyboard use with visible, unobscured focus and no
traps; reflow at 320 px; text zoom to 200 %; target sizes; skip link, headings, language and
titles; reduced motion; and the accessibility tree of a quiz question. Screenshots for review
go to ``test-results/screenshots/``.

The whole module runs once per language of the site (``LANGUAGES``: the English site and the
Spanish one, built with ``-D language=es`` and served from ``es/`` as it is published), so test
ids read ``[es-dark-320]``. No check matches English words: each goes by structure, classes and
roles, so it holds in every language.

pydata-sphinx-theme's ``tests/test_a11y.py`` is the model: the real site is built once and
served on 127.0.0.1, and each test opens pages and asserts on what a reader gets.
Run with ``nox -s a11y`` (or ``nox -s tests``, which includes these tests).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SCREENSHOTS, serve

pytestmark = pytest.mark.browser

#: axe-core rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: The only place an axe-core rule may be switched off: rule id -> why. Keep it empty.
AXE_EXCLUDED_RULES: dict[str, str] = {}

#: Controls this project adds (quiz, tier switcher, My questions), the theme toggles it
#: makes keyboard-operable and the footnotes' lists of back-links; each must offer a target of
#: at least 24 by 24 CSS px.
PROJECT_CONTROLS = ", ".join(
    [
        ".cart-quiz button",
        ".cart-quiz input",
        ".cart-quiz summary",
        ".cart-quiz select",
        ".cart-tier-switcher input",
        ".cart-my-questions button",
        ".cart-my-questions input",
        ".cart-my-questions textarea",
        ".cart-my-questions select",
        ".cart-my-questions summary",
        "aside.footnote > .backrefs a",
        ".theme-toggle",
        ".nav-overlay-icon",
        ".toc-overlay-icon",
    ]
)

#: The project's own widgets, for the reduced-motion check.
PROJECT_ELEMENTS = (
    ".cart-quiz, .cart-quiz *, .cart-tier-switcher, .cart-tier-switcher *, .cart-tier, "
    ".cart-term, .cart-term *, .cart-my-questions, .cart-my-questions *, "
    ".sidebar-drawer, .toc-drawer, .skip-to-content, .back-to-top"
)

#: The languages the suite runs on, each with the conftest fixture that builds its site.
LANGUAGES = {"en": "built_site", "es": "built_site_es"}

#: Besides every built page, the view a search produces (its results are written by script):
#: a word the site uses, in each language.
SEARCH_WORDS = {"en": "fever", "es": "fiebre"}

DESKTOP = {"width": 1280, "height": 900}
#: furo's widest layout (above 82em): the page's contents sit in a column of their own.
WIDE = {"width": 1440, "height": 900}
NARROW = {"width": 320, "height": 720}


@dataclass(frozen=True)
class Mode:
    """How a reader sees the site: colour scheme, how it was chosen, and the width."""

    name: str
    scheme: str
    os_scheme: str
    stored_choice: str | None
    viewport: dict[str, int]


#: Both ways furo picks a scheme are covered: the reader's explicit toggle (stored in
#: localStorage "theme", overriding the opposite system setting) and "auto" (the system's
#: prefers-color-scheme).
MODES = [
    Mode("light-1280", "light", os_scheme="dark", stored_choice="light", viewport=DESKTOP),
    Mode("dark-1440", "dark", os_scheme="light", stored_choice="dark", viewport=WIDE),
    Mode("light-320", "light", os_scheme="light", stored_choice=None, viewport=NARROW),
    Mode("dark-320", "dark", os_scheme="dark", stored_choice=None, viewport=NARROW),
]
MODE_BY_NAME = {mode.name: mode for mode in MODES}

# JavaScript run in the page. Tests may inject anything; the site itself never does.

SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

DESCRIBE = """
window.__a11yDescribe = (el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && e !== document.body; e = e.parentElement) {
    let part = e.tagName.toLowerCase();
    if (e.id) { parts.unshift(part + '#' + e.id); break; }
    const same = [...e.parentElement.children].filter(c => c.tagName === e.tagName);
    if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
    parts.unshift(part);
  }
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 40);
  return parts.join(' > ') + (name ? ' "' + name + '"' : '');
};
"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const candidates = [el, el.closest('label'), ...(el.labels || [])].filter(Boolean);
  const ring = (e) => {
    const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  };
  const unobscured = (e) => {
    const r = e.getBoundingClientRect();
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    if (r.width <= 0 || r.height <= 0 || right <= left || bottom <= top) return false;
    const points = [[(left + right) / 2, (top + bottom) / 2], [left + 1, top + 1],
                    [right - 1, top + 1], [left + 1, bottom - 1], [right - 1, bottom - 1]];
    return points.some(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit && candidates.some(c => c === hit || c.contains(hit) || hit.contains(c));
    });
  };
  const style = getComputedStyle(el);
  return {
    element: window.__a11yDescribe(el),
    visible: style.visibility === 'visible' && candidates.some(unobscured),
    indicator: candidates.some(ring),
  };
}"""

TABBABLE_COUNT = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]')
    && e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible').length"""

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  // Data tables and code may scroll sideways in their own box (the 1.4.10 exception).
  const ownBox = '.table-wrapper, pre';
  const problems = [];
  if (root.scrollWidth > width + 1) {
    problems.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + width);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !el.matches(ownBox)) {
      problems.push(window.__a11yDescribe(el).slice(0, 60) + ' scrolls sideways: '
        + el.scrollWidth + ' > ' + el.clientWidth + ' px');
    }
    if (el.closest(ownBox) || style.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1 && (r.right > width + 1 || r.left < -1)) {
      problems.push(window.__a11yDescribe(el) + ' spans ' + Math.round(r.left) + '..'
        + Math.round(r.right) + ' px');
    }
    if (problems.length > 5) break;
  }
  return problems;
}"""

CLIPPED_TEXT = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('[role=main] *, .cart-quiz *, header *')) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    const clipsX = ['hidden', 'clip'].includes(style.overflowX);
    const clipsY = ['hidden', 'clip'].includes(style.overflowY);
    if ((clipsX && el.scrollWidth > el.clientWidth + 1)
        || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(window.__a11yDescribe(el));
    }
  }
  return problems;
}"""

HEADINGS = """() => [...document.querySelectorAll(
    '[role=main] h1, [role=main] h2, [role=main] h3, [role=main] h4, [role=main] h5,'
    + ' [role=main] h6, [role=main] [role=heading]')]
  .map(h => [
    h.getAttribute('aria-level') ? Number(h.getAttribute('aria-level')) : Number(h.tagName[1]),
    h.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60),
  ])"""

PAGE_FACTS = """() => {
  const first = [...document.querySelectorAll('a[href], button, input, [tabindex]')]
    .find(e => e.tabIndex >= 0 && e.getClientRects().length > 0
      && getComputedStyle(e).visibility === 'visible');
  const target = first && first.hash ? document.getElementById(first.hash.slice(1)) : null;
  return {
    lang: document.documentElement.lang,
    title: document.title.trim(),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role=main]').length,
    skipText: first ? first.textContent.trim() : '',
    skipLink: Boolean(first && first.matches('a.skip-to-content')),
    skipTarget: Boolean(target && target.matches('main, [role=main], [role=main] *')),
  };
}"""

MOTION = """(selector) => [...document.querySelectorAll(selector)].flatMap(el => {
  const s = getComputedStyle(el);
  const longest = (v) => Math.max(...v.split(',').map(t => parseFloat(t) || 0));
  const moving = [];
  if (longest(s.transitionDuration) + longest(s.transitionDelay) > 0)
    moving.push('transition ' + s.transitionProperty + ' ' + s.transitionDuration);
  if (s.animationName !== 'none' && longest(s.animationDuration) > 0)
    moving.push('animation ' + s.animationName + ' ' + s.animationDuration);
  return moving.map(m => window.__a11yDescribe(el) + ': ' + m);
})"""

NEXT_CHOICE = """() => Boolean(document.activeElement.closest('.cart-choice')
  .nextElementSibling?.querySelector('.cart-choice-input'))"""

SHOWN_TIERS = """() => [...document.querySelectorAll('.cart-tier:not([hidden])')]
  .map(b => b.dataset.tier)"""

OPEN_DETAILS = """() => document.querySelectorAll('.cart-quiz details, .cart-my-questions details')
  .forEach(d => { d.open = true; })"""

TARGETS = """(selector) => [...document.querySelectorAll(selector)].flatMap(el => {
  if (el.getClientRects().length === 0 || getComputedStyle(el).visibility !== 'visible') return [];
  const boxes = [el, el.closest('label'), ...(el.labels || [])].filter(Boolean)
    .map(e => e.getBoundingClientRect());
  const fits = boxes.some(r => r.width >= 23.95 && r.height >= 23.95);
  const r = el.getBoundingClientRect();
  return fits ? [] : [window.__a11yDescribe(el) + ': ' + Math.round(r.width * 10) / 10 + ' x '
    + Math.round(r.height * 10) / 10 + ' px'];
})"""


# Fixtures and helpers


@pytest.fixture(scope="module", params=list(LANGUAGES))
def language(request) -> str:
    """The language of the site under test: every test of the module runs once per language."""
    return request.param


@pytest.fixture(scope="module")
def site_dir(request, language: str) -> Path:
    """The built site in this language (built once per session by conftest)."""
    return request.getfixturevalue(LANGUAGES[language])


@pytest.fixture(scope="module")
def site_url(site_dir: Path, language: str) -> Iterator[str]:
    """The site in this language, served on 127.0.0.1 where it is published: a translated
    site from its folder beside the English one (``/es/``), so relative links keep their
    shape."""
    if language == "en":
        with serve(site_dir) as url:
            yield url
    else:
        with serve(site_dir.parent) as url:
            yield f"{url}/{site_dir.name}"


@pytest.fixture(scope="module")
def search_results(language: str) -> str:
    return f"search.html?q={SEARCH_WORDS[language]}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from a packaged copy: AXE_CORE_JS if set (e.g. npm's axe.min.js), else the
    copy bundled with axe-playwright-python. Never a CDN."""
    override = os.environ.get("AXE_CORE_JS")
    if override:
        return Path(override).read_text(encoding="utf-8")
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    pages = sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(path.relative_to(site_dir).parts)
    )
    assert "index.html" in pages
    return pages


@pytest.fixture(scope="module")
def views(site_pages: list[str], search_results: str) -> list[str]:
    """Every page, plus a page of search results."""
    return [*site_pages, search_results]


@pytest.fixture(scope="module")
def page_kinds(site_dir: Path, site_pages: list[str]) -> dict[str, str]:
    """The pages the focused tests use: a tiered page, the page of the richest quiz and, once
    built, the My questions page."""
    texts = {name: (site_dir / name).read_text(encoding="utf-8") for name in site_pages}
    tiered = [name for name, text in texts.items() if "cart-tier-switcher" in text]
    quizzes = [name for name, text in texts.items() if 'class="cart-quiz"' in text]
    assert tiered, "no page with a tier switcher was built"
    assert quizzes, "no page with a quiz was built"

    def question_kinds(name: str) -> int:
        return len(set(re.findall(r'data-question-type="([\w-]+)"', texts[name])))

    kinds = {"tiered": tiered[0], "quiz": max(quizzes, key=question_kinds)}
    my_questions = [name for name, text in texts.items() if 'class="cart-my-questions' in text]
    if my_questions:
        kinds["my_questions"] = my_questions[0]
    return kinds


def prepare(page, mode: Mode | None = None, *, reduced_motion: str = "no-preference") -> None:
    """Put a page into a mode: viewport, system scheme, stored theme choice, motion."""
    mode = mode or MODES[0]
    page.set_viewport_size(mode.viewport)
    page.emulate_media(color_scheme=mode.os_scheme, reduced_motion=reduced_motion)
    choice = (
        f"localStorage.setItem('theme', {mode.stored_choice!r})"
        if mode.stored_choice
        else "localStorage.removeItem('theme')"
    )
    page.context.add_init_script(script=f"try {{ {choice}; }} catch (e) {{}}\n{DESCRIBE}")


def visit(page, url: str) -> None:
    """Open a page and wait until its deferred scripts have run and layout has settled."""
    page.goto(url, wait_until="load")
    if "search.html?q=" in url:
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')?.textContent.trim()"
        )
    page.evaluate(SETTLE)


def screenshot_name(*parts: str, folder: str = "") -> Path:
    """A path under test-results/screenshots/ named from parts, safe for any filesystem."""
    directory = SCREENSHOTS / folder
    directory.mkdir(parents=True, exist_ok=True)
    return directory / ("-".join(re.sub(r"[^\w.-]+", "_", part) for part in parts) + ".png")


def press(page, key: str) -> dict | None:
    """Press a key, then wait (up to 1.5 s, for smooth scrolling and transitions) until the
    focused element is visible with a focus indicator; return its focus state."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page.keyboard.press(key)
    with contextlib.suppress(PlaywrightTimeoutError):  # the state returned says what is wrong
        page.wait_for_function(
            f"() => {{ const s = ({FOCUS_STATE})(); return !s || (s.visible && s.indicator); }}",
            timeout=1500,
        )
    return page.evaluate(FOCUS_STATE)


def assert_focus_shown(state: dict | None, step: str) -> None:
    """The focused element can be seen, and so can its focus indicator."""
    assert state is not None, f"{step}: focus left the page"
    assert state["visible"], f"{step}: focused element is off-screen or covered: {state}"
    assert state["indicator"], f"{step}: focused element has no outline or box-shadow: {state}"


def tab_walk(page, key: str, limit: int) -> list[str]:
    """Press Tab (or Shift+Tab) until focus leaves the page or wraps round to the first stop
    (Chromium may wrap without leaving), checking every stop; fail on any other repeated
    stop (a trap) or on a walk longer than ``limit``."""
    stops: list[str] = []
    for step in range(limit):
        state = press(page, key)
        if state is None or (stops and state["element"] == stops[0]):
            return stops
        assert_focus_shown(state, f"{key} #{step + 1}")
        assert state["element"] not in stops, (
            f"focus is trapped: {key} came back to {state['element']} after {stops[-5:]}"
        )
        stops.append(state["element"])
    pytest.fail(f"{key} never left the page after {limit} presses: {stops[-5:]}")


def focus_until(page, predicate_js: str, limit: int = 400) -> dict:
    """Press Tab until the focused element matches a JS predicate, checking every stop."""
    for step in range(limit):
        state = press(page, "Tab")
        assert_focus_shown(state, f"Tab #{step + 1}")
        if page.evaluate(f"() => ({predicate_js})(document.activeElement)"):
            return state
    pytest.fail(f"Tab never reached an element matching {predicate_js}")


# axe-core on every page


@pytest.mark.parametrize("mode", MODES, ids=[mode.name for mode in MODES])
def test_axe_finds_no_wcag_violation_on_any_page(page, site_url, views, axe_source, mode, language):
    """Every page passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules in this mode."""
    prepare(page, mode)
    page.context.add_init_script(script=axe_source)
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": False} for rule in AXE_EXCLUDED_RULES},
        "resultTypes": ["violations"],
    }
    found: list[str] = []
    for name in views:
        visit(page, f"{site_url}/{name}")
        if mode.scheme == "dark":
            assert page.evaluate(
                "getComputedStyle(document.body).getPropertyValue('--color-background-primary')"
            ).strip() not in {"#fff", "#ffffff", "white"}, f"{name} did not turn dark"
        result = page.evaluate("options => axe.run(document, options)", options)
        for violation in result["violations"]:
            found.extend(
                f"[{violation['impact']}] {violation['id']} on {name}: "
                f"{' '.join(map(str, node['target']))}\n"
                f"    {violation['help']} -> {violation['helpUrl']}\n"
                f"    {node['failureSummary'].splitlines()[-1].strip()}"
                for node in violation["nodes"]
            )
        if result["violations"]:
            page.screenshot(
                path=screenshot_name("axe", language, mode.name, name, folder="failures")
            )
    version = page.evaluate("axe.version")
    assert not found, (
        f"axe-core {version} found {len(found)} violation(s) in {language} {mode.name} "
        f"(screenshots in {SCREENSHOTS / 'failures'}):\n" + "\n".join(found)
    )


# Structure of every page: language, title, landmarks, skip link, headings


@pytest.fixture(scope="module")
def page_facts(browser, site_url, views) -> dict[str, dict]:
    """What each page declares, read once in the browser: lang, title, h1s, skip link."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(script=DESCRIBE)
    page = context.new_page()
    facts = {}
    for name in views:
        visit(page, f"{site_url}/{name}")
        facts[name] = page.evaluate(PAGE_FACTS) | {"headings": page.evaluate(HEADINGS)}
    context.close()
    return facts


def test_every_page_declares_its_language(page_facts, language):
    """`lang` is set, so screen readers speak the page in the right voice (3.1.1)."""
    missing = [name for name, facts in page_facts.items() if not facts["lang"]]
    assert not missing, f"no lang attribute on: {missing}"
    assert {facts["lang"] for facts in page_facts.values()} == {language}


def test_page_titles_are_unique(page_facts, search_results):
    """Every page has its own title, so tabs and history tell pages apart (2.4.2)."""
    pages = {name: facts for name, facts in page_facts.items() if name != search_results}
    titles = Counter(facts["title"] for facts in pages.values())
    assert "" not in titles, "a page has an empty <title>"
    repeated = {
        title: [name for name, facts in pages.items() if facts["title"] == title]
        for title, count in titles.items()
        if count > 1
    }
    assert not repeated, f"pages share a title: {repeated}"


def test_every_page_has_one_main_landmark_and_a_skip_link_to_it(page_facts):
    """The first thing Tab reaches is "Skip to content", pointing into the main landmark."""
    problems = [
        f"{name}: main landmarks={facts['main']}, first focusable={facts['skipText']!r}, "
        f"target in main={facts['skipTarget']}"
        for name, facts in page_facts.items()
        if facts["main"] != 1
        or not facts["skipLink"]
        or not facts["skipText"]
        or not facts["skipTarget"]
    ]
    assert not problems, "\n".join(problems)


def test_every_page_has_one_h1_and_no_skipped_heading_level(page_facts):
    """One h1, first in the main content, and each heading at most one level deeper than
    the one before it (1.3.1, 2.4.6)."""
    problems = []
    for name, facts in page_facts.items():
        levels = [level for level, _ in facts["headings"]]
        if facts["h1"] != 1 or not levels or levels[0] != 1:
            problems.append(f"{name}: {facts['h1']} h1 element(s), outline starts {levels[:1]}")
            continue
        problems.extend(
            f"{name}: h{before} -> h{after} before {text!r}"
            for (before, _), (after, text) in itertools.pairwise(facts["headings"])
            if after > before + 1
        )
    assert not problems, "skipped heading levels:\n" + "\n".join(problems)


# Keyboard


def test_skip_link_comes_first_and_moves_focus_into_the_main_content(page, site_url):
    """Tab shows "Skip to content"; Enter on it sends the next Tab into the article."""
    prepare(page)
    visit(page, f"{site_url}/index.html")
    state = press(page, "Tab")
    assert_focus_shown(state, "first Tab")
    assert page.evaluate("document.activeElement.matches('a.skip-to-content')"), state
    assert page.evaluate("document.activeElement.textContent.trim()"), "the skip link has no text"
    page.keyboard.press("Enter")
    state = press(page, "Tab")
    assert_focus_shown(state, "Tab after the skip link")
    assert page.evaluate("document.activeElement.closest('[role=main]') !== null"), state


@pytest.mark.parametrize("mode_name", ["light-1280", "dark-320"])
def test_keyboard_walk_of_the_home_page(page, site_url, mode_name):
    """Tab visits every control of the home page, each visibly, and leaves the page;
    Shift+Tab visits the same stops in reverse: focus is never trapped or hidden."""
    prepare(page, MODE_BY_NAME[mode_name])
    visit(page, f"{site_url}/index.html")
    tabbable = page.evaluate(TABBABLE_COUNT)
    forward = tab_walk(page, "Tab", limit=tabbable + 5)
    assert len(forward) == tabbable, f"Tab reached {len(forward)} of {tabbable} controls"
    backward = tab_walk(page, "Shift+Tab", limit=tabbable + 5)
    # Scrolling up shows furo's "Back to top" link, so Shift+Tab may meet one extra stop.
    assert [stop for stop in backward if stop in forward] == forward[::-1]


def test_back_to_top_keeps_focus_when_the_page_reaches_the_top(page, site_url):
    """furo hides "Back to top" near the top of the page; once it has focus it stays, so
    focus is never dropped to the page's body while a keyboard reader moves up."""
    prepare(page, MODE_BY_NAME["dark-320"])
    visit(page, f"{site_url}/index.html")
    page.evaluate("window.scrollTo(0, 900)")
    page.evaluate(SETTLE)
    page.evaluate("window.scrollTo(0, 600)")  # scrolling up shows the link
    page.wait_for_function("document.documentElement.classList.contains('show-back-to-top')")
    page.locator(".back-to-top").focus()
    page.evaluate("window.scrollTo(0, 0)")  # furo hides it within 64 px of the top
    page.wait_for_function("!document.documentElement.classList.contains('show-back-to-top')")
    page.evaluate(SETTLE)
    assert page.evaluate("document.activeElement.classList.contains('back-to-top')"), (
        "focus was dropped to the page's body"
    )
    state = page.evaluate(FOCUS_STATE)
    assert_focus_shown(state, "Back to top after reaching the top")


def test_site_navigation_drawer_opens_and_closes_by_keyboard_at_320px(page, site_url):
    """At 320 px the menu button opens the navigation with Enter or Space, moves focus into
    it, and Escape closes it and returns focus to the button."""
    prepare(page, MODE_BY_NAME["light-320"])
    visit(page, f"{site_url}/index.html")
    focus_until(page, "e => e.classList.contains('nav-overlay-icon')")
    button = page.locator(".nav-overlay-icon")
    assert button.get_attribute("role") == "button"
    assert button.get_attribute("aria-expanded") == "false"
    for key in ("Enter", " "):
        state = press(page, key)
        assert_focus_shown(state, f"{key!r} on the menu button")
        assert page.evaluate("document.activeElement.closest('.sidebar-drawer') !== null")
        assert button.get_attribute("aria-expanded") == "true"
        state = press(page, "Escape")
        assert_focus_shown(state, "Escape in the drawer")
        assert "nav-overlay-icon" in page.evaluate("document.activeElement.className")
        assert button.get_attribute("aria-expanded") == "false"


def test_tier_switcher_works_by_keyboard(page, site_url, page_kinds):
    """Tab reaches the switcher; arrow keys change the tier and what the page shows; the
    change is announced; Tab moves on and Shift+Tab comes back to the chosen tier."""
    prepare(page)
    visit(page, f"{site_url}/{page_kinds['tiered']}")
    focus_until(page, "e => e.closest('.cart-tier-switcher') !== null")
    radios = page.locator(".cart-tier-switcher input[type=radio]")
    names = radios.evaluate_all("rs => rs.map(r => r.value)")
    status = page.locator(".cart-tier-switcher [role=status]")
    start = page.evaluate("document.activeElement.value")
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowRight"):
        before = page.evaluate("document.activeElement.value")
        state = press(page, key)
        assert_focus_shown(state, f"{key} in the tier switcher")
        now = page.evaluate("document.activeElement.value")
        step = 1 if key in ("ArrowRight", "ArrowDown") else -1
        assert now == names[(names.index(before) + step) % len(names)]
        assert page.evaluate("document.activeElement.checked")
        assert now in page.evaluate(SHOWN_TIERS)
        assert status.text_content().strip(), "the new tier was not announced"
    state = press(page, " ")
    assert_focus_shown(state, "Space in the tier switcher")
    chosen = page.evaluate("document.activeElement.value")
    assert chosen != start or len(names) == 1
    state = press(page, "Tab")
    assert_focus_shown(state, "Tab out of the tier switcher")
    assert page.evaluate("document.activeElement.closest('.cart-tier-switcher') === null")
    state = press(page, "Shift+Tab")
    assert_focus_shown(state, "Shift+Tab back to the tier switcher")
    assert page.evaluate("document.activeElement.value") == chosen


def test_a_whole_quiz_can_be_done_by_keyboard(page, site_url, page_kinds):
    """Every question of the richest quiz is answered and checked with Tab, arrows, Space
    and Enter only; feedback is announced, the summary appears, and Tab leaves the quiz."""
    prepare(page)
    visit(page, f"{site_url}/{page_kinds['quiz']}")
    quiz = page.locator(".cart-quiz").first
    # Follow a link to the quiz, as a reader would from the page's contents.
    visit(page, f"{site_url}/{page_kinds['quiz']}#{quiz.get_attribute('aria-labelledby')}")
    questions = quiz.locator("fieldset.cart-question")
    for index in range(questions.count()):
        question = questions.nth(index)
        qid = question.get_attribute("id")
        kind = question.get_attribute("data-question-type")
        in_question = f"e => e.closest('fieldset') && e.closest('fieldset').id === {qid!r}"
        focus_until(page, f"e => ({in_question})(e) && e.matches('.cart-choice-input, .cart-move')")
        if kind == "ordering":
            focus_until(page, "e => e.matches('.cart-move[data-move=\"1\"]')")
            state = press(page, "Enter")
            assert_focus_shown(state, f"{qid}: Enter on Move down")
            assert question.locator(".cart-status").text_content().strip(), "move not announced"
        elif kind == "multiple":
            while True:
                if page.evaluate("document.activeElement.hasAttribute('data-correct')"):
                    assert_focus_shown(press(page, " "), f"{qid}: Space on a checkbox")
                    assert page.evaluate("document.activeElement.checked")
                if not page.evaluate(NEXT_CHOICE):
                    break
                assert_focus_shown(press(page, "Tab"), f"{qid}: Tab to the next checkbox")
        else:
            for _ in range(question.locator(".cart-choice-input").count()):
                if page.evaluate("document.activeElement.hasAttribute('data-correct')"):
                    break
                assert_focus_shown(press(page, "ArrowDown"), f"{qid}: ArrowDown")
            assert_focus_shown(press(page, " "), f"{qid}: Space on a radio")
            assert page.evaluate("document.activeElement.checked")
        focus_until(page, f"e => ({in_question})(e) && e.matches('.cart-check')")
        assert_focus_shown(press(page, "Enter"), f"{qid}: Enter on Check answer")
        assert question.get_attribute("data-result"), f"{qid} was not checked"
        assert question.locator(".cart-status").text_content().strip(), f"{qid}: no feedback"
    assert quiz.locator(".cart-summary").text_content().strip(), "no summary after the quiz"
    focus_until(page, "e => e.closest('.cart-quiz') === null")
    state = press(page, "Shift+Tab")
    assert_focus_shown(state, "Shift+Tab back into the quiz")
    assert page.evaluate("document.activeElement.closest('.cart-quiz') !== null")


def test_focus_moved_off_screen_is_in_view_at_once(page, site_url, page_kinds):
    """Tab to a control below the screen scrolls it fully into view in the same frame.

    A smooth scroll (furo's default) can be cut short on a busy device, leaving the focused
    control below the screen for good (seen: 25 px off-screen for 15 s, WCAG 2.4.11); so
    focus scrolling is instant for every reader, not only with reduced motion."""
    prepare(page)
    visit(page, f"{site_url}/{page_kinds['quiz']}")
    checks = page.locator(".cart-quiz .cart-check")
    target = checks.nth(checks.count() - 1)
    target.evaluate(
        """b => { const stops = [...document.querySelectorAll('.cart-quiz button, .cart-quiz a,'
             + ' .cart-quiz input, .cart-quiz summary')].filter(e => e.getClientRects().length);
           stops[stops.indexOf(b) - 1].focus({preventScroll: true});
           window.scrollTo({top: 0, behavior: 'instant'}); }"""
    )
    page.keyboard.press("Tab")
    state = page.evaluate(f"() => {{ const s = ({FOCUS_STATE})(); s.y = scrollY; return s; }}")
    assert page.evaluate("document.activeElement.classList.contains('cart-check')")
    assert_focus_shown(state, "Tab to a control below the screen, same frame")
    scrollers = page.evaluate(
        """() => ['html', '.sidebar-scroll', '.toc-scroll'].map(s => document.querySelector(s))
             .filter(Boolean).map(e => getComputedStyle(e).scrollBehavior)"""
    )
    assert set(scrollers) == {"auto"}, "the page and furo's sidebars scroll at once too"


def test_quiz_question_accessibility_tree(page, site_url, page_kinds):
    """A question is a group named by its legend; each radio is named by its label; Space
    sets the checked state that assistive technology reads."""
    prepare(page)
    visit(page, f"{site_url}/{page_kinds['quiz']}")
    question = page.locator("fieldset.cart-question:has(input[type=radio])").first
    legend = " ".join(question.locator("legend").text_content().split())
    labels = [
        " ".join(text.split())
        for text in question.locator(".cart-choice-label").all_text_contents()
    ]

    def tree() -> list[str]:
        return question.aria_snapshot().splitlines()

    lines = tree()
    assert lines[0] == f'- group "{legend}":', lines[0]
    radios = [line.strip() for line in lines if line.strip().startswith("- radio ")]
    assert radios == [f'- radio "{label}"' for label in labels]
    # The Check answer button, named by its own label (a name with ": " is quoted in the
    # snapshot's YAML: - 'button "Check answer: question 1"').
    check = question.locator(".cart-check")
    check_name = check.get_attribute("aria-label") or " ".join(check.text_content().split())
    assert check_name, "the Check answer button has no name"
    assert any(re.match("- '?button \"" + re.escape(check_name), line.strip()) for line in lines), (
        f"no button named {check_name!r} in {lines}"
    )

    question.locator("input[type=radio]").nth(1).focus()
    page.keyboard.press(" ")
    radios = [line.strip() for line in tree() if line.strip().startswith("- radio ")]
    assert radios[1] == f'- radio "{labels[1]}" [checked]'
    assert all("[checked]" not in line for i, line in enumerate(radios) if i != 1)
    quiz = page.locator(".cart-quiz").first
    quiz_name = page.evaluate(
        """id => { const h = document.getElementById(id).cloneNode(true);
             h.querySelectorAll('.headerlink').forEach(a => a.remove());
             return h.textContent.replace(/\\s+/g, ' ').trim(); }""",
        quiz.get_attribute("aria-labelledby"),
    )
    section = quiz.aria_snapshot().splitlines()[0]
    assert re.match("- '?region \"" + re.escape(quiz_name), section), section


# Reflow, text zoom, target size, motion


def test_no_page_scrolls_sideways_at_320px(page, site_url, views):
    """At 320 CSS px (400 % zoom of a 1280 px window) nothing needs horizontal scrolling,
    apart from wide data tables in their own keyboard-scrollable box (1.4.10)."""
    prepare(page, MODE_BY_NAME["light-320"])
    problems = []
    for name in views:
        visit(page, f"{site_url}/{name}")
        problems.extend(f"{name}: {problem}" for problem in page.evaluate(OVERFLOW))
    assert not problems, "\n".join(problems)


def test_text_zoomed_to_200_percent_loses_nothing(page, site_url, views):
    """With the browser's text size doubled (Chromium's font-size setting, via CDP), every
    page keeps all text: no sideways scrolling and no clipped boxes (1.4.4)."""
    prepare(page)
    cdp = page.context.new_cdp_session(page)
    visit(page, f"{site_url}/index.html")
    normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    problems = []
    for name in views:
        visit(page, f"{site_url}/{name}")
        zoomed = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert zoomed >= 2 * normal - 0.5, f"text zoom did not apply on {name}"
        problems.extend(f"{name}: {problem}" for problem in page.evaluate(OVERFLOW))
        problems.extend(f"{name}: clipped {problem}" for problem in page.evaluate(CLIPPED_TEXT))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode_name", ["light-1280", "light-320"])
def test_project_controls_are_at_least_24px(page, site_url, site_pages, site_dir, mode_name):
    """Quiz, tier switcher and My questions controls offer 24 x 24 CSS px targets (2.5.8)."""
    prepare(page, MODE_BY_NAME[mode_name])
    problems = []
    checked = 0
    for name in site_pages:
        if not re.search(
            r"cart-quiz|cart-tier-switcher|cart-my-questions",
            (site_dir / name).read_text(encoding="utf-8"),
        ):
            continue
        visit(page, f"{site_url}/{name}")
        page.evaluate(OPEN_DETAILS)
        checked += page.locator(PROJECT_CONTROLS).count()
        problems.extend(
            f"{name}: {problem}" for problem in page.evaluate(TARGETS, PROJECT_CONTROLS)
        )
    assert checked, "no project controls found"
    assert not problems, "targets smaller than 24 x 24 px:\n" + "\n".join(problems)


def test_reduced_motion_is_respected(page, site_url, page_kinds):
    """With prefers-reduced-motion: reduce, nothing of the project's moves: no transition
    or animation time on its widgets, the drawers, the skip link, and no smooth scroll."""
    prepare(page, MODE_BY_NAME["light-320"], reduced_motion="reduce")
    problems = []
    for name in sorted({"index.html", *page_kinds.values()}):
        visit(page, f"{site_url}/{name}")
        problems.extend(f"{name}: {problem}" for problem in page.evaluate(MOTION, PROJECT_ELEMENTS))
        behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        if behaviour != "auto":
            problems.append(f"{name}: html scroll-behavior is {behaviour}")
    assert not problems, "\n".join(problems)


# Screenshots for a maintainer to look at


def test_screenshots_for_review(page, site_url, page_kinds, language):
    """Home, a tiered page and a quiz in light, dark and at 320 px, written to
    test-results/screenshots/ so a maintainer can look at them."""
    shots = {
        "light": MODE_BY_NAME["light-1280"],
        "dark": MODE_BY_NAME["dark-1440"],
        "320px": MODE_BY_NAME["light-320"],
    }
    written = []
    prefix = [] if language == "en" else [language]  # es-home-light.png beside home-light.png
    for label, mode in shots.items():
        prepare(page, mode)
        for kind, name in (("home", "index.html"), ("tiered", page_kinds["tiered"])):
            visit(page, f"{site_url}/{name}")
            path = screenshot_name(*prefix, kind, label)
            page.screenshot(path=path, full_page=True)
            written.append(path)
        visit(page, f"{site_url}/{page_kinds['quiz']}")
        path = screenshot_name(*prefix, "quiz", label)
        page.locator(".cart-quiz").first.screenshot(path=path)
        written.append(path)
    assert all(path.stat().st_size > 1000 for path in written)
