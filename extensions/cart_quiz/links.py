"""Links between a quiz's places: its page (at a chosen reading level), single questions, the
worksheet, the answer key, the export downloads, the pages that embed it and the catalogue.

`{quiz-links}` (and the catalogue) leave a `quiz_links` placeholder; it becomes links when the
page is written, once every page has been read, so the links follow the builder's URLs
(html or dirhtml) and the embeds of the whole site."""

from __future__ import annotations

from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .config import export_formats
from .export import CANNOT_CARRY, FORMAT_NAMES, all_quizzes_export_path, quiz_export_path
from .model import TIERS, Quiz
from .nodes import INTERACTIVE_BUILDERS
from .pages import is_generated_page, quiz_page_docname
from .store import quiz_store, reading_order
from .text import to_plain
from .translation import _, tier_label

EXPORT_FOLDER = "quiz-exports"

CONTEXTS = ("catalog", "all", "quiz", "worksheet", "answers")
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


class quiz_links(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for a quiz's links (`quiz_id`, `context`); replaced when the page is written."""


class QuizLinksDirective(SphinxDirective):
    """```{quiz-links} crs-and-icans``` with `:context: quiz | worksheet | answers`."""

    required_arguments = 1
    option_spec = {"context": lambda argument: directives.choice(argument, CONTEXTS)}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        context = self.options.get("context", "quiz")
        return [quiz_links(quiz_id=self.arguments[0].strip(), context=context)]


def builder_of(env: BuildEnvironment) -> Builder:
    """The builder writing the page. Sphinx 9 gives post-transforms no public way to reach it;
    its own reference resolver reads it from the environment the same way."""
    return env._app.builder


def embedding_pages(env: BuildEnvironment) -> dict[str, list[str]]:
    """Quiz id -> the pages that show it, in reading order; a quiz's own generated page is
    not one of them."""
    store = quiz_store(env)
    found: dict[str, list[str]] = {}
    for docname in reading_order(env):
        if is_generated_page(env.config, docname):
            continue
        for quiz_id in store.embeds.get(docname, ()):
            found.setdefault(quiz_id, []).append(docname)
    return found


class _Linker:
    """Makes references from one page to the others, as the current builder writes URLs."""

    def __init__(self, env: BuildEnvironment, docname: str) -> None:
        self.builder = builder_of(env)
        self.config = env.config
        self.env = env
        self.docname = docname
        self.catalogues = sorted(quiz_store(env).catalogues)
        self.embeds = embedding_pages(env)
        self.downloads = (
            export_formats(env.config) if self.builder.name in INTERACTIVE_BUILDERS else ()
        )

    def page(self, docname: str | None, text: str, anchor: str = "", query: str = ""):
        """A reference to a page of the site, or None if that page is not in this build."""
        if docname is None or docname not in self.env.all_docs:
            return None
        uri = self.builder.get_relative_uri(self.docname, docname) + query
        if anchor:
            uri += f"#{anchor}"
        return nodes.reference("", text, internal=True, refuri=uri)

    def generated(self, quiz_id: str, kind: str, text: str, anchor: str = "", query: str = ""):
        """A link to a generated quiz page; those exist only in the html and dirhtml builds."""
        if self.builder.name not in PAGE_BUILDERS:
            return None
        return self.page(quiz_page_docname(self.config, quiz_id, kind), text, anchor, query)

    def download(self, path: str, text: str) -> addnodes.download_reference:
        uri = relative_uri(self.builder.get_target_uri(self.docname), f"{EXPORT_FOLDER}/{path}")
        return addnodes.download_reference("", text, refuri=uri, classes=["cart-download"])

    def title(self, docname: str) -> str:
        node = self.env.titles.get(docname)
        return node.astext() if node is not None else docname


def _joined(items: list[nodes.Node | None], separator: str = " · ") -> list[nodes.Node]:
    """The items that exist, with separators between them."""
    kept = [item for item in items if item is not None]
    joined: list[nodes.Node] = []
    for index, item in enumerate(kept):
        if index:
            joined.append(nodes.Text(separator))
        joined.append(item)
    return joined


def _field(name: str, items: list[nodes.Node | None]) -> nodes.field | None:
    """A field whose body is the items that exist, on one line."""
    body = _joined(items)
    return _field_of(name, [nodes.paragraph("", "", *body)]) if body else None


def _field_of(name: str, paragraphs: list[nodes.paragraph]) -> nodes.field | None:
    if not paragraphs:
        return None
    return nodes.field(
        "",
        nodes.field_name("", name),
        nodes.field_body("", *paragraphs),
    )


def _download_items(linker: _Linker, quiz: Quiz | None) -> list[nodes.Node | None]:
    """One download per export format: of this quiz, or of every quiz when `quiz` is None."""
    items: list[nodes.Node | None] = []
    for format_name in linker.downloads:
        label = FORMAT_NAMES[format_name]
        path = all_quizzes_export_path(format_name) if quiz is None else None
        items.append(linker.download(path or quiz_export_path(quiz.id, format_name), label))
    return items


def _format_notes(linker: _Linker) -> nodes.bullet_list | None:
    """What each offered format cannot carry, said before anyone downloads it."""
    if not linker.downloads:
        return None
    notes = nodes.bullet_list(bullet="-", classes=["cart-format-notes"])
    for format_name in linker.downloads:
        notes += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.strong("", FORMAT_NAMES[format_name]),
                nodes.Text(f": {CANNOT_CARRY[format_name]}"),
            ),
        )
    return notes


def _print_items(linker: _Linker, quiz: Quiz) -> list[nodes.Node | None]:
    return [
        linker.generated(quiz.id, "worksheet", _("Worksheet")),
        linker.generated(quiz.id, "answers", _("Answer key")),
    ]


def _embed_paragraphs(linker: _Linker, quiz: Quiz) -> list[nodes.paragraph]:
    """Each page that shows the quiz, linked at the quiz, and at each reading level (the
    tiers extension reads `?tier=`), so a reader can be sent to the topic at their level."""
    paragraphs = []
    for docname in linker.embeds.get(quiz.id, []):
        link = linker.page(docname, linker.title(docname), anchor=f"quiz-{quiz.id}")
        tiers = [linker.page(docname, tier_label(tier), query=f"?tier={tier}") for tier in TIERS]
        paragraphs.append(
            nodes.paragraph(
                "",
                "",
                link,
                nodes.Text(" (" + _("read the page at:") + " "),
                *_joined(tiers),
                nodes.Text(")"),
                classes=["cart-links-embed"],
            )
        )
    return paragraphs


def _catalogue_item(linker: _Linker, quiz: Quiz) -> nodes.Node | None:
    if not linker.catalogues:
        return None
    return linker.page(linker.catalogues[0], _("All quizzes"), anchor=f"quiz-catalog-{quiz.id}")


def catalog_fields(linker: _Linker, quiz: Quiz) -> list[nodes.Node]:
    """The catalogue entry's link fields: where it is, how to assign, print and export it."""
    questions = [
        linker.generated(
            quiz.id,
            "quiz",
            question.id,
            anchor=f"quiz-{quiz.id}-{question.id}",
        )
        for question in quiz.questions
    ]
    for link, question in zip(questions, quiz.questions, strict=True):
        if link is not None:
            link["reftitle"] = to_plain(question.prompt)
    fields = [
        _field(_("Quiz page"), [linker.generated(quiz.id, "quiz", _("The quiz on its own page"))]),
        _field_of(_("Embedded in"), _embed_paragraphs(linker, quiz)),
        _field(_("Single questions"), questions),
        _field(_("Print"), _print_items(linker, quiz)),
        _field(_("Download"), _download_items(linker, quiz)),
    ]
    return [field for field in fields if field is not None]


def page_links(linker: _Linker, quiz: Quiz, context: str) -> list[nodes.Node]:
    """The links above a quiz page, a worksheet or an answer key (hidden on paper)."""
    if context == "quiz":
        fields = [
            _field_of(_("Also on"), _embed_paragraphs(linker, quiz)),
            _field(_("Print"), _print_items(linker, quiz)),
            _field(_("Download"), _download_items(linker, quiz)),
            _field(_("Catalogue"), [_catalogue_item(linker, quiz)]),
        ]
    else:
        other = "answers" if context == "worksheet" else "worksheet"
        other_name = _("Answer key") if other == "answers" else _("Worksheet")
        fields = [
            _field(
                _("See also"),
                [
                    linker.generated(quiz.id, "quiz", _("Quiz page")),
                    linker.generated(quiz.id, other, other_name),
                    _catalogue_item(linker, quiz),
                ],
            )
        ]
    kept = [field for field in fields if field is not None]
    if not kept:
        return []
    return [
        nodes.field_list("", *kept, classes=["cart-quiz-links", "cart-educators", "cart-no-print"])
    ]


class QuizLinksTransform(SphinxPostTransform):
    """Every `quiz_links` placeholder of the page, as links for the builder being used."""

    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        placeholders = nodes_of(self.document, quiz_links)
        if not placeholders:
            return
        linker = _Linker(self.env, self.env.docname)
        quizzes = quiz_store(self.env).quizzes
        for node in placeholders:
            context = node["context"]
            found = quizzes.get(node["quiz_id"])
            if context == "all":
                items = _download_items(linker, None)
                notes = _format_notes(linker)
                body = (
                    [
                        nodes.paragraph("", _("Every quiz in one file: "), *_joined(items)),
                        nodes.paragraph("", _("What each format carries:")),
                        notes,
                    ]
                    if items and notes is not None
                    else []
                )
                node.replace_self(body)
            elif found is None:
                node.replace_self([])
            elif context == "catalog":
                node.replace_self(catalog_fields(linker, found))
            else:
                node.replace_self(page_links(linker, found, context))


def setup_links(app: Sphinx) -> None:
    app.add_node(quiz_links)
    app.add_directive("quiz-links", QuizLinksDirective)
    app.add_post_transform(QuizLinksTransform)
