"""The `{quiz}` directive: look the quiz up by id, depend on its YAML file, build nodes."""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collection import quiz_directory, site_quizzes
from .loader import display_path
from .model import Question, Quiz
from .nodes import quiz, quiz_question, quiz_text
from .translation import _

logger = logging.getLogger(__name__)
SAFE_URL_SCHEMES = ("", "http", "https", "mailto")


def _LINK_NODES(node: nodes.Node) -> bool:  # noqa: N802 (used as a findall condition)
    return isinstance(node, (nodes.reference, addnodes.pending_xref))


def _make_inert(parsed: list[nodes.Node]) -> list[nodes.Node]:
    """Quiz text is MyST inline markup, never HTML: raw HTML becomes visible text and links
    with other schemes (javascript:, data:) lose their target."""
    container = nodes.inline("", "", *parsed)
    for raw in list(container.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    for reference in list(container.findall(nodes.reference)):
        scheme = urlsplit(reference.get("refuri", "")).scheme.lower()
        if scheme not in SAFE_URL_SCHEMES:
            reference.replace_self(nodes.inline("", "", *reference.children))
    return list(container.children)


class QuizDirective(SphinxDirective):
    """Embed a quiz by id: ```{quiz} crs-and-icans```."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        quiz_id = self.arguments[0].strip()
        collection = site_quizzes(self.config, self.env.srcdir)
        found = collection.quizzes.get(quiz_id)
        if found is None:
            broken = collection.broken_ids.get(quiz_id)
            if broken is not None:
                # Its problems were reported when the quizzes were loaded; fixing the file
                # must bring this page back.
                self.env.note_dependency(broken)
                return [nodes.paragraph("", _("This self-check could not be loaded."))]
            directory = quiz_directory(self.config, self.env.srcdir)
            known = ", ".join(sorted(collection.quizzes)) or "none"
            logger.warning(
                "unknown quiz id '%s'; fix the id or create %s/%s.yaml (known ids: %s)",
                quiz_id,
                directory,
                quiz_id,
                known,
                location=self.get_location(),
                type="quiz",
                subtype="unknown",
            )
            return []
        self.env.note_dependency(found.path)
        self.env.metadata[self.env.docname].setdefault("cart_quizzes", [])
        embedded = self.env.metadata[self.env.docname]["cart_quizzes"]
        if quiz_id not in embedded:
            embedded.append(quiz_id)
        return [self.build_quiz(found)]

    def inline(
        self, source: Quiz, text: str, line: int, part: str, **attributes: object
    ) -> quiz_text:
        """Parse MyST inline text; its nodes carry the YAML file and line, so problems found
        later (a glossary term or label that does not exist) point at the quiz file."""
        parsed, messages = self.state.inline_text(text, self.lineno)
        node = quiz_text("", "", *_make_inert(parsed), part=part, **attributes)
        for child in node.findall(nodes.Element):
            child.source, child.line = str(source.path), line
        node.extend(messages)
        return node

    def answer_text(
        self, source: Quiz, text: str, line: int, part: str, **attributes: object
    ) -> quiz_text:
        """Text that becomes a form label: a link inside would be a control inside a control,
        and following it mid-quiz loses the reader's answers."""
        node = self.inline(source, text, line, part, **attributes)
        if next(node.findall(_LINK_NODES), None) is not None:
            logger.warning(
                "an answer text contains a link or glossary term, which would sit inside the "
                "answer's label; move it to the feedback or the explanation",
                location=f"{display_path(source.path)}:{line}",
                type="quiz",
                subtype="schema",
            )
        return node

    def build_quiz(self, source: Quiz) -> quiz:
        node = quiz(
            quiz_id=source.id,
            title=source.title,
            category=source.category,
            tier=source.tier,
            minutes=source.minutes,
            stage=source.stage,
        )
        self.set_source_info(node)
        node.extend(
            self.inline(source, objective, source.line, "objective")
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
        node += self.inline(source, question.prompt, question.line, "prompt")
        if question.hint:
            node += self.inline(source, question.hint, question.line, "hint")
        for index, choice in enumerate(question.choices):
            node += self.answer_text(
                source,
                choice.text,
                choice.line,
                "choice",
                index=index,
                correct=choice.correct,
                unsure=choice.unsure,
            )
            node += self.inline(
                source, choice.feedback, choice.line, "choice-feedback", index=index
            )
        for index, step in enumerate(question.steps):
            node += self.answer_text(source, step.text, step.line, "step", index=index)
            node += self.inline(source, step.feedback, step.line, "step-feedback", index=index)
        node += self.inline(source, question.explanation, question.line, "explanation")
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
            node += self.inline(source, question.ask_your_team, question.line, "ask")
        return node
