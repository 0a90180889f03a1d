"""Building sites with cart_tiers: markup, warnings, the readability gate and report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cart_tiers.__main__ import main as cli_main
from cart_tiers.nodes import TierNode
from cart_tiers.readability import measure
from conftest import soup_of

ROOTS = Path(__file__).parent / "roots"
HARD_TEXT = (
    "Notwithstanding considerable interindividual variability, cytokine-mediated "
    "inflammatory toxicities frequently necessitate hospitalization and "
    "multidisciplinary management."
)


def warnings_of(app) -> list[str]:
    """Warning lines without ANSI colours, with paths relative to the source folder."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line]


# The tier markup


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_tier_directives_become_tier_nodes_in_page_order(app):
    app.build()
    assert warnings_of(app) == []
    tiers = list(app.env.get_doctree("risks").findall(TierNode))
    assert [tier["tier"] for tier in tiers] == ["simple", "detail", "clinical", "simple", "detail"]
    assert [tier.line for tier in tiers] == [11, 16, 21, 29, 33]


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_without_javascript_every_tier_shows_under_its_label(app):
    app.build()
    blocks = soup_of(app, "risks.html").select("div.cart-tier")
    assert [block["data-tier"] for block in blocks] == [
        "simple",
        "detail",
        "clinical",
        "simple",
        "detail",
    ]
    for block in blocks:
        assert not block.has_attr("hidden")
        label = block.find("p", class_="cart-tier__label", recursive=False)
        assert block["role"] == "group" and block["aria-labelledby"] == label["id"]
        assert label is block.find(True)  # the label comes before the content
    labels = [block.p.get_text() for block in blocks[:3]]
    assert labels == ["Simple", "More detail", "Clinical detail"]
    assert "tocilizumab" in blocks[2].get_text()


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_switcher_follows_the_page_title_and_waits_for_javascript(app):
    app.build()
    title = soup_of(app, "risks.html").find("h1")
    switcher = title.find_next_sibling()
    assert switcher.name == "fieldset" and "cart-tier-switcher" in switcher["class"]
    assert switcher.has_attr("hidden")
    assert switcher.legend.get_text() == "Reading level"
    radios = switcher.select('input[type="radio"][name="cart-tier"]')
    assert [radio["value"] for radio in radios] == ["simple", "detail", "clinical"]
    assert [radio.parent.get_text() for radio in radios] == [
        "Simple",
        "More detail",
        "Clinical detail",
    ]
    assert switcher["data-default-tier"] == "simple"
    assert switcher["data-storage-key"] == "cart-tier"
    assert switcher["data-announce"] == "Now showing: {tier}."
    status = switcher.select_one('[role="status"]')
    assert status["aria-live"] == "polite" and status.get_text() == ""


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_pages_without_tiers_get_no_switcher(app):
    app.build()
    assert soup_of(app, "plain.html").select_one(".cart-tier-switcher") is None
    assert soup_of(app, "index.html").select_one(".cart-tier-switcher") is None


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_assets_ship_from_the_package_and_load_only_where_used(app):
    app.build()
    static = Path(app.outdir) / "_static"
    assert (static / "tiers.js").is_file() and (static / "tiers.css").is_file()
    risks = soup_of(app, "risks.html")
    assert risks.select_one('script[src^="_static/tiers.js"]')
    assert risks.select_one('link[href^="_static/tiers.css"]')
    assert soup_of(app, "plain.html").select_one('script[src^="_static/tiers.js"]')  # tooltip
    assert not soup_of(app, "index.html").select_one('script[src*="tiers"]')


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_markup_has_no_inline_script_or_style_for_a_strict_csp(app):
    app.build()
    article = soup_of(app, "risks.html").select_one("article")
    for element in article.select(".cart-tier, .cart-tier *, .cart-tier-switcher, .cart-term"):
        assert not element.has_attr("style"), element
    assert article.find("script") is None
    script = (Path(app.outdir) / "_static" / "tiers.js").read_text(encoding="utf-8")
    assert '"use strict"' in script
    assert ".style" not in script and "innerHTML" not in script and "eval(" not in script


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_search_index_holds_words_of_every_tier(app):
    app.build()
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    # "tocilizumab" is only in a clinical tier, "fatigue" only in a detail tier.
    assert '"tocilizumab"' in index
    assert '"fatigu"' in index
    # the switcher and labels add no words of their own
    assert '"reading"' not in index


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_plain_term_links_carry_their_glossary_definition(app):
    app.build()
    risks = soup_of(app, "risks.html")
    simple, detail = risks.select("div.cart-tier")[:2]
    term = simple.select_one("span.cart-term")
    link = term.select_one("a.reference")
    assert link["href"] == "glossary.html#term-cytokine-release-syndrome-CRS"
    assert link.get_text() == "CRS"
    tip = term.select_one('span.cart-term__tip[role="tooltip"]')
    assert tip["id"] == "cart-term-tip-1"
    assert tip.get_text() == (
        "A strong reaction of the immune system that can cause fever and low blood pressure. "
        "It is common after CAR T-cell therapy."
    )
    # deeper tiers keep plain links; untiered text is plain, so it gets tooltips too
    assert detail.select_one("a.reference") and not detail.select_one(".cart-term")
    assert soup_of(app, "plain.html").select_one("article .cart-term .cart-term__tip")
    # the glossary page itself does not explain terms with tooltips
    assert not soup_of(app, "glossary.html").select_one(".cart-term")


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_switcher_and_first_tier_markup(app, file_regression):
    app.build()
    article = soup_of(app, "risks.html").select_one("article")
    fragment = "\n".join(
        str(element)
        for element in [article.select_one(".cart-tier-switcher"), article.select_one(".cart-tier")]
    )
    file_regression.check(fragment + "\n", extension=".html")


# Author mistakes: warnings with file and line


@pytest.mark.sphinx("html", testroot="tiers-errors", freshenv=True)
@pytest.mark.parametrize(
    "expected",
    [
        "index.md:3: WARNING: unknown tier 'plain'; valid tiers are: simple, detail, clinical"
        " [tiers.name]",
        "index.md:7: WARNING: unknown tier 'Simple'; valid tiers are: simple, detail, clinical"
        " [tiers.name]",
        "index.md:14: WARNING: the 'detail' tier is nested inside the 'simple' tier; close one"
        " tier before opening the next [tiers.nested]",
        "index.md:19: WARNING: the 'clinical' tier is empty [tiers.empty]",
    ],
)
def test_mistakes_are_reported_with_file_and_line(app, expected):
    app.build()
    assert expected in warnings_of(app)


@pytest.mark.sphinx("html", testroot="tiers-errors", freshenv=True)
def test_content_under_a_bad_tier_name_is_shown_to_everyone(app):
    app.build()
    body = soup_of(app, "index.html").select_one('[role="main"]')
    paragraph = body.find("p", string="Shown to everyone anyway.")
    assert paragraph is not None and paragraph.find_parent(class_="cart-tier") is None


# The readability gate


@pytest.mark.sphinx("html", testroot="tiers-readability", freshenv=True)
def test_hard_plain_and_detail_tiers_are_reported_with_grade_and_limit(app):
    app.build()
    hard = measure([HARD_TEXT])
    figures = f"{hard.grade:.1f} ({hard.average_sentence_length:.1f} words per sentence)"
    advice = "(Flesch-Kincaid); shorten sentences or use simpler words [tiers.readability]"
    assert warnings_of(app) == [
        f"index.md:3: WARNING: simple tier reads at grade {figures}; the limit is 6.0 {advice}",
        f"index.md:9: WARNING: detail tier reads at grade {figures}; the limit is 9.0 {advice}",
    ]


def test_a_hard_plain_tier_fails_the_strict_build(tmp_path):
    from sphinx.cmd.build import build_main

    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-tiers-readability", source)
    arguments = ["-b", "html", "-q", str(source), str(tmp_path / "html")]
    assert build_main(["-W", *arguments]) == 1
    assert build_main([*arguments, "-W", "-D", "suppress_warnings=tiers.readability"]) == 0


@pytest.mark.sphinx(
    "html",
    testroot="tiers-readability",
    freshenv=True,
    confoverrides={"tiers_readability_limits": {"simple": 60.0, "detail": 60.0}},
)
def test_limits_are_configurable(app):
    app.build()
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="tiers-readability", freshenv=True)
def test_terms_count_as_one_short_word_and_footnotes_and_code_are_not_read(app):
    app.build()
    blocks = app.env.cart_tiers_readability["index"]
    with_term = blocks[3]  # "You may get {term}`cytokine release syndrome (CRS)`. Call us.[^note]"
    assert (with_term.words, with_term.sentences) == (6, 2)
    assert with_term.syllables == measure(["You may get term.", "Call us."]).syllables
    with_list_and_code = blocks[4]  # two list items; the code block is not prose
    assert (with_list_and_code.words, with_list_and_code.sentences) == (3, 2)
    assert blocks[2].limit is None and blocks[2].grade > 9.0  # clinical: measured, no limit


# The report


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True)
def test_report_directive_renders_a_table_of_every_block(app):
    app.build()
    report = soup_of(app, "report.html").select_one("article")
    assert "8 tier blocks on 2 pages; 0 over their limit" in report.get_text()
    table = report.select_one("table.cart-readability-report")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Page",
        "Line",
        "Tier",
        "Words",
        "Grade",
        "Words/sentence",
        "Limit",
        "Result",
    ]
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[:3] + row[6:] for row in rows] == [
        ["Recovery", "4", "simple", "6.0", "pass"],
        ["Recovery", "8", "detail", "9.0", "pass"],
        ["Recovery", "12", "clinical", "", "no limit"],
        ["Risks", "11", "simple", "6.0", "pass"],
        ["Risks", "16", "detail", "9.0", "pass"],
        ["Risks", "21", "clinical", "", "no limit"],
        ["Risks", "29", "simple", "6.0", "pass"],
        ["Risks", "33", "detail", "9.0", "pass"],
    ]
    assert table.select_one("tbody a")["href"] == "recovery.html#cart-tier-0"
    assert "counts as one short word" in report.get_text()


@pytest.mark.sphinx("html", testroot="tiers-readability", freshenv=True)
def test_json_report_and_cli_table(app, capsys):
    app.build()
    data = json.loads((Path(app.outdir) / "readability.json").read_text(encoding="utf-8"))
    assert data["formula"] == "Flesch-Kincaid grade level"
    first = data["blocks"][0]
    assert (first["source"], first["line"], first["tier"], first["status"]) == (
        "index.md",
        3,
        "simple",
        "fail",
    )
    assert cli_main(["report", str(app.outdir)]) == 0
    assert cli_main(["report", str(app.outdir), "--check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "Page",
        "Line",
        "Tier",
        "Words",
        "Grade",
        "Words/sentence",
        "Limit",
        "Result",
    ]
    assert re.search(r"^index\.md\s+3\s+simple\s+13\s+\d+\.\d\s+13\.0\s+6\.0\s+fail$", out, re.M)
    assert "5 tier blocks on 1 pages; 2 over their limit" in out
    assert "counts as one short word" in out


# Other builders, languages, parallel builds


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [("text", "*.txt"), ("latex", "*.tex"), ("man", "*.1"), ("texinfo", "*.texi")],
)
def test_other_builders_show_every_tier_under_its_label(make_app, tmp_path, builder, pattern):
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-tiers-basic", source)
    app = make_app(builder, srcdir=source)
    app.build()
    output = "\n".join(path.read_text(encoding="utf-8") for path in Path(app.outdir).glob(pattern))
    for label in ("Simple", "More detail", "Clinical detail"):
        assert label in output
    assert "tocilizumab" in output and "Fatigue may last" in output
    assert "Reading level" not in output  # the switcher is for HTML only
    assert "A strong reaction of the immune system that can cause" in output  # the glossary page
    assert output.count("A strong reaction") == 1  # no tooltip text outside it


@pytest.mark.sphinx("html", testroot="tiers-basic", freshenv=True, confoverrides={"language": "es"})
def test_reader_facing_strings_follow_the_site_language(app):
    app.build()
    risks = soup_of(app, "risks.html")
    assert risks.select_one(".cart-tier-switcher legend").get_text() == "Nivel de lectura"
    assert [label.get_text() for label in risks.select(".cart-tier__label")][:3] == [
        "Sencillo",
        "Más detalle",
        "Detalle clínico",
    ]
    assert risks.select_one(".cart-tier-switcher")["data-announce"] == "Ahora se muestra: {tier}."


@pytest.mark.sphinx(
    "html",
    testroot="tiers-basic",
    freshenv=True,
    confoverrides={"tiers_default": "expert", "tiers_readability_limits": {"plain": 5}},
)
def test_bad_configuration_is_reported_and_ignored(app):
    app.build()
    warnings = "\n".join(warnings_of(app))
    assert "tiers_default: unknown tier 'expert'; valid tiers are: simple, detail, clinical" in (
        warnings
    )
    assert "tiers_readability_limits: unknown tier 'plain'" in warnings
    assert soup_of(app, "risks.html").select_one(".cart-tier-switcher")["data-default-tier"] == (
        "simple"
    )


@pytest.mark.sphinx("html", testroot="tiers-parallel", freshenv=True, parallel=2)
def test_parallel_build_measures_every_page(app):
    merged: list[str] = []
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.extend(docnames))
    app.build()
    assert sorted(merged) == sorted(app.env.found_docs)  # all read by workers, then merged
    assert warnings_of(app) == []
    figures = app.env.cart_tiers_readability
    assert sorted(figures) == [f"page{n}" for n in range(1, 9)]
    for blocks in figures.values():
        assert [block.tier for block in blocks] == ["simple", "detail", "clinical"]
    definition = "A strong reaction of the immune system."
    assert app.env.cart_tiers_glossary == {
        "glossary": {"cytokine release syndrome (crs)": definition}
    }
    assert soup_of(app, "page8.html").select_one(".cart-term__tip").get_text() == definition
    data = json.loads((Path(app.outdir) / "readability.json").read_text(encoding="utf-8"))
    assert len(data["blocks"]) == 24


def test_a_removed_page_leaves_the_report(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-tiers-basic", source)
    make_app("html", srcdir=source).build()
    (source / "recovery.md").unlink()
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("recovery\n", ""), encoding="utf-8")
    app = make_app("html", srcdir=source)
    app.build()
    assert sorted(app.env.cart_tiers_readability) == ["risks"]
    rows = soup_of(app, "report.html").select("table.cart-readability-report tbody tr")
    assert len(rows) == 5


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_html_builders_get_one_switcher_per_page(make_app, tmp_path, builder):
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-tiers-basic", source)
    app = make_app(builder, srcdir=source)
    app.build()
    page = "risks/index.html" if builder == "dirhtml" else "index.html"
    html = soup_of(app, page)
    assert len(html.select(".cart-tier-switcher")) == 1
    assert len(html.select(".cart-tier")) >= 5
    assert html.select_one('script[src$="tiers.js"], script[src*="tiers.js?"]')


def test_editing_the_glossary_or_a_page_refreshes_tooltips_and_the_report(make_app, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-tiers-basic", source)
    make_app("html", srcdir=source).build()
    glossary = source / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("A strong reaction", "A big reaction"),
        encoding="utf-8",
    )
    recovery = source / "recovery.md"
    recovery.write_text(
        recovery.read_text(encoding="utf-8").replace(
            "Stay near your treatment center for two weeks.", HARD_TEXT
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=source)
    app.build()
    tip = soup_of(app, "risks.html").select_one(".cart-term__tip")  # risks.md was not edited
    assert tip.get_text().startswith("A big reaction")
    rows = soup_of(app, "report.html").select("table.cart-readability-report tbody tr")
    assert [td.get_text() for td in rows[0].select("td")][-1] == "fail"
