"""The `{quiz-catalog}` directive: every quiz of the site, grouped by category, with what an
educator needs to pick one (reading level, length, objectives, where it is used) and links to
assign, print and export it.

Filtering needs no JavaScript: the category links at the top jump to a section each, and the
stylesheet shows only the targeted category (`:target`); without that CSS, the links still
jump to the right place and every quiz stays readable."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .links import embedding_pages, quiz_links
from .model import CATEGORIES, Quiz
from .pages import quiz_page_docname
from .question_set import question_picker, set_form
from .store import note_quiz_sources, quiz_store
from .text_nodes import text_nodes
from .translation import _, category_label, tier_label

# Not "quiz-catalog": that is the label (and section id) of the page that usually holds the
# catalogue, and two elements must not share an id.
CATALOG_ID = "cart-quiz-catalog"


def category_id(category: str) -> str:
    return f"quiz-category-{category}"


def entry_id(quiz_id: str) -> str:
    return f"quiz-catalog-{quiz_id}"


class QuizCatalogDirective(SphinxDirective):
    """```{quiz-catalog}```: place it at the end of a page; it adds a section per category."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        store = quiz_store(self.env)
        collection = store.collection
        note_quiz_sources(self.env, [store.directory])  # every quiz file
        store.catalogues.add(self.env.docname)
        by_category = {
            category: sorted(
                (quiz for quiz in collection.quizzes.values() if quiz.category == category),
                key=lambda quiz: (quiz.title.lower(), quiz.id),
            )
            for category in CATEGORIES
        }
        shown = {category: found for category, found in by_category.items() if found}
        result: list[nodes.Node] = [self.category_filter(shown, len(collection.quizzes))]
        result.append(quiz_links(quiz_id="", context="all"))
        result.extend(self.category_section(category, found) for category, found in shown.items())
        result.append(set_form())
        return result

    def category_filter(self, shown: dict[str, list[Quiz]], total: int) -> nodes.paragraph:
        """Links to each category: a table of contents that doubles as a no-JS filter."""
        links: list[nodes.Node] = [
            nodes.strong("", _("Show:")),
            nodes.Text(" "),
            nodes.reference("", _("All quizzes ({count})").format(count=total), refid=CATALOG_ID),
        ]
        for category, found in shown.items():
            label = _("{category} ({count})").format(
                category=category_label(category), count=len(found)
            )
            links.extend(
                [nodes.Text(" · "), nodes.reference("", label, refid=category_id(category))]
            )
        return nodes.paragraph(
            "", "", *links, ids=[CATALOG_ID], classes=["cart-catalog-filter", "cart-educators"]
        )

    def category_section(self, category: str, found: list[Quiz]) -> nodes.section:
        section = nodes.section(
            ids=[category_id(category)], classes=["cart-catalog-category", "cart-educators"]
        )
        section += nodes.title("", category_label(category))
        section.extend(self.entry(quiz) for quiz in found)
        return section

    def entry(self, quiz: Quiz) -> nodes.section:
        section = nodes.section(
            ids=[entry_id(quiz.id)],
            classes=["cart-catalog-entry", f"cart-catalog-entry--{quiz.category}"],
        )
        section["quiz_id"] = quiz.id
        section += nodes.title("", quiz.title)
        objectives = nodes.bullet_list(bullet="-")
        objectives.extend(
            nodes.list_item(
                "",
                nodes.paragraph(
                    "", "", *text_nodes(objective, self.env.docname, str(quiz.path), quiz.line)
                ),
            )
            for objective in quiz.objectives
        )
        facts = [
            (_("Category"), category_label(quiz.category)),
            (_("Reading level"), tier_label(quiz.tier)),
            (_("Questions"), str(len(quiz.questions))),
            (_("Time"), _("about {minutes} minutes").format(minutes=quiz.minutes)),
        ]
        fields = nodes.field_list(classes=["cart-catalog-facts"])
        for name, value in facts:
            fields += nodes.field(
                "", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", value))
            )
        fields += nodes.field(
            "", nodes.field_name("", _("Learning objectives")), nodes.field_body("", objectives)
        )
        fields += nodes.field(
            "",
            nodes.field_name("", _("Quiz id")),
            nodes.field_body("", nodes.paragraph("", "", nodes.literal("", quiz.id))),
        )
        fields += quiz_links(quiz_id=quiz.id, context="catalog")
        section += fields
        section += question_picker(quiz)
        return section


def rewrite_when_embeds_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The catalogue and the quiz pages list the pages that embed each quiz: write them again
    when a page starts or stops embedding one."""
    store = quiz_store(env)
    embeds = embedding_pages(env)
    previous, store.last_embeds = store.last_embeds, embeds
    if previous is None or previous == embeds:
        return []
    changed = {
        quiz_id
        for quiz_id in set(embeds) | set(previous)
        if embeds.get(quiz_id) != previous.get(quiz_id)
    }
    pages = [quiz_page_docname(app.config, quiz_id) for quiz_id in sorted(changed)]
    return sorted(store.catalogues) + [page for page in pages if page in env.all_docs]


def setup_catalog(app: Sphinx) -> None:
    app.add_directive("quiz-catalog", QuizCatalogDirective)
    app.connect("env-updated", rewrite_when_embeds_change)
