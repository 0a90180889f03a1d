"""Quiz content through gettext: extraction, fuzzy on change, application, completeness."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import cart_quiz.config
from babel.messages.pofile import read_po, write_po
from cart_quiz.loader import load_quiz_directory
from cart_quiz.quiz_catalog import (
    completeness,
    localize_store,
    po_path,
    template,
    translate_quizzes,
    update,
)
from cart_quiz.store import QuizStore

ROOT = Path(__file__).resolve().parent.parent
QUIZZES = load_quiz_directory(ROOT / "quizzes").quizzes
LOCALE = ROOT / "docs" / "locale"


def test_every_string_has_a_context_naming_quiz_question_and_field():
    catalog = template(QUIZZES.values())
    contexts = [message.context for message in catalog if message.id]
    assert len(contexts) == len(set(contexts))
    assert "when-to-call/title" in contexts
    assert "when-to-call/fever-number/choices/1/feedback" in contexts
    assert any(c.endswith("/steps/0/text") for c in contexts)
    assert any(c.endswith("/ask_your_team") for c in contexts)


def test_the_spanish_quiz_catalog_is_complete_and_up_to_date():
    done, total = completeness(QUIZZES.values(), LOCALE, "es")
    assert (done, total) == (total, len(template(QUIZZES.values())))
    with po_path(LOCALE, "es").open("rb") as file:
        catalog = read_po(file, locale="es")
    assert not [m.context for m in catalog if m.id and m.fuzzy]


def _translate_all(path: Path) -> None:
    with path.open("rb") as file:
        catalog = read_po(file, locale="es")
    for message in catalog:
        if message.id:
            message.string = f"ES {message.id}"
    with path.open("wb") as out:
        write_po(out, catalog)


def test_a_changed_english_string_becomes_fuzzy_and_stays_english(tmp_path):
    quiz = QUIZZES["when-to-call"]
    update([quiz], tmp_path / "locale", ["es"])
    _translate_all(po_path(tmp_path / "locale", "es"))
    changed = dataclasses.replace(quiz, title="When to call for help at once")
    update([changed], tmp_path / "locale", ["es"])
    with po_path(tmp_path / "locale", "es").open("rb") as file:
        catalog = read_po(file, locale="es")
    title = catalog.get("When to call for help at once", context="when-to-call/title")
    assert title is not None and title.fuzzy
    translated, missing = translate_quizzes({quiz.id: changed}, tmp_path / "locale", "es")
    assert translated[quiz.id].title == "When to call for help at once"
    assert [(m.context, m.fuzzy) for m in missing] == [("when-to-call/title", True)]
    prompt = translated[quiz.id].questions[0].prompt
    assert prompt == f"ES {quiz.questions[0].prompt}"
    assert translated[quiz.id].questions[0].choices[0].feedback.startswith("ES ")


def test_missing_strings_warn_only_in_a_language_declared_complete(tmp_path, monkeypatch):
    quiz = QUIZZES["when-to-call"]
    update([quiz], tmp_path / "locale", ["es"])  # nothing translated
    warnings = []
    monkeypatch.setattr(cart_quiz.config, "warn", lambda *args: warnings.append(args))

    def run(complete: list[str]) -> QuizStore:
        store = QuizStore()
        store.collection.quizzes[quiz.id] = quiz
        config = SimpleNamespace(
            language="es", locale_dirs=["locale"], quiz_complete_languages=complete
        )
        localize_store(SimpleNamespace(config=config, confdir=str(tmp_path)), store, report=True)
        return store

    run([])
    assert warnings == []
    store = run(["es"])
    assert len(warnings) == len(template([quiz]))
    message, subtype, location = warnings[0]
    assert "untranslated" in message and subtype == "translation"
    assert location.split(":")[0].endswith("quiz-content.po") and location.split(":")[1]
    assert store.quizzes[quiz.id].title == quiz.title


def test_english_builds_are_left_alone():
    store = QuizStore()
    store.collection.quizzes.update(QUIZZES)
    config = SimpleNamespace(language="en", locale_dirs=["locale"], quiz_complete_languages=[])
    localize_store(SimpleNamespace(config=config, confdir=str(ROOT / "docs")), store)
    assert store.quizzes == QUIZZES
