"""The `{my-questions}` directive: the reader's questions for their care team.

Without JavaScript the page shows every `ask_your_team` prompt of the site's quizzes,
de-duplicated, grouped by stage of the treatment journey and linked to the question it comes
from: a list ready to print. `cart-my-questions.js` then shows the reader's own saved list
(kept in this browser's localStorage only) with add, edit, reorder, delete, clear, copy and
print. Other builders (LaTeX, EPUB, text, man) get the suggested list as plain numbered lists.
"""

from __future__ import annotations

import json
from typing import Any

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .config import QuizWarning, warn
from .links import builder_of, embedding_pages
from .model import STAGES
from .nodes import INTERACTIVE_BUILDERS, el, element, heading_level
from .store import note_quiz_sources, quiz_store
from .suggestions import SuggestionSource, collect_suggestions
from .text_nodes import text_nodes
from .translation import _, stage_label

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
        note_quiz_sources(self.env, [store.directory])  # every quiz file
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
        lists = nodes_of(self.document, my_questions)
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
            node.replace_self(page_widget(node) if interactive else plain_list(node))


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


def _stage_select() -> element:
    options = []
    for key, label in stage_choices():
        option = el("option", label, value=key, selected=key == OTHER_STAGE)
        options.append(option)
    return el(
        "select", *options, classes=["cart-mq-field"], ids=["cart-mq-new-stage"], name="stage"
    )


def _label(text: str, for_id: str) -> element:
    label = el("label", text, classes=["cart-mq-label"])
    label["attributes"]["for"] = for_id
    return label


def _buttons(*buttons: element, extra: tuple[str, ...] = ()) -> element:
    return el("div", *buttons, classes=["cart-mq-buttons", *extra])


def _button(text: str, name: str) -> element:
    return el("button", text, classes=[name], type="button")


def reader_list(level: int) -> element:
    """The reader's own list, shown by cart-my-questions.js (hidden without it)."""
    sub = min(level + 1, 6)
    empty = _(
        "Your list is empty. Add your own question below, or add one of the suggested "
        "questions. When a self-check asks about something you are not sure of, it offers to "
        "add a question here too."
    )
    unreadable = el(
        "div",
        _label(_("Your saved data, exactly as it was stored"), "cart-mq-raw"),
        el("textarea", classes=["cart-mq-raw"], ids=["cart-mq-raw"], rows=4, readonly=True),
        _buttons(
            _button(_("Copy the saved data"), "cart-mq-copy-raw"),
            _button(_("Start a new list"), "cart-mq-start-new"),
        ),
        classes=["cart-mq-unreadable"],
        hidden=True,
    )
    confirm = el(
        "div",
        el("p", classes=["cart-mq-confirm-text"], ids=["cart-mq-confirm-text"]),
        _buttons(
            # The label is the action asked about, set when asked; never a nameless button.
            el("button", _("Delete"), classes=["cart-mq-confirm-yes"], type="button"),
            _button(_("Cancel"), "cart-mq-confirm-no"),
        ),
        classes=["cart-mq-confirm"],
        role="group",
        aria_labelledby="cart-mq-confirm-text",
        hidden=True,
    )
    copy_fallback = el(
        "div",
        _label(_("Your list as text"), "cart-mq-copy-text"),
        el(
            "textarea",
            classes=["cart-mq-copy-text"],
            ids=["cart-mq-copy-text"],
            rows=8,
            readonly=True,
        ),
        classes=["cart-mq-copy-fallback"],
        hidden=True,
    )
    add_form = el(
        "form",
        el(
            f"h{sub}",
            _("Add your own question"),
            classes=["cart-mq-add-title"],
            ids=["cart-mq-add-title"],
        ),
        _label(_("Your question"), "cart-mq-new-text"),
        el(
            "textarea",
            classes=["cart-mq-field"],
            ids=["cart-mq-new-text"],
            name="text",
            rows=3,
            maxlength=TEXT_MAX_LENGTH,
        ),
        _label(_("Stage of treatment"), "cart-mq-new-stage"),
        _stage_select(),
        _buttons(el("button", _("Add to my list"), classes=["cart-mq-add-button"], type="submit")),
        classes=["cart-mq-add"],
        aria_labelledby="cart-mq-add-title",
    )
    return el(
        "div",
        el("div", classes=["cart-mq-alert"], role="alert"),
        unreadable,
        el(
            f"h{level}",
            _("Your questions"),
            classes=["cart-mq-heading"],
            ids=["cart-mq-yours"],
            tabindex="-1",
        ),
        el("p", empty, classes=["cart-mq-empty"], hidden=True),
        el("div", classes=["cart-mq-groups"]),
        _buttons(
            _button(_("Copy as text"), "cart-mq-copy"),
            _button(_("Print"), "cart-mq-print"),
            _button(_("Clear the list"), "cart-mq-clear"),
            extra=("cart-mq-toolbar",),
        ),
        confirm,
        el("p", classes=["cart-mq-status"], role="status"),
        copy_fallback,
        add_form,
        classes=["cart-mq-app"],
        hidden=True,
    )


def suggested_list(node: my_questions, level: int) -> element:
    """The suggested questions, grouped by stage: readable and printable without scripts."""
    sub = min(level + 1, 6)
    intro = _(
        "These questions come from the self-checks on this site. Choose the ones that matter "
        "to you, and bring them to your next visit."
    )
    body: list[nodes.Node] = [
        el(
            f"h{level}",
            _("Suggested questions"),
            classes=["cart-mq-suggested-title"],
            ids=["cart-mq-suggested-title"],
        ),
        el("p", intro, classes=["cart-mq-suggested-intro"]),
    ]
    groups = list(node.findall(my_questions_stage))
    if not groups:
        body.append(el("p", _("There are no suggested questions yet."), classes=["cart-mq-none"]))
    lines = el(
        "span",
        *(el("span", classes=["cart-mq-line"]) for _line in range(ANSWER_LINES)),
        classes=["cart-mq-lines"],
        aria_hidden="true",
    )
    for group in groups:
        stage = group["stage"]
        heading_id = f"cart-mq-suggested-{stage}"
        body.append(
            el(f"h{sub}", stage_label(stage), classes=["cart-mq-stage-heading"], ids=[heading_id])
        )
        items = []
        for item in group.findall(my_questions_item):
            text, origin = item.children
            items.append(
                el(
                    "li",
                    *(child.deepcopy() for child in (text, origin)),
                    lines.deepcopy(),
                    classes=["cart-mq-suggestion"],
                    data_text=text.astext(),
                    data_stage=stage,
                    data_source=item["source"],
                )
            )
        body.append(el("ol", *items, classes=["cart-mq-suggestions"], aria_labelledby=heading_id))
    return el(
        "section", *body, classes=["cart-mq-suggested"], aria_labelledby="cart-mq-suggested-title"
    )


def page_widget(node: my_questions) -> element:
    """The whole My questions widget, for web builders."""
    level = heading_level(node)
    privacy = _("Your list is kept only in this browser, on this device: nothing is sent anywhere.")
    return el(
        "div",
        el("p", privacy, classes=["cart-mq-privacy"]),
        el(
            "p",
            _("Date:"),
            " ",
            el("span", "____________________", classes=["cart-mq-date-value"]),
            classes=["cart-mq-date"],
        ),
        reader_list(level),
        suggested_list(node, level),
        classes=["cart-my-questions"],
        ids=["cart-mq"],
        data_cart_strings=json.dumps(script_strings(), ensure_ascii=False),
        data_cart_stages=json.dumps(stage_choices(), ensure_ascii=False),
        data_cart_sources=json.dumps(node.get("source_links", {}), ensure_ascii=False),
        data_heading_level=level,
    )


def skip_node(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """The transform replaces these nodes for every builder; none reaches a writer."""
    raise nodes.SkipNode


def setup_my_questions(app: Sphinx) -> None:
    """Register the `{my-questions}` directive, its nodes and the transform that writes it."""
    fallback = (skip_node, None)
    for node_class in (my_questions, my_questions_stage, my_questions_item, my_questions_source):
        app.add_node(
            node_class,
            html=fallback,
            latex=fallback,
            text=fallback,
            man=fallback,
            texinfo=fallback,
        )
    app.add_directive("my-questions", MyQuestionsDirective)
    app.add_post_transform(MyQuestionsLinksTransform)
