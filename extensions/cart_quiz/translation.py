"""UI strings of the quiz widget, translatable through Sphinx's message catalogs."""

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG = "cart_quiz"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(MESSAGE_CATALOG)


def verdict_label(correct: bool, unsure: bool) -> str:
    """How the answer key introduces one option."""
    if unsure:
        return _("Not sure:")
    return _("Right answer:") if correct else _("Not right:")


def true_false_label(index: int) -> str:
    """True/false questions store their two options as "True" then "False"."""
    return _("True") if index == 0 else _("False")


def category_label(category: str) -> str:
    return {
        "understanding": _("Understanding"),
        "risks": _("Risks and warning signs"),
        "care-team": _("Questions for your care team"),
    }.get(category, category)


def tier_label(tier: str) -> str:
    return {
        "simple": _("Simple"),
        "detail": _("More detail"),
        "clinical": _("Clinical detail"),
    }.get(tier, tier)


def stage_label(stage: str) -> str:
    return {
        "deciding": _("Deciding and referral"),
        "collection": _("Cell collection and waiting"),
        "treatment": _("Treatment and the first weeks"),
        "recovery": _("Going home and recovery"),
        "long-term": _("Long-term follow-up"),
    }.get(stage, stage)


def script_strings() -> dict[str, str]:
    """Strings the browser script shows, rendered into the page so they follow `language`."""
    return {
        "correct": _("Correct."),
        "incorrect": _("Not quite."),
        "unsure": _("You chose “I’m not sure”. That is never scored as wrong."),
        "chooseFirst": _("Choose an answer first, then check it."),
        "score": _("Score: {score} of {total} correct so far."),
        "summary": _("You got {score} of {total} right."),
        "allRight": _("Well done: you answered every question correctly."),
        "review": _("To review:"),
        "moved": _("Moved “{step}” to position {position} of {total}."),
        "answerOpen": _("Answer and explanation"),
        "yourAnswer": _("(your answer)"),
        "added": _("Added to My questions."),
        "alreadyAdded": _("This question is already in My questions."),
        "storageFailed": _(
            "Could not save: your browser is not letting this site store "
            "data. Write the question down instead."
        ),
        "storageFull": _(
            "Could not save: your browser’s storage for this site is full. "
            "Write the question down instead."
        ),
        "storageUnreadable": _(
            "Could not save: the questions already saved in this browser could not be read, "
            "so nothing was changed. Open My questions to see them, or write the question "
            "down instead."
        ),
        "reset": _("The self-check was cleared. Start again from question 1."),
        "alreadyFirst": _("“{step}” is already first, so it cannot move up."),
        "alreadyLast": _("“{step}” is already last, so it cannot move down."),
        "restoredAnswer": _("This is the answer you saved on this device."),
        "restored": _(
            "Your saved answers are back: {count} of {total} questions answered on this "
            "device. Use Start over to clear them."
        ),
        "forgotten": _("Your saved answers to this self-check were forgotten on this device."),
        "forgetFailed": _(
            "Your saved answers to this self-check could not be forgotten: your browser did "
            "not let this site change its data."
        ),
        "progressFull": _(
            "Your answer could not be kept: your browser’s storage for this site is full. "
            "The self-check still works."
        ),
        "progressBlocked": _(
            "Your answers are not kept: your browser is not letting this site store data. "
            "The self-check still works."
        ),
        "progressUnreadable": _(
            "Your answers are not kept: what this browser saved for this self-check could not "
            "be read, so it was left as it is. Use Start over to replace it."
        ),
    }


def setup_translation(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
