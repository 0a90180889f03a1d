"""H5P packages (`.h5p`), which Moodle 3.9+ (content bank, H5P activity), WordPress, Drupal and
h5p.com import: each quiz is one H5P.QuestionSet of H5P.MultiChoice, H5P.TrueFalse and
H5P.DragText questions.

A package is a zip holding `h5p.json` (title, language, main library and the libraries the
content needs, by machine name and major.minor version) and `content/content.json` (the
parameters, as each library's semantics.json describes them). It carries content only: the
host must have the content types installed (Moodle fetches them from the H5P hub; an offline
site needs them uploaded once). The versions are those H5P.QuestionSet 1.20 accepts, which most
hosts have; a host with newer minor versions upgrades the content on import.

Mapping: single -> MultiChoice (radio buttons); multiple -> MultiChoice with several right
answers, which H5P scores +1 per right option and -1 per wrong one out of R, never below 0 (the
rule in `content`; "I'm not sure" is left out, since H5P would count it as wrong); true-false
-> TrueFalse; ordering -> DragText, one line per place with the step to drag into it, each
step's feedback shown when it is in its place (H5P's drag-text marks each place). Texts keep
the tags each field allows (links become their text where a field has no links). The
explanation and the question for the care team are the feedback after checking (TrueFalse
adds them to its right/wrong feedback). Hints have no place: MultiChoice has tips per option
only, TrueFalse none, and DragText per place only.

Output is byte-identical for the same quizzes: sorted JSON keys, sorted zip entries, fixed
dates, sub-content ids derived from the quiz and question ids."""

from __future__ import annotations

import html
import io
import json
import re
import uuid
import zipfile
from collections.abc import Sequence

from ..model import Question, Quiz
from .content import (
    ASK_YOUR_TEAM,
    position_name,
    question_title,
    quiz_description_html,
    scored_choices,
)
from .markup import inline_html, inline_plain

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
QUESTION_SET = ("H5P.QuestionSet", 1, 20)
LIBRARIES = {
    "single": ("H5P.MultiChoice", 1, 16),
    "multiple": ("H5P.MultiChoice", 1, 16),
    "true-false": ("H5P.TrueFalse", 1, 8),
    "ordering": ("H5P.DragText", 1, 10),
}
CONTENT_TYPES = {
    "H5P.MultiChoice": "Multiple Choice",
    "H5P.TrueFalse": "True/False Question",
    "H5P.DragText": "Drag Text",
}
# The tags each HTML field keeps (its semantics.json `tags`, plus the `p` and `br` H5P adds).
QUESTION_TAGS = frozenset({"p", "br", "strong", "em", "code"})
ANSWER_TAGS = frozenset({"strong", "em", "code"})
FEEDBACK_TAGS = frozenset({"strong", "em", "a", "code"})
DESCRIPTION_TAGS = frozenset({"p", "br", "strong", "em", "a", "code", "ol", "ul"})
TRUE_FALSE_FEEDBACK_LIMIT = 2048
_NAMESPACE = uuid.UUID("8b0f6c1e-5f3a-4d5e-9c84-0a7c1d2e3f40")
_TAG = re.compile(r"</?([a-z0-9]+)\b[^>]*>")
# Characters drag-text reads as markup inside `*...*`.
_DRAG_TEXT_MARKUP = str.maketrans({"*": "\u2217", ":": "\ua789", "\\": "\u2216"})
NOTICE = (
    "Exported from the CAR-T learning site. Hints are not included (H5P's question types have "
    "tips per option or per gap only); ordering questions are drag-the-words tasks; \"I'm not "
    'sure" is left out of questions with several right answers, as H5P would count it wrong.'
)

_CONFIRM_CHECK = {
    "header": "Finish ?",
    "body": "Are you sure you wish to finish ?",
    "cancelLabel": "Cancel",
    "confirmLabel": "Finish",
}
_CONFIRM_RETRY = {
    "header": "Retry ?",
    "body": "Are you sure you wish to retry ?",
    "cancelLabel": "Cancel",
    "confirmLabel": "Confirm",
}
_A11Y = {
    "a11yCheck": "Check the answers. The responses will be marked as correct, incorrect, or "
    "unanswered.",
    "a11yShowSolution": "Show the solution. The task will be marked with its correct solution.",
    "a11yRetry": "Retry the task. Reset all responses and start the task over again.",
}


def keep_tags(fragment: str, allowed: frozenset[str]) -> str:
    """The HTML fragment with every tag not in `allowed` removed (its text kept)."""
    return _TAG.sub(lambda found: found.group(0) if found.group(1) in allowed else "", fragment)


def escape(text: str) -> str:
    """Text escaped exactly as H5P stores a field without an HTML widget (PHP's
    htmlspecialchars with ENT_QUOTES), so H5P's validator leaves it as it is."""
    return html.escape(text, quote=True).replace("&#x27;", "&#039;")


def plain(text: str) -> str:
    """Quiz markup as the escaped plain text H5P stores in a field without an HTML widget."""
    return escape(inline_plain(text))


def _sub_content_id(quiz: Quiz, question: Question) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{quiz.id}/{question.id}"))


def _library(name: tuple[str, int, int]) -> str:
    return f"{name[0]} {name[1]}.{name[2]}"


def _after_checking(question: Question) -> str:
    text = plain(question.explanation)
    if question.ask_your_team:
        text += f" {ASK_YOUR_TEAM} {plain(question.ask_your_team)}"
    return text


def _overall_feedback(question: Question) -> list[dict]:
    """A group of one field is stored as that field's value (H5P's rule), so the
    overallFeedback group is the list of score ranges itself."""
    return [{"from": 0, "to": 100, "feedback": _after_checking(question)}]


def _question_html(question: Question) -> str:
    return keep_tags(f"<p>{inline_html(question.prompt)}</p>", QUESTION_TAGS)


def _multi_choice(question: Question) -> dict:
    answers = [
        {
            "text": keep_tags(inline_html(question.choices[index].text), ANSWER_TAGS),
            "correct": question.choices[index].correct,
            "tipsAndFeedback": {
                "tip": "",
                "chosenFeedback": keep_tags(
                    inline_html(question.choices[index].feedback), FEEDBACK_TAGS
                ),
                "notChosenFeedback": "",
            },
        }
        for index in scored_choices(question, keep_unsure=False)
    ]
    return {
        "media": {"disableImageZooming": False},
        "question": _question_html(question),
        "answers": answers,
        "overallFeedback": _overall_feedback(question),
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "type": "multi" if question.type == "multiple" else "single",
            "singlePoint": False,
            "randomAnswers": False,
            "showSolutionsRequiresInput": True,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "autoCheck": False,
            "passPercentage": 100,
            "showScorePoints": True,
        },
        "UI": {
            "checkAnswerButton": "Check",
            "submitAnswerButton": "Submit",
            "showSolutionButton": "Show solution",
            "tryAgainButton": "Retry",
            **_A11Y,
        },
        "confirmCheck": _CONFIRM_CHECK,
        "confirmRetry": _CONFIRM_RETRY,
    }


def _feedback_with_explanation(feedback: str, question: Question) -> str:
    text = f"{plain(feedback)} {_after_checking(question)}"
    if len(text) > TRUE_FALSE_FEEDBACK_LIMIT:
        text = text[: TRUE_FALSE_FEEDBACK_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"
    return text


def _true_false(question: Question) -> dict:
    true_choice, false_choice = question.choices
    right, wrong = (
        (true_choice, false_choice) if true_choice.correct else (false_choice, true_choice)
    )
    return {
        "media": {"disableImageZooming": False},
        "question": _question_html(question),
        "correct": "true" if true_choice.correct else "false",
        "l10n": {
            "trueText": "True",
            "falseText": "False",
            "score": "You got @score of @total points",
            "checkAnswer": "Check",
            "submitAnswer": "Submit",
            "showSolutionButton": "Show solution",
            "tryAgain": "Retry",
            "wrongAnswerMessage": "Wrong answer",
            "correctAnswerMessage": "Correct answer",
            "scoreBarLabel": "You got :num out of :total points",
            **_A11Y,
        },
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "autoCheck": False,
            "feedbackOnCorrect": _feedback_with_explanation(right.feedback, question),
            "feedbackOnWrong": _feedback_with_explanation(wrong.feedback, question),
        },
        "confirmCheck": _CONFIRM_CHECK,
        "confirmRetry": _CONFIRM_RETRY,
    }


def drag_text_field(question: Question) -> str:
    """One line per place, `1 (first): *step\\+feedback*`: the step to drag there, and the
    feedback shown when it is right. Drag-text reads `*`, `:` and `\\` inside a gap as markup,
    so they become look-alike characters."""
    count = len(question.steps)
    lines = []
    for place, step in enumerate(question.steps, start=1):
        text = inline_plain(step.text).translate(_DRAG_TEXT_MARKUP)
        feedback = inline_plain(step.feedback).translate(_DRAG_TEXT_MARKUP)
        lines.append(f"{position_name(place, count)}: *{text}\\+{feedback}*")
    return escape("\n".join(lines))


def _drag_text(question: Question) -> dict:
    return {
        "media": {"disableImageZooming": False},
        "taskDescription": keep_tags(
            f"<p>{inline_html(question.prompt)}</p><p>Drag each step to its place.</p>",
            DESCRIPTION_TAGS,
        ),
        "textField": drag_text_field(question),
        "overallFeedback": _overall_feedback(question),
        "checkAnswer": "Check",
        "submitAnswer": "Submit",
        "tryAgain": "Retry",
        "showSolution": "Show solution",
        "dropZoneIndex": "Drop Zone @index.",
        "empty": "Drop Zone @index is empty.",
        "contains": "Drop Zone @index contains draggable @draggable.",
        "ariaDraggableIndex": "@index of @count draggables.",
        "tipLabel": "Show tip",
        "correctText": "Correct!",
        "incorrectText": "Incorrect!",
        "resetDropTitle": "Reset drop",
        "resetDropDescription": "Are you sure you want to reset this drop zone?",
        "grabbed": "Draggable is grabbed.",
        "cancelledDragging": "Cancelled dragging.",
        "correctAnswer": "Correct answer:",
        "feedbackHeader": "Feedback",
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "instantFeedback": False,
        },
        "scoreBarLabel": "You got :num out of :total points",
        **_A11Y,
    }


_PARAMETERS = {
    "single": _multi_choice,
    "multiple": _multi_choice,
    "true-false": _true_false,
    "ordering": _drag_text,
}


def question_content(quiz: Quiz, question: Question) -> dict:
    """One question as the Question Set holds it: library, parameters and metadata."""
    library = LIBRARIES[question.type]
    return {
        "library": _library(library),
        "params": _PARAMETERS[question.type](question),
        "subContentId": _sub_content_id(quiz, question),
        "metadata": {
            "contentType": CONTENT_TYPES[library[0]],
            "license": "U",
            "title": escape(question_title(question)),
        },
    }


def content_json(quiz: Quiz) -> dict:
    """`content/content.json`: the H5P.QuestionSet parameters."""
    description = re.sub(r"<[^>]+>", " ", quiz_description_html(quiz))
    return {
        "introPage": {
            "showIntroPage": True,
            "title": escape(" ".join(quiz.title.split())),
            "introduction": escape(" ".join(html.unescape(description).split())),
            "startButtonText": "Start the self-check",
        },
        "progressType": "dots",
        "passPercentage": 50,
        "questions": [question_content(quiz, question) for question in quiz.questions],
        "texts": {
            "prevButton": "Previous question",
            "nextButton": "Next question",
            "finishButton": "Finish",
            "submitButton": "Submit",
            "textualProgress": "Question: @current of @total questions",
            "jumpToQuestion": "Question %d of %total",
            "questionLabel": "Question",
            "readSpeakerProgress": "Question @current of @total",
            "unansweredText": "Unanswered",
            "answeredText": "Answered",
            "currentQuestionText": "Current question",
            "navigationLabel": "Questions",
            "previous": "Previous",
            "next": "Next",
        },
        "disableBackwardsNavigation": False,
        "randomQuestions": False,
        "endGame": {
            "showResultPage": True,
            "showSolutionButton": True,
            "showRetryButton": True,
            "noResultMessage": "Finished",
            "message": "Your result:",
            "scoreBarLabel": "You got @finals out of @totals points",
            "amountCorrect": "@finals of @totals correct",
            "scoreHeader": "Score",
            "overallFeedback": [{"from": 0, "to": 100}],
            "oldFeedback": {},
            "solutionButtonText": "Show solution",
            "retryButtonText": "Retry",
            "finishButtonText": "Finish",
            "submitButtonText": "Submit",
            "showAnimations": False,
            "skippable": False,
            "skipButtonText": "Skip video",
        },
        "override": {"checkButton": True},
    }


def h5p_json(quiz: Quiz) -> dict:
    """`h5p.json`: the package's title, main library and the libraries its content uses."""
    used = sorted({LIBRARIES[question.type] for question in quiz.questions})
    return {
        "title": " ".join(quiz.title.split()),
        "language": "en",
        "mainLibrary": QUESTION_SET[0],
        "embedTypes": ["iframe"],
        "license": "U",
        "defaultLanguage": "en",
        # Shown to whoever edits the content on the host (its metadata), never to learners.
        "authorComments": NOTICE,
        "preloadedDependencies": [
            {"machineName": name, "majorVersion": major, "minorVersion": minor}
            for name, major, minor in [QUESTION_SET, *used]
        ],
    }


class _NotPlainJsonError(Exception):
    """A value `_json` leaves to the json module."""


def _json(value: object, indent: str) -> str:
    """`json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)` for plain values
    (dicts with string keys, lists, strings, integers, booleans, None), written directly:
    with `indent` the json module uses its pure-Python encoder, which was two thirds of the
    H5P export's time."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return json.encoder.encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    inner = indent + " "
    if kind is dict:
        if not value:
            return "{}"
        if any(type(key) is not str for key in value):
            raise _NotPlainJsonError
        items = sorted(value.items())
        return (
            "{\n"
            + ",\n".join(
                f"{inner}{json.encoder.encode_basestring(key)}: {_json(item, inner)}"
                for key, item in items
            )
            + f"\n{indent}}}"
        )
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _json(item, inner) for item in value) + f"\n{indent}]"
    raise _NotPlainJsonError


def _json_bytes(data: dict) -> bytes:
    try:
        text = _json(data, "")
    except _NotPlainJsonError:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.encode("utf-8")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, files[name])
    return buffer.getvalue()


def h5p_package(quiz: Quiz) -> bytes:
    """One quiz as an `.h5p` package; byte-identical for the same quiz."""
    return _zip(
        {
            "h5p.json": _json_bytes(h5p_json(quiz)),
            "content/content.json": _json_bytes(content_json(quiz)),
        }
    )


def h5p_bundle(quizzes: Sequence[Quiz]) -> bytes:
    """A zip of one `<quiz id>.h5p` package per quiz (H5P has no package of several contents,
    so each is imported on its own)."""
    return h5p_parts_bundle({quiz.id: h5p_package(quiz) for quiz in quizzes})


def h5p_parts_bundle(packages: dict[str, bytes]) -> bytes:
    """The all-quizzes zip from each quiz's package, by quiz id."""
    return _zip({f"{quiz_id}.h5p": data for quiz_id, data in packages.items()})
