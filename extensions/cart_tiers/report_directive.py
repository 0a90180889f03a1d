"""The ``{readability-report}`` directive and ``readability.json`` in the HTML output.

The directive leaves a placeholder; the table is filled in when the page is written,
after every page has been read, and the page is rewritten on every build so the
table never goes stale.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING

from cart_static.walk import first_of, nodes_of
from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.docutils import SphinxDirective

from .gate import stored_figures
from .nodes import ReadabilityReportNode
from .report import (
    HEADERS,
    JSON_FILENAME,
    BlockFigures,
    method_notes,
    sort_blocks,
    summary,
    table_row,
    write_json,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class ReadabilityReportDirective(SphinxDirective):
    """``{readability-report}``: the readability table of every tier block on the site."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = ReadabilityReportNode()
        self.set_source_info(node)
        return [node]


#: Builders whose `doctree-resolved` gets one document's own tree (singlehtml and latex
#: resolve trees that hold other documents, which may show the report).
ONE_PAGE_PER_DOCUMENT = frozenset({"html", "dirhtml"})


def stored_report_pages(env: BuildEnvironment) -> set[str]:
    """Pages that show the report."""
    if not hasattr(env, "cart_tiers_report_pages"):
        env.cart_tiers_report_pages = set()
    return env.cart_tiers_report_pages


class ReportPageCollector(EnvironmentCollector):
    """Remember which pages show the report, so they are rewritten on every build."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        stored_report_pages(env).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        stored_report_pages(env).update(docnames & stored_report_pages(other))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if first_of(doctree, ReadabilityReportNode) is not None:
            stored_report_pages(app.env).add(app.env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return sorted(stored_report_pages(env))


def all_blocks(env: BuildEnvironment) -> list[BlockFigures]:
    """Every measured block of the site, in page order."""
    return sort_blocks(block for blocks in stored_figures(env).values() for block in blocks)


def _cell(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _page_link(app: Sphinx, fromdocname: str, block: BlockFigures) -> nodes.Node:
    title = app.env.titles.get(block.docname)
    text = nodes.Text(title.astext() if title else block.source)
    if app.builder.format != "html":
        return text
    uri = app.builder.get_relative_uri(fromdocname, block.docname)
    if block.anchor:
        uri += f"#{block.anchor}"
    return nodes.reference("", "", text, internal=True, refuri=uri)


def report_table(app: Sphinx, fromdocname: str, blocks: list[BlockFigures]) -> nodes.table:
    """The table: one row per tier block, with a link to its page."""
    table = nodes.table(classes=["cart-readability-report"], ids=["cart-readability-table"])
    table += nodes.title("", "Readability of each tier block")
    group = nodes.tgroup(cols=len(HEADERS))
    table += group
    group += [nodes.colspec(colwidth=3 if header == "Page" else 1) for header in HEADERS]
    head_row = nodes.row("", *(_cell(nodes.Text(header)) for header in HEADERS))
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    group += body
    for block in blocks:
        cells = [_cell(_page_link(app, fromdocname, block))]
        cells += [_cell(nodes.Text(text)) for text in table_row(block)]
        body += nodes.row("", *cells)
    return table


def fill_reports(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the summary, the table and the method notes."""
    if app.builder.name in ONE_PAGE_PER_DOCUMENT and docname not in stored_report_pages(app.env):
        return  # not a report page: no need to walk its tree (every page is resolved here)
    for placeholder in nodes_of(doctree, ReadabilityReportNode):
        blocks = all_blocks(app.env)
        notes = nodes.bullet_list(
            "", *(nodes.list_item("", nodes.paragraph("", note)) for note in method_notes(blocks))
        )
        content: list[nodes.Node] = [nodes.paragraph("", summary(blocks))]
        if blocks:
            # Added after the theme's transforms, so wrap it as furo wraps tables: a wide
            # table then scrolls in its own box instead of the page (WCAG 1.4.10).
            table = report_table(app, docname, blocks)
            content.append(nodes.container("", table, classes=["table-wrapper"]))
        content.append(notes)
        placeholder.replace_self(content)


def write_report_json(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``readability.json`` next to the HTML pages."""
    if exception is not None or app.builder.format != "html":
        return
    titles = {docname: title.astext() for docname, title in app.env.titles.items()}
    write_json(Path(app.outdir) / JSON_FILENAME, all_blocks(app.env), titles)


def setup_report(app: Sphinx) -> None:
    """Register the directive, its collector, and the JSON output."""
    app.add_directive("readability-report", ReadabilityReportDirective)
    app.add_env_collector(ReportPageCollector)
    app.connect("doctree-resolved", fill_reports)
    app.connect("build-finished", write_report_json)
