"""The `{quiz}` and `{quiz-worksheet}` directives: find the quiz by id, depend on its YAML
file, and build the quiz's nodes from the model. What each builder makes of them is decided
later, by a post-transform per output family (`widget.py` for HTML, `worksheet.py` for the
rest)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .config import QuizWarning, warn
from .loader import display_path
from .model import Question, Quiz
from .nodes import quiz, quiz_question, quiz_text
from .store import note_quiz_sources, quiz_store
from .text_nodes import text_nodes
from .translation import _
from .worksheet import printable_sheet


class QuizDirective(SphinxDirective):
    """Embed a quiz by id: ```{quiz} crs-and-icans```."""

    required_arguments = 1
    has_content = False
    #: `:page-title:` says the page's title is the quiz's: the widget then shows no heading
    #: of its own and is labelled by the page's (the generated quiz pages use it).
    option_spec = {"page-title": directives.flag}  # noqa: RUF012 (docutils API)

    def find_quiz(self) -> Quiz | list[nodes.Node]:
        """The quiz named by the argument, or what to show instead (after a warning)."""
        quiz_id = self.arguments[0].strip()
        store = quiz_store(self.env)
        found = store.quizzes.get(quiz_id)
        if found is not None:
            note_quiz_sources(self.env, [found.path])
            return found
        broken = store.collection.broken_ids.get(quiz_id)
        if broken is not None:
            # Its problems were reported when the quizzes were loaded; fixing the file must
            # bring this page back.
            note_quiz_sources(self.env, [broken])
            return [nodes.paragraph("", _("This self-check could not be loaded."))]
        directory = store.directory
        note_quiz_sources(self.env, [directory])  # read again when a quiz file comes
        known = ", ".join(sorted(store.quizzes)) or "none"
        warn(
            f"unknown quiz id {quiz_id!r}; fix the id or create "
            f"{display_path(directory / f'{quiz_id}.yaml')} (known ids: {known})",
            QuizWarning.UNKNOWN,
            self.get_location(),
        )
        return []

    def run(self) -> list[nodes.Node]:
        found = self.find_quiz()
        if not isinstance(found, Quiz):
            return found
        embeds = quiz_store(self.env).embeds.setdefault(self.env.docname, [])
        if found.id in embeds:
            warn(
                f"the quiz {found.id!r} is already on this page; a quiz can be shown once per "
                "page (its questions' ids and links must be unique): remove this one",
                QuizWarning.EMBEDDED_TWICE,
                self.get_location(),
            )
            return []
        embeds.append(found.id)
        node = self.build_quiz(found)
        node["page_title"] = "page-title" in self.options
        self.set_source_info(node)
        return [node]

    def text(self, source: Quiz, value: str, line: int, part: str, **attributes) -> quiz_text:
        """One field of the quiz as a text part, located at its YAML line."""
        return quiz_text(
            "",
            "",
            *text_nodes(value, self.env.docname, str(source.path), line),
            part=part,
            **attributes,
        )

    def build_quiz(self, source: Quiz) -> quiz:
        node = quiz(
            quiz_id=source.id,
            title=source.title,
            category=source.category,
            tier=source.tier,
            minutes=source.minutes,
            stage=source.stage,
        )
        node.extend(
            self.text(source, objective, source.line, "objective")
            for objective in source.objectives
        )
        total = len(source.questions)
        for number, question in enumerate(source.questions, start=1):
            node += self.build_question(source, question, number, total)
        return node

    def build_question(
        self, source: Quiz, question: Question, number: int, total: int
    ) -> quiz_question:
        node = quiz_question(
            question_id=question.id,
            question_type=question.type,
            number=number,
            total=total,
            anchor=f"quiz-{source.id}-{question.id}",
            stage=question.stage,
            step_order=list(question.shuffled_step_order(source.id)) if question.steps else [],
        )
        node += self.text(source, question.prompt, question.line, "prompt")
        if question.hint:
            node += self.text(source, question.hint, question.line, "hint")
        for index, choice in enumerate(question.choices):
            node += self.text(
                source,
                choice.text,
                choice.line,
                "choice",
                index=index,
                correct=choice.correct,
                unsure=choice.unsure,
            )
            node += self.text(source, choice.feedback, choice.line, "choice-feedback", index=index)
        for index, step in enumerate(question.steps):
            node += self.text(source, step.text, step.line, "step", index=index)
            node += self.text(source, step.feedback, step.line, "step-feedback", index=index)
        node += self.text(source, question.explanation, question.line, "explanation")
        link = addnodes.pending_xref(
            "",
            nodes.inline("", question.learn_more),
            refdomain="std",
            reftype="ref",
            reftarget=question.learn_more.lower(),
            refexplicit=False,
            refwarn=False,
            refdoc=self.env.docname,
        )
        node += quiz_text("", "", link, part="learn-more", label=question.learn_more)
        if question.ask_your_team:
            node += self.text(source, question.ask_your_team, question.line, "ask")
        return node


class QuizWorksheetDirective(QuizDirective):
    """```{quiz-worksheet} crs-and-icans```: a printable worksheet; `:answers:` for the
    answer key with the explanations."""

    option_spec = {"answers": directives.flag}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        found = self.find_quiz()
        if not isinstance(found, Quiz):
            return found
        kind = "answers" if "answers" in self.options else "worksheet"
        sheet = printable_sheet(self.build_quiz(found), kind)
        self.set_source_info(sheet)
        return [sheet]


def setup_directives(app: Sphinx) -> None:
    app.add_directive("quiz", QuizDirective)
    app.add_directive("quiz-worksheet", QuizWorksheetDirective)
