"""cart_quiz: YAML self-check quizzes as accessible widgets in Sphinx pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cart_static import add_minified_static_dir
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .assets import assets_where_shown
from .collection import (
    keep_parsed_quizzes,
    refresh_site_quizzes,
    restore_parsed_quizzes,
    site_quizzes,
)
from .directive import QuizDirective
from .educators import setup_educators
from .html import skip_node, visit_quiz_html
from .loader import display_path
from .my_questions import setup_my_questions
from .nodes import QUIZ_NODES, quiz
from .translation import LOCALE_DIR, MESSAGE_CATALOG
from .worksheet import INTERACTIVE_BUILDERS, replace_quizzes_with_worksheets

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"
logger = logging.getLogger(__name__)


def report_quiz_problems(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Load every quiz once per build and report each mistake at its file and line."""
    collection = refresh_site_quizzes(app.config, Path(app.srcdir))
    for problem in collection.problems:
        logger.warning(
            problem.message,
            location=f"{display_path(problem.path)}:{problem.line}",
            type="quiz",
            subtype="schema",
        )


def check_learn_more_targets(app: Sphinx, env: BuildEnvironment) -> None:
    """Every `learn_more` must name a label of this site, so the link can never dangle."""
    labels = env.domains.standard_domain.labels
    for found in site_quizzes(app.config, Path(app.srcdir)).quizzes.values():
        for question in found.questions:
            if question.learn_more.lower() not in labels:
                logger.warning(
                    "learn_more '%s' of question '%s' is not a label on this site; put "
                    "`(%s)=` above the heading that teaches this, or use an existing label",
                    question.learn_more,
                    question.id,
                    question.learn_more,
                    location=f"{display_path(found.path)}:{question.learn_more_line}",
                    type="quiz",
                    subtype="learn_more",
                )


def register_static_dir(app: Sphinx) -> None:
    if app.builder.format == "html" and app.builder.name in INTERACTIVE_BUILDERS:
        add_minified_static_dir(app, STATIC_DIR)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("quiz_directory", "quizzes", "env", types=frozenset({str}))
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    fallback = (skip_node, None)
    quiz_node, *part_nodes = QUIZ_NODES
    app.add_node(
        quiz_node,
        html=(visit_quiz_html, None),
        latex=fallback,
        text=fallback,
        man=fallback,
        texinfo=fallback,
    )
    for part_node in part_nodes:
        app.add_node(
            part_node, html=fallback, latex=fallback, text=fallback, man=fallback, texinfo=fallback
        )
    app.add_directive("quiz", QuizDirective)
    # Before the quiz pages are generated from the quizzes (builder-inited, priority 500).
    app.connect("builder-inited", restore_parsed_quizzes, priority=100)
    app.connect("env-before-read-docs", report_quiz_problems)
    app.connect("env-before-read-docs", keep_parsed_quizzes, priority=600)
    app.connect("builder-inited", register_static_dir)
    app.connect("env-check-consistency", check_learn_more_targets)
    app.connect("doctree-resolved", replace_quizzes_with_worksheets)
    app.connect("html-page-context", assets_where_shown(quiz, "cart-quiz.css", "cart-quiz.js"))
    setup_educators(app)
    setup_my_questions(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
