"""The diagrams in docs/_static/diagrams/: self-contained, accessible SVG, each documented in
docs/_examples/diagrams.md with its text alternative."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DOCS

DIAGRAMS = DOCS / "_static" / "diagrams"
CATALOG = DOCS / "_examples" / "diagrams.md"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
#: The English drawings; each has a translated twin per language (journey.es.svg), made from
#: it by cart_i18n.diagrams and checked at the end of this module.
FILES = sorted(path for path in DIAGRAMS.glob("*.svg") if "." not in path.stem)
NAMES = [path.name for path in FILES]


def root_of(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text(encoding="utf-8"))


def figure_entries(text: str) -> dict[str, dict[str, str]]:
    """Every `{figure}`/`{image}` directive and inline `![alt](path)` image in the catalog,
    by file name, with its options (`alt` for an inline image)."""
    entries: dict[str, dict[str, str]] = {}
    pattern = re.compile(r"^```\{(?:figure|image)\} (\S+)\n((?::[\w-]+:.*\n)*)", re.MULTILINE)
    for match in pattern.finditer(text):
        options = dict(re.findall(r"^:([\w-]+):[ ]?(.*)$", match.group(2), re.MULTILINE))
        entries.setdefault(Path(match.group(1)).name, options)
    for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", text):
        entries.setdefault(Path(target).name, {"alt": alt})
    return entries


def test_there_are_diagrams():
    assert len(FILES) >= 5, NAMES


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_diagram_is_an_accessible_svg_image(path):
    root = root_of(path)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox"), "scales by its viewBox"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip(), "a non-empty <title>"
    assert desc is not None and (desc.text or "").strip(), "a non-empty <desc>"
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert labelled_by == [title.get("id"), desc.get("id")], "aria-labelledby names title, desc"
    assert not desc.text.strip().lower().startswith(("diagram", "image", "picture", "icon of"))


def test_ids_are_unique_across_diagrams():
    """Two diagrams on one page must not share an id."""
    ids = [el.get("id") for path in FILES for el in root_of(path).iter() if el.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_diagram_is_self_contained(path):
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "script", "foreignObject", "a", "use", "feImage"}, tags
    assert not re.search(r"https?:", text.replace("http://www.w3.org/2000/svg", "")), "a URL"
    assert "@import" not in text and "url(" not in text.replace("url(#", "")
    assert "@font-face" not in text
    for el in root.iter():
        handlers = [name for name in el.attrib if name.lower().startswith("on")]
        assert not handlers, f"<{el.tag}> has {handlers}"
        for name in ("href", f"{XLINK}href"):
            assert el.get(name) is None or el.get(name).startswith("#"), el.get(name)


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_diagram_is_small_and_uses_real_text(path):
    assert path.stat().st_size < 8 * 1024
    root = root_of(path)
    assert path.name.startswith("icon-") or root.findall(f".//{SVG}text"), "words as <text>"
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    if root.get("width"):
        assert (float(root.get("width")), float(root.get("height"))) == (width, height)


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_text_is_at_least_14_units(path):
    """Text no smaller than 14 units (px at the picture's own size) anywhere in its style."""
    text = path.read_text(encoding="utf-8")
    sizes = [float(n) for n in re.findall(r"font-size:\s*([\d.]+)px", text)]
    sizes += [float(n) for n in re.findall(r'font-size="([\d.]+)"', text)]
    assert all(size >= 14 for size in sizes), sizes


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_diagram_styles_dark_and_forced_colours(path):
    text = path.read_text(encoding="utf-8")
    assert "prefers-color-scheme:dark" in text.replace(" ", "")
    assert "forced-colors:active" in text.replace(" ", "")


@pytest.mark.parametrize("name", NAMES)
def test_each_diagram_has_a_catalog_entry_with_a_text_alternative(name):
    text = CATALOG.read_text(encoding="utf-8")
    entry = figure_entries(text).get(name)
    assert entry is not None, f"{name}: no figure or image in {CATALOG.name}"
    if name.startswith("icon-"):
        # An icon only ever stands next to its words, so its alt text is empty on purpose;
        # the entry names the words it goes with.
        assert entry.get("alt", "") == "", f"{name}: an icon's alt is empty; its words say it"
        assert re.search(rf"`{re.escape(name)}` \| Goes with \"[^\"]+\"", text), name
    else:
        assert len(entry.get("alt", "").strip()) > 20, f"{name}: a real alt line"
        assert not entry["alt"].lower().startswith(("diagram", "image of", "picture of"))
    assert re.search(rf"_static/diagrams/{re.escape(name)}", text)


def test_catalog_names_no_missing_file():
    text = CATALOG.read_text(encoding="utf-8")
    named = set(re.findall(r"_static/diagrams/([\w.-]+\.svg)", text))
    assert named <= set(NAMES), named - set(NAMES)


# One browser test: the catalog page, which shows every diagram, in the site's own build.

NARROW = {"width": 320, "height": 720}
MODES = {
    "light-320": {"color_scheme": "light"},
    "dark-320": {"color_scheme": "dark"},
    "forced-320": {"color_scheme": "dark", "forced_colors": "active"},
    "print-320": {"color_scheme": "light", "media": "print"},
}
IMAGES = """() => [...document.querySelectorAll('img.cart-diagram, img.cart-icon')].map(i => ({
  name: i.getAttribute('src').split('/').pop(), icon: i.classList.contains('cart-icon'),
  complete: i.complete, natural: i.naturalWidth, width: i.getBoundingClientRect().width,
  right: i.getBoundingClientRect().right, alt: i.getAttribute('alt')}))"""


def test_catalog_shows_every_diagram_readably_and_passes_axe(page, site_url):
    """At 320 px in light, dark, forced colours and print: every diagram loads, fits the
    screen and keeps its text at 12 px or more (15-unit text, shrunk at most to 80%); the
    page scrolls no sideways; axe-core finds no WCAG A/AA violation. Screenshots are saved
    for review."""
    import axe_playwright_python
    from test_a11y import AXE_EXCLUDED_RULES, AXE_TAGS, screenshot_name

    axe = Path(
        os.environ.get("AXE_CORE_JS") or Path(axe_playwright_python.__file__).parent / "axe.min.js"
    )
    page.context.add_init_script(script=axe.read_text(encoding="utf-8"))
    page.set_viewport_size(NARROW)
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": False} for rule in AXE_EXCLUDED_RULES},
        "resultTypes": ["violations"],
    }
    problems = []
    for mode, media in MODES.items():
        page.emulate_media(**media)
        page.goto(f"{site_url}/_examples/diagrams.html", wait_until="load")
        page.wait_for_function("[...document.images].every(i => i.complete)")
        images = page.evaluate(IMAGES)
        assert {image["name"] for image in images} == set(NAMES), mode
        for image in images:
            where = f"{mode} {image['name']}"
            if not image["natural"]:
                problems.append(f"{where}: did not load")
            if image["right"] > NARROW["width"]:
                problems.append(f"{where}: runs off the screen ({image['right']:.0f} px)")
            if not image["icon"] and image["width"] < 0.8 * image["natural"]:
                problems.append(f"{where}: shrunk to {image['width']:.0f} px, text under 12 px")
            if image["icon"] and image["alt"] != "":
                problems.append(f"{where}: an icon's alt must be empty")
            if not image["icon"] and len(image["alt"] or "") < 20:
                problems.append(f"{where}: no real alt text")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > NARROW["width"]:
            problems.append(f"{mode}: the page scrolls sideways ({scroll} px)")
        result = page.evaluate("options => axe.run(document, options)", options)
        problems += [
            f"{mode}: axe {violation['id']}: {violation['help']}"
            for violation in result["violations"]
        ]
        page.screenshot(path=screenshot_name("diagrams", mode), full_page=True)
    assert problems == []


# The translated twins: made from the English drawing and docs/locale/<lang>/.../diagrams.po


LANGUAGES = ["es"]
TWINS = [(path, language) for path in FILES for language in LANGUAGES]
TWIN_IDS = [f"{language}-{path.name}" for path, language in TWINS]


def drawing(root: ET.Element) -> list[tuple[str, dict[str, str]]]:
    """Every element with its attributes, text left out: the drawing itself."""
    return [(el.tag, {k: v for k, v in el.attrib.items() if k != "lang"}) for el in root.iter()]


@pytest.mark.parametrize(("path", "language"), TWINS, ids=TWIN_IDS)
def test_each_diagram_has_a_twin_with_the_same_drawing_and_no_english_label(path, language):
    from cart_i18n.diagrams import labels, twin

    translated = twin(path, language)
    assert translated.is_file(), f"{translated.name} missing: run nox -s translations"
    english, other = root_of(path), root_of(translated)
    assert drawing(english) == drawing(other), "the twin's drawing differs from the English"
    assert other.get("lang") == language
    texts = [el for el in other.iter() if el.tag in {f"{SVG}text", f"{SVG}title", f"{SVG}desc"}]
    assert len(texts) == len(
        [el for el in english.iter() if el.tag in {f"{SVG}text", f"{SVG}title", f"{SVG}desc"}]
    )
    english_labels = {label.text for label in labels(path)}
    left = [
        " ".join((el.text or "").split())
        for el in texts
        if " ".join((el.text or "").split()) in english_labels
    ]
    # A label may be the same word in both languages only if it is a short name.
    assert not [text for text in left if len(text) > 6], f"English left in {translated.name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_twins_are_what_english_and_the_catalog_make_now(language):
    """Nothing stale: a changed English label or translation needs `nox -s translations`."""
    from babel.messages.pofile import read_po
    from cart_i18n.diagrams import extract, stale

    po = DOCS / "locale" / language / "LC_MESSAGES" / "diagrams.po"
    with po.open("rb") as file:
        catalog = read_po(file, locale=language)
    assert list(stale(DIAGRAMS, catalog, language)) == []
    assert {m.id for m in extract(DIAGRAMS) if m.id} == {m.id for m in catalog if m.id}


def test_a_changed_english_label_makes_the_twin_stale(tmp_path):
    import shutil

    from babel.messages.pofile import read_po
    from cart_i18n.diagrams import stale

    shutil.copytree(DIAGRAMS, tmp_path / "d")
    english = tmp_path / "d" / "journey.svg"
    english.write_text(
        english.read_text(encoding="utf-8").replace("Going home", "Going back home"),
        encoding="utf-8",
    )
    with (DOCS / "locale" / "es" / "LC_MESSAGES" / "diagrams.po").open("rb") as file:
        catalog = read_po(file, locale="es")
    problems = list(stale(tmp_path / "d", catalog, "es"))
    assert any("untranslated or fuzzy: 'Going back home'" in p for p in problems), problems
    assert any("journey.es.svg is out of date" in p for p in problems), problems
