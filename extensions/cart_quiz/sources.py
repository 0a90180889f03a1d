"""What a build starts from: the site's quizzes, loaded once, every problem and item-writing
lint reported at its file and line, and the generated quiz pages written from them.

One `builder-inited` handler does these in order, so nothing depends on event priorities; the
pages that must be read again because quizzes came, went or were renamed are named in
`env-get-outdated`, and `learn_more` targets are checked once every page has been read.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import QuizWarning, quiz_directory, warn
from .lint import lint_quiz
from .loader import display_path
from .pages import write_quiz_pages
from .quiz_catalog import localize_store
from .store import StoredQuizzes, pages_with_changed_sources, quiz_store


def start_build(app: Sphinx) -> None:
    """Load the quizzes and write the generated pages, before Sphinx looks for sources."""
    store = quiz_store(app.env)
    store.load(quiz_directory(app))
    store.fresh = True
    localize_store(app, store)
    store.generated_before = store.generated
    store.generated = write_quiz_pages(app, list(store.summaries()))  # ids and titles


def report(app: Sphinx) -> None:
    """Every problem and item-writing lint of the quiz files, at its file and line."""
    store = quiz_store(app.env)
    if not store.directory.is_dir():
        warn(
            f"the quiz directory {display_path(store.directory)} does not exist; create it, "
            "or set quiz_directory in conf.py (relative to the folder of conf.py)",
            QuizWarning.SCHEMA,
        )
    for problem in store.collection.problems:
        warn(problem.message, QuizWarning.SCHEMA, f"{display_path(problem.path)}:{problem.line}")
    files = {id(entry[1]): (path, entry[0]) for path, entry in store.parsed.items()}
    linted = {}
    for quiz in store.summaries():
        path, stamp = files.get(id(quiz), (None, None))
        cached = store.lints.get(path)
        if cached is not None and cached[0] == stamp:
            lints = cached[1]
        else:
            lints = lint_quiz(store.quizzes[quiz.id])
        if path is not None:
            linted[path] = (stamp, lints)
        for lint in lints:
            warn(lint.message, lint.code, f"{display_path(lint.path)}:{lint.line}")
    store.lints = linted


def pages_to_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Bring the quizzes up to date for this read (a second build in the same process has
    no `builder-inited`; in a first, they were loaded at its start, a moment ago), report
    their problems, and name the pages whose content depends on
    which quizzes exist or what they say: every page showing a quiz whose file or translation
    changed, the pages showing every quiz when any quiz file changes, comes or goes, and
    every page linking to a generated quiz page when such pages appear or go (a renamed
    quiz), so no link is left pointing at an old page."""
    store = quiz_store(env)
    if not (store.fresh and isinstance(store.quizzes, StoredQuizzes)):  # or translated
        store.load(store.directory)
    store.fresh = False
    report(app)  # lints read the English source, before its translation
    localize_store(app, store, report=True)
    again = pages_with_changed_sources(store)  # the catalogue and My questions on any change
    if (added | removed) & (store.generated | store.generated_before):
        again |= set(store.page_links)
    if added or changed or removed:
        # A quiz may have moved to another page: My questions links to where each quiz is.
        again |= store.my_questions
    remove_outputs(app, removed)
    return sorted(again - changed - removed)


def remove_outputs(app: Sphinx, removed: set[str]) -> None:
    """A generated page that is gone takes its output file (and its copied source) with it,
    as a clean build would."""
    get_outfilename = getattr(app.builder, "get_outfilename", None)
    if get_outfilename is None:
        return
    store = quiz_store(app.env)
    sources = Path(app.outdir) / "_sources"
    for docname in removed & (store.generated | store.generated_before):
        Path(get_outfilename(docname)).unlink(missing_ok=True)
        for suffix in (".md", ".rst"):
            copy = sources / f"{docname}{suffix}{app.config.html_sourcelink_suffix}"
            copy.unlink(missing_ok=True)


def check_learn_more_targets(app: Sphinx, env: BuildEnvironment) -> None:
    """Every `learn_more` must name a label of this site, so the link can never dangle."""
    labels = env.domains.standard_domain.labels
    for quiz in quiz_store(env).summaries():
        for learn_more, question_id, line in quiz.learn_more_links:
            if learn_more.lower() not in labels:
                warn(
                    f"learn_more {learn_more!r} of question {question_id!r} is not a "
                    f"label on this site; put `({learn_more})=` above the heading "
                    "that teaches this, or use an existing label",
                    QuizWarning.LEARN_MORE,
                    f"{display_path(quiz.path)}:{line}",
                )


def setup_sources(app: Sphinx) -> None:
    app.connect("builder-inited", start_build)
    app.connect("env-get-outdated", pages_to_reread)
    app.connect("env-check-consistency", check_learn_more_targets)
