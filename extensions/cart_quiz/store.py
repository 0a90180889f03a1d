"""Everything cart_quiz keeps between builds, on the build environment and nowhere else.

`QuizStore` holds the site's parsed quizzes (re-parsing only files whose size or time
changed, which keeps a one-quiz edit fast at 1,000 quizzes) and what each page does with them:
which quizzes it embeds, whether it shows the catalogue or My questions, and which generated
quiz pages it links to. `QuizCollector` keeps the per-page part right when pages are read
again, removed, or read in parallel processes. Sphinx discards the environment, and so the
store, when the extension's `env_version` changes.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

from cart_static.walk import nodes_of
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from .loader import QuizCollection, QuizError, load_quiz, load_quiz_directory, quiz_files
from .model import Quiz

#: Bump when the store or the model changes shape, or an export's output changes: Sphinx then
#: starts from a fresh environment and every quiz is parsed and exported again.
ENV_VERSION = 9
GENERATED_LABEL_PREFIXES = ("quiz-page-", "quiz-worksheet-", "quiz-answers-")


class StoredQuiz:
    """A parsed quiz as the store keeps it between builds. What every build reads of every
    quiz (id, title, path, first line, `learn_more` links) is kept as plain values; the whole
    quiz is kept pickled and unpickled when first asked for (`quiz()`). At 1,000 quizzes the
    parsed models were three quarters of the saved environment (5.4 of 7.2 MB), loaded and
    saved again by every build, even one after a page edit that uses none of them."""

    __slots__ = ("_blob", "_path", "_quiz", "id", "learn_more_links", "line", "title")

    def __init__(self, quiz: Quiz) -> None:
        self.id, self.title, self.line = quiz.id, quiz.title, quiz.line
        self._path = str(quiz.path)  # a `Path` costs 3 µs to unpickle, a string next to none
        self.learn_more_links = quiz.learn_more_links
        self._quiz: Quiz | None = quiz
        self._blob: bytes | None = None

    @property
    def path(self) -> Path:
        return Path(self._path)

    def quiz(self) -> Quiz:
        if self._quiz is None:
            self._quiz = pickle.loads(zlib.decompress(self._blob))  # our environment's bytes
        return self._quiz

    def __getstate__(self) -> tuple:
        # Compressed, the kept quizzes are a third of the size (1.6 instead of 5.7 MB at 1,000
        # quizzes), which every build writes and reads with the environment.
        if self._blob is None:
            self._blob = zlib.compress(pickle.dumps(self._quiz, pickle.HIGHEST_PROTOCOL), 1)
        return (self.id, self.title, self._path, self.line, self.learn_more_links, self._blob)

    def __setstate__(self, state: tuple) -> None:
        self.id, self.title, self._path, self.line, self.learn_more_links, self._blob = state
        self._quiz = None


class StoredQuizzes(Mapping[str, Quiz]):
    """The published quizzes by id, each unpickled when first looked up."""

    def __init__(self, stored: dict[str, StoredQuiz]) -> None:
        self.stored = stored

    def __getitem__(self, quiz_id: str) -> Quiz:
        return self.stored[quiz_id].quiz()

    def __contains__(self, quiz_id: object) -> bool:
        return quiz_id in self.stored

    def __iter__(self) -> Iterator[str]:
        return iter(self.stored)

    def __len__(self) -> int:
        return len(self.stored)


@dataclass
class QuizStore:
    """The quizzes of this build and the pages that use them."""

    #: Quiz file -> ((mtime_ns, size), the quiz or why it failed): the parse cache. Files are
    #: kept as strings, as `quiz_files` lists them.
    parsed: dict[str, tuple[tuple[int, int], StoredQuiz | QuizError]] = field(default_factory=dict)
    #: Quiz file -> (its (mtime_ns, size) when linted, its lints): a quiz is linted again only
    #: when its file changed, so a build after a page edit lints nothing.
    lints: dict[str, tuple[tuple[int, int], list]] = field(default_factory=dict)
    #: The quiz folder (`quiz_directory`, resolved from the folder of conf.py).
    directory: Path = Path()
    #: The site's quizzes as loaded at the start of this build.
    collection: QuizCollection = field(default_factory=QuizCollection)
    #: Quiz files at the last load, to notice quizzes that appear or go.
    files: list[str] = field(default_factory=list)
    #: Docnames of the generated quiz pages, in this build and the one before.
    generated: set[str] = field(default_factory=set)
    generated_before: set[str] = field(default_factory=set)
    #: Page -> quiz ids it embeds, in page order.
    embeds: dict[str, list[str]] = field(default_factory=dict)
    #: Pages showing `{quiz-catalog}` and `{my-questions}`.
    catalogues: set[str] = field(default_factory=set)
    my_questions: set[str] = field(default_factory=set)
    #: Quiz id -> the pages embedding it, as the last build wrote them.
    last_embeds: dict[str, list[str]] | None = None
    #: Page -> labels of generated quiz pages it refers to.
    page_links: dict[str, set[str]] = field(default_factory=dict)
    #: Loaded at this build's start (`builder-inited`), not yet read again for its pages.
    fresh: bool = False
    #: The catalog the quizzes' text is translated from in this build (None in English), and
    #: its (mtime_ns, size) when pages were last read.
    translation: str | None = None
    translation_stamp: tuple[int, int] | None = None
    #: Page -> the files its quiz content comes from: quiz files, the translation catalog, and
    #: the quiz folder itself for a page showing every quiz (or naming one that is not there).
    #: Sphinx's `note_dependency` would do this, but at 1,000 pages it costs a `Path` to
    #: unpickle and two `stat`s a page on every build; `load` already stats each quiz file.
    sources: dict[str, set[str]] = field(default_factory=dict)
    #: Those files changed, come or gone since pages were last read (the folder when any is).
    changed_sources: set[str] = field(default_factory=set)

    @property
    def quizzes(self) -> Mapping[str, Quiz]:
        return self.collection.quizzes

    def summaries(self) -> Iterable[StoredQuiz | Quiz]:
        """Each published quiz's id, title, path, line and `learn_more_links`, in the
        collection's order, without unpickling the quizzes kept between builds."""
        quizzes = self.collection.quizzes
        if isinstance(quizzes, StoredQuizzes):
            return quizzes.stored.values()
        return quizzes.values()

    def load(self, directory: Path) -> QuizCollection:
        """Load every quiz under `directory`, parsing only files that changed. When no file
        came, went or changed since the last load, its collection stands (a page edit then
        costs a listing and a `stat` per quiz file, as Sphinx's own check of its sources)."""
        files = quiz_files(directory) if directory.is_dir() else []
        stamps = {name: _stamp(name) for name in files}
        changed = {name for name in files if self.parsed.get(name, (None,))[0] != stamps[name]}
        changed |= set(self.files) - stamps.keys()  # gone
        if changed:
            self.changed_sources |= {*changed, str(directory)}
        unchanged = (
            not changed
            and directory == self.directory
            and files == self.files
            and isinstance(self.collection.quizzes, StoredQuizzes)  # not translated
        )
        self.directory, self.files = directory, files
        if unchanged:
            return self.collection

        def load_if_changed(path: Path) -> StoredQuiz:
            name = str(path)
            cached = self.parsed.get(name)
            if cached is None or cached[0] != stamps[name]:
                try:
                    cached = (stamps[name], StoredQuiz(load_quiz(path)))
                except QuizError as error:
                    cached = (stamps[name], error)
                self.parsed[name] = cached
            if isinstance(cached[1], QuizError):
                raise cached[1]
            return cached[1]

        self.parsed = {name: entry for name, entry in self.parsed.items() if name in stamps}
        # The loader reads only the id, path and line of what `load` returns.
        collection = load_quiz_directory(directory, load=load_if_changed, files=files)
        collection.quizzes = StoredQuizzes(collection.quizzes)  # type: ignore[arg-type]
        self.collection = collection
        return collection


def _stamp(name: str) -> tuple[int, int]:
    """A quiz file's (mtime_ns, size); a file gone since it was listed gets a stamp no file
    has, so it is loaded again and its loader reports it."""
    try:
        stat = os.stat(name)  # noqa: PTH116 (a string: no Path made)
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


def quiz_store(env: BuildEnvironment) -> QuizStore:
    """This environment's store, made on first use (a fresh environment has none)."""
    store = getattr(env, "cart_quiz", None)
    if store is None:
        store = env.cart_quiz = QuizStore()
    return store


def note_quiz_sources(env: BuildEnvironment, paths: Iterable[str | Path]) -> None:
    """Make the page being read depend on these quiz files (the quiz folder: on every quiz
    file, and on any that comes) and on the catalog their text is translated from, so that
    changing any of them reads the page again (`pages_with_changed_sources`)."""
    store = quiz_store(env)
    found = store.sources.setdefault(env.docname, set())
    found.update(str(path) for path in paths)
    if store.translation is not None:
        found.add(store.translation)


def pages_with_changed_sources(store: QuizStore) -> set[str]:
    """The pages whose quiz files or translation changed since pages were last read."""
    stamp = _stamp(store.translation) if store.translation is not None else None
    if stamp != store.translation_stamp:
        store.changed_sources.add(str(store.translation))
    store.translation_stamp = stamp
    changed, store.changed_sources = store.changed_sources, set()
    if not changed:
        return set()
    return {page for page, files in store.sources.items() if not files.isdisjoint(changed)}


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page in the order of the table of contents, then the pages outside it."""
    ordered: list[str] = []
    seen: set[str] = set()
    pending = [env.config.root_doc]
    while pending:
        docname = pending.pop(0)
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        ordered.append(docname)
        pending[:0] = env.toctree_includes.get(docname, [])
    return ordered + sorted(docname for docname in env.all_docs if docname not in seen)


class QuizCollector(EnvironmentCollector):
    """Keeps each page's part of the store right through re-reads, removals and -j."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store = quiz_store(env)
        store.embeds.pop(docname, None)
        store.page_links.pop(docname, None)
        store.catalogues.discard(docname)
        store.my_questions.discard(docname)
        store.sources.pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        ours, theirs = quiz_store(env), quiz_store(other)
        for docname in docnames:
            if docname in theirs.embeds:
                ours.embeds[docname] = theirs.embeds[docname]
            if docname in theirs.page_links:
                ours.page_links[docname] = theirs.page_links[docname]
            if docname in theirs.sources:
                ours.sources[docname] = theirs.sources[docname]
        ours.catalogues |= theirs.catalogues & set(docnames)
        ours.my_questions |= theirs.my_questions & set(docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Remember the links to generated quiz pages: renaming a quiz must re-read them."""
        labels = {
            node["reftarget"]
            for node in nodes_of(doctree, addnodes.pending_xref)
            if str(node.get("reftarget", "")).startswith(GENERATED_LABEL_PREFIXES)
        }
        if labels:
            quiz_store(app.env).page_links[app.env.docname] = labels


def setup_store(app: Sphinx) -> None:
    app.add_env_collector(QuizCollector)
