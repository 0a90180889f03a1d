"""HTML for a quiz: a form that teaches without JavaScript (answers behind "Show answer")
and that quiz.js turns into a self-check with live feedback and a score."""

from __future__ import annotations

import json
from html import escape

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .nodes import quiz, quiz_question, quiz_text, text_part, text_parts
from .translation import (
    _,
    category_label,
    script_strings,
    tier_label,
    true_false_label,
    verdict_label,
)


def _render_inline(translator: HTML5Translator, part: quiz_text | None) -> str:
    """Render a text part's children to an HTML string with the page's own translator."""
    if part is None:
        return ""
    saved_body = translator.body
    translator.body = []
    try:
        for child in part.children:
            if not isinstance(child, nodes.system_message):
                child.walkabout(translator)
        return "".join(translator.body)
    finally:
        translator.body = saved_body


def _plain(part: quiz_text | None) -> str:
    return escape(part.astext() if part is not None else "")


def _heading_level(node: nodes.Element) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth + 1, 2), 6)


def _choice_input(question: quiz_question, choice: quiz_text, render) -> str:
    anchor = question["anchor"]
    index = choice["index"]
    input_type = "checkbox" if question["question_type"] == "multiple" else "radio"
    input_id = f"{anchor}-choice-{index}"
    text = render(choice)
    if question["question_type"] == "true-false":
        text = escape(true_false_label(index))
    flags = ' data-correct="true"' if choice["correct"] else ""
    flags += ' data-unsure="true"' if choice["unsure"] else ""
    return (
        f'<div class="cart-choice"><input class="cart-choice-input" type="{input_type}" '
        f'id="{input_id}" name="{anchor}" value="{index}"{flags}>'
        f'<label class="cart-choice-label" for="{input_id}">{text}</label></div>'
    )


def _choice_answer(question: quiz_question, choice: quiz_text, feedback: quiz_text, render) -> str:
    verdict = verdict_label(choice["correct"], choice["unsure"])
    text = _plain(choice)
    if question["question_type"] == "true-false":
        text = escape(true_false_label(choice["index"]))
    return (
        f'<li class="cart-answer-item" data-choice="{choice["index"]}">'
        f'<span class="cart-verdict">{escape(verdict)}</span> <strong>{text}</strong>. '
        f'{render(feedback)} <span class="cart-your-answer" hidden></span></li>'
    )


def _steps_html(question: quiz_question, render) -> tuple[str, str]:
    """The shuffled list the reader orders, and the correct order for the answer."""
    steps = text_parts(question, "step")
    feedback = text_parts(question, "step-feedback")
    anchor = question["anchor"]
    items = []
    for index in question["step_order"]:
        step = steps[index]
        plain = _plain(step)
        items.append(
            f'<li class="cart-step" data-position="{index}">'
            f'<span class="cart-step-text">{render(step)}</span>'
            f'<span class="cart-step-moves" hidden>'
            f'<button type="button" class="cart-move" data-move="-1" '
            f'aria-label="{escape(_("Move up"))}: {plain}">{escape(_("Move up"))}</button>'
            f'<button type="button" class="cart-move" data-move="1" '
            f'aria-label="{escape(_("Move down"))}: {plain}">{escape(_("Move down"))}</button>'
            f"</span></li>"
        )
    shuffled = (
        f'<p class="cart-ordering-help" id="{anchor}-help">'
        f"{escape(_('These steps are in a mixed-up order.'))}</p>"
        f'<ol class="cart-steps" aria-describedby="{anchor}-help">{"".join(items)}</ol>'
    )
    answer_items = "".join(
        f"<li><strong>{_plain(step)}</strong>. {render(feedback[index])}</li>"
        for index, step in enumerate(steps)
    )
    answer = (
        f'<p>{escape(_("The right order:"))}</p><ol class="cart-answer-list">{answer_items}</ol>'
    )
    return shuffled, answer


def render_question(translator: HTML5Translator, question: quiz_question) -> str:
    def render(part: quiz_text | None) -> str:
        return _render_inline(translator, part)

    anchor = question["anchor"]
    qtype = question["question_type"]
    number = escape(
        _("Question {number} of {total}").format(number=question["number"], total=question["total"])
    )
    ask = text_part(question, "ask")
    data = f' data-question-type="{qtype}" data-stage="{escape(question["stage"])}"'
    if ask is not None:
        data += f' data-ask="{_plain(ask)}"'
    parts = [
        f'<fieldset class="cart-question" id="{anchor}"{data}>',
        f'<legend class="cart-question-legend"><span class="cart-question-number">'
        f'{number}</span> <span class="cart-question-prompt">'
        f"{render(text_part(question, 'prompt'))}</span></legend>",
    ]
    if qtype == "multiple":
        parts.append(f'<p class="cart-question-note">{escape(_("Choose all that apply."))}</p>')
    hint = text_part(question, "hint")
    if hint is not None:
        parts.append(
            f'<details class="cart-hint"><summary>{escape(_("Hint"))}</summary>'
            f'<div class="cart-hint-body">{render(hint)}</div></details>'
        )
    if qtype == "ordering":
        shuffled, answer = _steps_html(question, render)
        parts.append(shuffled)
    else:
        choices = text_parts(question, "choice")
        feedback = text_parts(question, "choice-feedback")
        parts.append('<div class="cart-choices">')
        parts.extend(_choice_input(question, choice, render) for choice in choices)
        parts.append("</div>")
        answer = '<ul class="cart-answer-list">{}</ul>'.format(
            "".join(
                _choice_answer(question, choice, feedback[i], render)
                for i, choice in enumerate(choices)
            )
        )
    add_button = ""
    if ask is not None:
        add_button = (
            f'<button type="button" class="cart-add-question" hidden>'
            f"{escape(_('Add to My questions'))}</button>"
        )
    parts.append(
        f'<div class="cart-actions" hidden>'
        f'<button type="button" class="cart-check">{escape(_("Check answer"))}</button>'
        f'<button type="button" class="cart-retry" hidden>{escape(_("Try again"))}</button>'
        f"{add_button}</div>"
        f'<p class="cart-status" role="status"></p>'
    )
    learn_more = render(text_part(question, "learn-more"))
    ask_html = ""
    if ask is not None:
        ask_html = (
            f'<p class="cart-ask"><strong>{escape(_("A question for your care team:"))}'
            f"</strong> {render(ask)}</p>"
        )
    parts.append(
        f'<details class="cart-answer"><summary>{escape(_("Show answer"))}</summary>'
        f'<div class="cart-answer-body">{answer}'
        f'<div class="cart-explanation"><p>{render(text_part(question, "explanation"))}</p>'
        f'</div><p class="cart-learn-more">{escape(_("Learn more:"))} {learn_more}</p>'
        f"{ask_html}</div></details></fieldset>"
    )
    return "".join(parts)


def visit_quiz_html(translator: HTML5Translator, node: quiz) -> None:
    quiz_id = escape(node["quiz_id"])
    level = _heading_level(node)
    questions = [child for child in node.children if isinstance(child, quiz_question)]
    meta = " · ".join(
        [
            escape(category_label(node["category"])),
            escape(_("{count} questions").format(count=len(questions))),
            escape(_("about {minutes} minutes").format(minutes=node["minutes"])),
            escape(_("Reading level: {tier}").format(tier=tier_label(node["tier"]))),
        ]
    )
    objectives = "".join(
        f"<li>{_render_inline(translator, objective)}</li>"
        for objective in text_parts(node, "objective")
    )
    strings = escape(json.dumps(script_strings(), ensure_ascii=False))
    body = [
        f'<section class="cart-quiz" id="quiz-{quiz_id}" data-quiz-id="{quiz_id}" '
        f'data-category="{escape(node["category"])}" data-cart-strings="{strings}" '
        f'aria-labelledby="quiz-{quiz_id}-title">',
        f'<h{level} class="cart-quiz-title" id="quiz-{quiz_id}-title">'
        f"{escape(_('Self-check: {title}').format(title=node['title']))}</h{level}>",
        f'<p class="cart-quiz-meta">{meta}</p>',
        f'<p class="cart-quiz-objectives-intro">{escape(_("This self-check helps you:"))}</p>'
        f'<ul class="cart-quiz-objectives">{objectives}</ul>',
        f'<p class="cart-quiz-privacy">{escape(_("Your answers stay on this device."))}</p>',
    ]
    body.extend(render_question(translator, question) for question in questions)
    body.append(
        f'<div class="cart-quiz-footer" hidden>'
        f'<p class="cart-score"></p><div class="cart-summary" role="status"></div>'
        f'<button type="button" class="cart-reset">{escape(_("Start over"))}</button></div>'
        f"</section>"
    )
    translator.body.append("".join(body))
    raise nodes.SkipNode


def skip_node(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Parts are rendered by their quiz; they are never visited on their own."""
    raise nodes.SkipNode
