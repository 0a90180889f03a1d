"""Quiz content through gettext: the YAML stays the one source; translators edit a .po file.

`template(quizzes)` extracts every translatable string of every quiz into a gettext catalog:
msgctxt ``<quiz-id>/<question-id>/<field>`` (``<quiz-id>/title``, ``<quiz-id>/objectives/0``,
``<quiz-id>/<question-id>/choices/2/feedback``, ...), msgid the English text, and the YAML
file and line as its location, so translators use the same tools as for the pages
(Poedit, Weblate, ``msgmerge``). `update()` merges it into each language's
``<locale_dir>/<lang>/LC_MESSAGES/quiz-content.po``: a changed English string keeps its old
translation marked fuzzy; a new one is untranslated.

`translate_quizzes()` applies a language's catalog to the loaded model with
`dataclasses.replace`; a fuzzy or untranslated string keeps its English text. In a language
the site declares complete (`quiz_complete_languages`), each such string is a located warning
(at the .po file's line), so a strict build fails until the translation is finished.

    python -m cart_quiz.quiz_catalog quizzes docs/locale        # update .pot and every .po
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .model import Quiz

DOMAIN = "quiz-content"
_QUESTION_FIELDS = ("prompt", "hint", "explanation", "ask_your_team")
_PART_FIELDS = ("text", "feedback")


def _strings(quiz: Quiz) -> Iterator[tuple[str, str, int]]:
    """(context, English text, line) for every translatable string of one quiz."""
    yield f"{quiz.id}/title", quiz.title, quiz.line
    for index, objective in enumerate(quiz.objectives):
        yield f"{quiz.id}/objectives/{index}", objective, quiz.line
    for question in quiz.questions:
        base = f"{quiz.id}/{question.id}"
        for name in _QUESTION_FIELDS:
            value = getattr(question, name)
            if value:
                yield f"{base}/{name}", value, question.line
        for kind in ("choices", "steps"):
            for index, part in enumerate(getattr(question, kind)):
                for name in _PART_FIELDS:
                    value = getattr(part, name)
                    if value:
                        yield f"{base}/{kind}/{index}/{name}", value, part.line


def template(quizzes: Iterable[Quiz], root: Path | None = None) -> Catalog:
    """A gettext template of every quiz string; locations relative to `root` when given."""
    catalog = Catalog(project="quiz content", domain=DOMAIN)
    for quiz in sorted(quizzes, key=lambda q: q.id):
        path = quiz.path
        if root is not None:
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(root.resolve())
        for context, text, line in _strings(quiz):
            catalog.add(text, context=context, locations=[(path.as_posix(), line)])
    return catalog


def po_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=79, include_lineno=True)


def update(quizzes: Iterable[Quiz], locale_dir: Path, languages: Iterable[str] = ()) -> None:
    """Write ``<locale_dir>/quiz-content.pot`` and merge it into each language's catalog
    (every language folder present, plus `languages`)."""
    pot = template(quizzes, root=locale_dir.parent.parent)
    _write(locale_dir / f"{DOMAIN}.pot", pot)
    found = {path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    for language in sorted(found | set(languages)):
        path = po_path(locale_dir, language)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="quiz content")
        catalog.update(pot)  # fuzzy matching on: a changed English string keeps a fuzzy guess
        catalog.obsolete.clear()
        _write(path, catalog)


@dataclass
class Translation:
    """A language's quiz strings: (context, English) -> translation, and where each
    missing or fuzzy one is (the .po file and line)."""

    path: Path
    strings: dict[tuple[str, str], str] = field(default_factory=dict)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    fuzzy: set[tuple[str, str]] = field(default_factory=set)


def read_translation(path: Path, language: str) -> Translation:
    """The usable (translated, not fuzzy) strings of one catalog."""
    translation = Translation(path=path)
    if not path.is_file():
        return translation
    with path.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    for message in catalog:
        if not message.id:
            continue
        key = (message.context or "", message.id)
        translation.lines[key] = message.lineno
        if message.fuzzy:
            translation.fuzzy.add(key)
        elif message.string:
            translation.strings[key] = message.string
    return translation


@dataclass(frozen=True)
class Missing:
    """One quiz string with no usable translation."""

    context: str
    english: str
    fuzzy: bool
    path: Path
    line: int | None

    @property
    def message(self) -> str:
        state = "fuzzy (its English text changed)" if self.fuzzy else "untranslated"
        return f"quiz string {self.context!r} is {state}: {self.english[:60]!r}"


def translate_quiz(quiz: Quiz, translation: Translation) -> tuple[Quiz, list[Missing]]:
    """The quiz with every translated string replaced; and the strings left in English."""
    missing: list[Missing] = []

    def get(context: str, text: str | None) -> str | None:
        if not text:
            return text
        key = (context, text)
        found = translation.strings.get(key)
        if found is None:
            missing.append(
                Missing(
                    context,
                    text,
                    key in translation.fuzzy,
                    translation.path,
                    translation.lines.get(key),
                )
            )
            return text
        return found

    questions = []
    for question in quiz.questions:
        base = f"{quiz.id}/{question.id}"
        changes = {
            name: get(f"{base}/{name}", getattr(question, name)) for name in _QUESTION_FIELDS
        }
        for kind in ("choices", "steps"):
            changes[kind] = tuple(
                dataclasses.replace(
                    part,
                    **{
                        name: get(f"{base}/{kind}/{index}/{name}", getattr(part, name))
                        for name in _PART_FIELDS
                    },
                )
                for index, part in enumerate(getattr(question, kind))
            )
        questions.append(dataclasses.replace(question, **changes))
    translated = dataclasses.replace(
        quiz,
        title=get(f"{quiz.id}/title", quiz.title),
        objectives=tuple(
            get(f"{quiz.id}/objectives/{index}", text) for index, text in enumerate(quiz.objectives)
        ),
        questions=tuple(questions),
    )
    return translated, missing


def translate_quizzes(
    quizzes: dict[str, Quiz], locale_dir: Path, language: str
) -> tuple[dict[str, Quiz], list[Missing]]:
    """Every quiz in `language` (English where a string has no usable translation)."""
    translation = read_translation(po_path(locale_dir, language), language)
    result: dict[str, Quiz] = {}
    missing: list[Missing] = []
    for quiz_id, quiz in quizzes.items():
        result[quiz_id], left = translate_quiz(quiz, translation)
        missing.extend(left)
    return result, missing


def completeness(quizzes: Iterable[Quiz], locale_dir: Path, language: str) -> tuple[int, int]:
    """(translated, total) quiz strings in `language`."""
    quizzes = list(quizzes)
    total = sum(1 for quiz in quizzes for _ in _strings(quiz))
    _, missing = translate_quizzes({q.id: q for q in quizzes}, locale_dir, language)
    return total - len(missing), total


def localize_store(app, store, *, report: bool = False) -> None:
    """The build's hook: when the site's language is not English, the store's quizzes become
    that language's; with `report`, what is missing is a warning if the language is declared
    complete (`quiz_complete_languages`)."""
    language = str(app.config.language or "en")
    store.translation = None
    if (
        language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0] == "en"
        or not app.config.locale_dirs
    ):
        return
    from .config import QuizWarning, warn  # noqa: PLC0415
    from .loader import display_path  # noqa: PLC0415

    locale_dir = Path(app.confdir) / app.config.locale_dirs[0]
    store.translation = str(po_path(locale_dir, language))
    quizzes, missing = translate_quizzes(store.collection.quizzes, locale_dir, language)
    store.collection = dataclasses.replace(store.collection, quizzes=quizzes)
    if report and language in app.config.quiz_complete_languages:
        for item in missing:
            where = display_path(item.path) + (f":{item.line}" if item.line else "")
            warn(item.message, QuizWarning.TRANSLATION, where)


def main(argv: list[str] | None = None) -> None:
    from .loader import load_quiz_directory  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m cart_quiz.quiz_catalog", description=__doc__)
    parser.add_argument("quizzes", type=Path, help="the quiz folder")
    parser.add_argument("locale_dir", type=Path, help="e.g. docs/locale")
    parser.add_argument("--language", action="append", default=[], help="add a language")
    args = parser.parse_args(argv)
    quizzes = load_quiz_directory(args.quizzes).quizzes
    update(quizzes.values(), args.locale_dir, args.language)
    for po in sorted(args.locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po.parent.parent.name
        done, total = completeness(quizzes.values(), args.locale_dir, language)
        percent = 100 * done / total if total else 100
        print(  # noqa: T201
            f"quiz content ({language}): {done} of {total} strings translated ({percent:.1f}%)"
        )


if __name__ == "__main__":
    main()
