"""The `{my-questions}` directive: the reader's questions for their care team.

Without JavaScript the page shows every `ask_your_team` prompt of the site's quizzes,
de-duplicated, grouped by stage of the treatment journey and linked to the question it comes
from: a list ready to print. `cart-my-questions.js` then shows the reader's own saved list
(kept in this browser's localStorage only) with add, edit, reorder, delete, clear, copy and
print. Other builders (LaTeX, EPUB, text, man) get the suggested list as plain numbered lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from .config import QuizWarning, warn
from .links import builder_of, embedding_pages
from .model import STAGES, Quiz
from .nodes import INTERACTIVE_BUILDERS
from .store import quiz_store
from .text_nodes import text_nodes
from .translation import _, stage_label
from .widget import heading_level

OTHER_STAGE = "other"
ANSWER_LINES = 3
TEXT_MAX_LENGTH = 500


class my_questions(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The whole list; its children are one `my_questions_stage` per journey stage."""


class my_questions_stage(nodes.General, nodes.Element):  # noqa: N801
    """The suggested questions of one stage; children are `my_questions_item`."""


class my_questions_item(nodes.General, nodes.Element):  # noqa: N801
    """One suggested question: its text, then where it comes from."""


class my_questions_source(nodes.General, nodes.Element):  # noqa: N801
    """A placeholder for the link to a quiz question, resolved once every page is read."""


@dataclass(frozen=True)
class SuggestionSource:
    """The quiz question a suggested question comes from."""

    quiz_id: str
    quiz_title: str
    question_id: str

    @property
    def anchor(self) -> str:
        """The question's `id` in the page's HTML (see html.py)."""
        return f"quiz-{self.quiz_id}-{self.question_id}"

    @property
    def key(self) -> str:
        """How cart-quiz.js records the source of a saved question."""
        return f"{self.quiz_id}/{self.anchor}"


@dataclass
class Suggestion:
    """One `ask_your_team` prompt, with every question that asks it."""

    text: str
    stage: str
    sources: list[SuggestionSource] = field(default_factory=list)
    line: int = 0


def same_question_key(text: str) -> str:
    """Prompts that differ only in spacing, case or final punctuation are the same question."""
    return " ".join(text.split()).casefold().rstrip("?.! ")


def collect_suggestions(quizzes: Iterable[Quiz]) -> dict[str, list[Suggestion]]:
    """Every `ask_your_team` prompt once, grouped by stage in journey order.

    A prompt asked by several questions is kept at its earliest stage and lists every source.
    Stages without a prompt are left out.
    """
    quizzes = list(quizzes)
    by_key: dict[str, Suggestion] = {}
    grouped: dict[str, list[Suggestion]] = {}
    for stage in STAGES:
        for found in quizzes:
            for question in found.questions:
                if not question.ask_your_team or question.stage != stage:
                    continue
                source = SuggestionSource(found.id, found.title, question.id)
                key = same_question_key(question.ask_your_team)
                if key in by_key:
                    by_key[key].sources.append(source)
                    continue
                suggestion = Suggestion(question.ask_your_team, stage, [source], question.line)
                by_key[key] = suggestion
                grouped.setdefault(stage, []).append(suggestion)
    return grouped


class MyQuestionsDirective(SphinxDirective):
    """The reader's list of questions for the care team: ```{my-questions}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        store = quiz_store(self.env)
        if self.env.docname in store.my_questions:
            warn(
                "the {my-questions} directive is already on this page; use it once per page",
                QuizWarning.MY_QUESTIONS,
                self.get_location(),
            )
            return []
        store.my_questions.add(self.env.docname)
        collection = store.collection
        for path in [found.path for found in collection.quizzes.values()] + list(
            collection.broken_ids.values()
        ):
            self.env.note_dependency(path)
        node = my_questions(
            sources=[
                [source.key, source.quiz_id, source.anchor, found.title]
                for found in collection.quizzes.values()
                for question in found.questions
                if question.ask_your_team
                for source in [SuggestionSource(found.id, found.title, question.id)]
            ]
        )
        self.set_source_info(node)
        for stage, suggestions in collect_suggestions(collection.quizzes.values()).items():
            group = my_questions_stage(stage=stage)
            for suggestion in suggestions:
                first = suggestion.sources[0]
                text = text_nodes(
                    suggestion.text,
                    self.env.docname,
                    str(collection.quizzes[first.quiz_id].path),
                    suggestion.line,
                )
                item = my_questions_item(stage=stage, source=first.key)
                item += nodes.inline("", "", *text, classes=["cart-mq-text"])
                origin = nodes.inline("", f"{_('From the self-check:')} ", classes=["cart-mq-from"])
                for number, source in enumerate(suggestion.sources):
                    if number:
                        origin += nodes.Text(", ")
                    origin += my_questions_source(
                        quiz_id=source.quiz_id, anchor=source.anchor, title=source.quiz_title
                    )
                item += origin
                group += item
            node += group
        return [node]


# --- linking each suggestion to its question, once every page is read -------------------


def question_uri(builder: Builder, fromdocname: str, todocname: str, anchor: str) -> str:
    if builder.name == "singlehtml":
        return f"#{anchor}"
    return f"{builder.get_relative_uri(fromdocname, todocname)}#{anchor}"


class MyQuestionsLinksTransform(SphinxPostTransform):
    """Each suggestion's source as a link to its question on the page that shows the quiz
    first in reading order (plain text, and the plain list, for builders without scripts)."""

    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        lists = list(self.document.findall(my_questions))
        if not lists:
            return
        builder, docname = builder_of(self.env), self.env.docname
        interactive = builder.name in INTERACTIVE_BUILDERS
        pages = {quiz_id: docs[0] for quiz_id, docs in embedding_pages(self.env).items()}
        for node in lists:
            links: dict[str, dict[str, str]] = {}
            for key, quiz_id, anchor, title in node["sources"]:
                if quiz_id in pages:
                    links[key] = {
                        "url": question_uri(builder, docname, pages[quiz_id], anchor),
                        "title": title,
                    }
            node["source_links"] = links
            for placeholder in list(node.findall(my_questions_source)):
                page = pages.get(placeholder["quiz_id"])
                if interactive and page is not None:
                    uri = question_uri(builder, docname, page, placeholder["anchor"])
                    replacement = nodes.reference(
                        "", placeholder["title"], internal=True, refuri=uri
                    )
                else:
                    replacement = nodes.Text(placeholder["title"])
                placeholder.replace_self(replacement)
            if not interactive:
                node.replace_self(plain_list(node))


def plain_list(node: my_questions) -> nodes.Element:
    """The suggested list for LaTeX/PDF, EPUB, text and man pages."""
    container = nodes.container(classes=["cart-my-questions"])
    container += nodes.paragraph("", _("Questions you may want to ask your care team:"))
    for group in node.findall(my_questions_stage):
        container += nodes.rubric("", stage_label(group["stage"]))
        items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for item in group.findall(my_questions_item):
            text, origin = item.children
            items += nodes.list_item(
                "",
                nodes.paragraph("", "", *[child.deepcopy() for child in text.children]),
                nodes.paragraph("", "", nodes.emphasis("", "", *origin.deepcopy().children)),
            )
        container += items
    if len(container) == 1:
        container += nodes.paragraph("", _("There are no suggested questions yet."))
    return container


# --- HTML ----------------------------------------------------------------------------------


def script_strings() -> dict[str, str]:
    """Strings cart-my-questions.js shows, rendered into the page so they follow `language`."""
    return {
        "edit": _("Edit"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "moveUp": _("Move up"),
        "moveDown": _("Move down"),
        "delete": _("Delete"),
        "editLabel": _("Your question"),
        "stageLabel": _("Stage of treatment"),
        "own": _("Your own question."),
        "from": _("From the self-check:"),
        "addSuggestion": _("Add to My questions"),
        "inList": _("In My questions"),
        "added": _("Added “{text}” to My questions, under “{stage}”."),
        "alreadyInList": _("“{text}” is already in My questions."),
        "writeFirst": _("Write your question in the box first."),
        "saved": _("Saved your change."),
        "editCancelled": _("Nothing was changed."),
        "deleted": _("Deleted “{text}”."),
        "moved": _("Moved “{text}” to position {position} of {total} under “{stage}”."),
        "alreadyFirst": _("“{text}” is already first under “{stage}”."),
        "alreadyLast": _("“{text}” is already last under “{stage}”."),
        "clearAsk": _("Delete every question in your list? This cannot be undone."),
        "clearYes": _("Yes, delete them all"),
        "cleared": _("Your list is now empty."),
        "nothingDeleted": _("Nothing was deleted."),
        "nothingToCopy": _("Your list is empty, so there is nothing to copy yet."),
        "copied": _(
            "Copied your list. You can paste it into an email or a message to your care team."
        ),
        "copiedShown": _("Copied your list. It is also shown in the box below."),
        "copyFallback": _(
            "Your browser did not let this page copy. Your list is selected in the box "
            "below: press Ctrl+C (or Command+C on a Mac) to copy it."
        ),
        "textTitle": _("My questions for the care team"),
        "date": _("Date: {date}"),
        "storageFull": _(
            "This change was not saved: your browser’s storage for this site is full. "
            "Your list is as it was before. Copy it as text to keep it safe."
        ),
        "storageFailed": _(
            "This change was not saved: your browser did not let this site store it. "
            "Your list is as it was before."
        ),
        "storageBlocked": _(
            "Your browser does not let this site save data, so this list will be lost when "
            "you close the page. You can still add questions, then copy or print them."
        ),
        "storageCorrupt": _(
            "Your saved list could not be read. Nothing in it has been changed or deleted: "
            "it is shown below exactly as it was stored, so you can copy it. You can also "
            "start a new list."
        ),
        "someUnreadable": _(
            "Some saved items could not be read. They are kept as they were, but not shown."
        ),
        "startNewAsk": _(
            "Start a new, empty list? The saved data shown above will be replaced in this "
            "browser. Copy it first if you want to keep it."
        ),
        "startNewYes": _("Yes, start a new list"),
        "startedNew": _(
            "A new, empty list was started. The old data stays in the box above until you "
            "leave this page."
        ),
        "rawCopied": _("Copied the saved data."),
        "rawSelected": _(
            "The saved data is selected in the box: press Ctrl+C (or Command+C on a Mac) to "
            "copy it."
        ),
    }


def stage_choices() -> list[list[str]]:
    """Journey stages in order, then "other" for questions of no particular stage."""
    return [[stage, stage_label(stage)] for stage in STAGES] + [[OTHER_STAGE, _("Other questions")]]


def _attribute_json(value: Any) -> str:
    return escape(json.dumps(value, ensure_ascii=False))


def _answer_lines() -> str:
    return (
        '<span class="cart-mq-lines" aria-hidden="true">'
        + '<span class="cart-mq-line"></span>' * ANSWER_LINES
        + "</span>"
    )


def _stage_options() -> str:
    return "".join(
        f'<option value="{escape(key)}"{" selected" if key == OTHER_STAGE else ""}>'
        f"{escape(label)}</option>"
        for key, label in stage_choices()
    )


def visit_my_questions_html(translator: HTML5Translator, node: my_questions) -> None:
    level = heading_level(node)
    sub = min(level + 1, 6)
    has_suggestions = any(True for _group in node.findall(my_questions_stage))
    privacy = _("Your list is kept only in this browser, on this device: nothing is sent anywhere.")
    empty = _(
        "Your list is empty. Add your own question below, or add one of the suggested "
        "questions. When a self-check asks about something you are not sure of, it offers to "
        "add a question here too."
    )
    attributes = (
        f'class="cart-my-questions" id="cart-mq" '
        f'data-cart-strings="{_attribute_json(script_strings())}" '
        f'data-cart-stages="{_attribute_json(stage_choices())}" '
        f'data-cart-sources="{_attribute_json(node.get("source_links", {}))}" '
        f'data-heading-level="{level}"'
    )
    app_html = (
        '<div class="cart-mq-app" hidden>'
        '<div class="cart-mq-alert" role="alert"></div>'
        '<div class="cart-mq-unreadable" hidden>'
        f'<label class="cart-mq-label" for="cart-mq-raw">'
        f"{escape(_('Your saved data, exactly as it was stored'))}</label>"
        '<textarea class="cart-mq-raw" id="cart-mq-raw" rows="4" readonly></textarea>'
        '<div class="cart-mq-buttons">'
        f'<button type="button" class="cart-mq-copy-raw">{escape(_("Copy the saved data"))}'
        "</button>"
        f'<button type="button" class="cart-mq-start-new">{escape(_("Start a new list"))}'
        "</button></div></div>"
        f'<h{level} class="cart-mq-heading" id="cart-mq-yours" tabindex="-1">'
        f"{escape(_('Your questions'))}</h{level}>"
        f'<p class="cart-mq-empty" hidden>{escape(empty)}</p>'
        '<div class="cart-mq-groups"></div>'
        '<div class="cart-mq-buttons cart-mq-toolbar">'
        f'<button type="button" class="cart-mq-copy">{escape(_("Copy as text"))}</button>'
        f'<button type="button" class="cart-mq-print">{escape(_("Print"))}</button>'
        f'<button type="button" class="cart-mq-clear">{escape(_("Clear the list"))}</button>'
        "</div>"
        '<div class="cart-mq-confirm" role="group" aria-labelledby="cart-mq-confirm-text" hidden>'
        '<p class="cart-mq-confirm-text" id="cart-mq-confirm-text"></p>'
        '<div class="cart-mq-buttons">'
        '<button type="button" class="cart-mq-confirm-yes"></button>'
        f'<button type="button" class="cart-mq-confirm-no">{escape(_("Cancel"))}</button>'
        "</div></div>"
        '<p class="cart-mq-status" role="status"></p>'
        '<div class="cart-mq-copy-fallback" hidden>'
        f'<label class="cart-mq-label" for="cart-mq-copy-text">'
        f"{escape(_('Your list as text'))}</label>"
        '<textarea class="cart-mq-copy-text" id="cart-mq-copy-text" rows="8" readonly>'
        "</textarea></div>"
        '<form class="cart-mq-add" aria-labelledby="cart-mq-add-title">'
        f'<h{sub} class="cart-mq-add-title" id="cart-mq-add-title">'
        f"{escape(_('Add your own question'))}</h{sub}>"
        f'<label class="cart-mq-label" for="cart-mq-new-text">{escape(_("Your question"))}'
        "</label>"
        f'<textarea class="cart-mq-field" id="cart-mq-new-text" name="text" rows="3" '
        f'maxlength="{TEXT_MAX_LENGTH}"></textarea>'
        f'<label class="cart-mq-label" for="cart-mq-new-stage">'
        f"{escape(_('Stage of treatment'))}</label>"
        f'<select class="cart-mq-field" id="cart-mq-new-stage" name="stage">'
        f"{_stage_options()}</select>"
        f'<div class="cart-mq-buttons"><button type="submit" class="cart-mq-add-button">'
        f"{escape(_('Add to my list'))}</button></div>"
        "</form></div>"
    )
    intro = _(
        "These questions come from the self-checks on this site. Choose the ones that matter "
        "to you, and bring them to your next visit."
    )
    translator.body.append(
        f"<div {attributes}>"
        f'<p class="cart-mq-privacy">{escape(privacy)}</p>'
        f'<p class="cart-mq-date">{escape(_("Date:"))} '
        f'<span class="cart-mq-date-value">____________________</span></p>'
        f"{app_html}"
        '<section class="cart-mq-suggested" aria-labelledby="cart-mq-suggested-title">'
        f'<h{level} class="cart-mq-suggested-title" id="cart-mq-suggested-title">'
        f"{escape(_('Suggested questions'))}</h{level}>"
        f'<p class="cart-mq-suggested-intro">{escape(intro)}</p>'
    )
    if not has_suggestions:
        translator.body.append(
            f'<p class="cart-mq-none">{escape(_("There are no suggested questions yet."))}</p>'
        )


def depart_my_questions_html(translator: HTML5Translator, node: my_questions) -> None:
    translator.body.append("</section></div>")


def visit_stage_html(translator: HTML5Translator, node: my_questions_stage) -> None:
    level = min(heading_level(node) + 1, 6)
    stage = escape(node["stage"])
    translator.body.append(
        f'<h{level} class="cart-mq-stage-heading" id="cart-mq-suggested-{stage}">'
        f"{escape(stage_label(node['stage']))}</h{level}>"
        f'<ol class="cart-mq-suggestions" aria-labelledby="cart-mq-suggested-{stage}">'
    )


def depart_stage_html(translator: HTML5Translator, node: my_questions_stage) -> None:
    translator.body.append("</ol>")


def visit_item_html(translator: HTML5Translator, node: my_questions_item) -> None:
    text = node.children[0].astext()
    translator.body.append(
        f'<li class="cart-mq-suggestion" data-text="{escape(text)}" '
        f'data-stage="{escape(node["stage"])}" data-source="{escape(node["source"])}">'
    )


def depart_item_html(translator: HTML5Translator, node: my_questions_item) -> None:
    translator.body.append(f"{_answer_lines()}</li>")


def skip_node(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Other builders get `plain_list` instead; nothing of these nodes reaches them."""
    raise nodes.SkipNode


def setup_my_questions(app: Sphinx) -> None:
    """Register the `{my-questions}` directive, its nodes and the link transform."""
    fallback = (skip_node, None)
    visitors = {
        my_questions: (visit_my_questions_html, depart_my_questions_html),
        my_questions_stage: (visit_stage_html, depart_stage_html),
        my_questions_item: (visit_item_html, depart_item_html),
        my_questions_source: fallback,
    }
    for node_class, html in visitors.items():
        app.add_node(
            node_class, html=html, latex=fallback, text=fallback, man=fallback, texinfo=fallback
        )
    app.add_directive("my-questions", MyQuestionsDirective)
    app.add_post_transform(MyQuestionsLinksTransform)
