"""Names for the places in a quiz, as messages say them: "the quiz", "question 'crs-signs'",
"option 2 of question 3", "'prompt' in question 'crs-signs'"."""

from __future__ import annotations

import re

from .yaml_source import Path, shown

_ITEM_NAMES = {
    "questions": "question",
    "options": "option",
    "steps": "step",
    "objectives": "objective",
}
#: A question is named by its id when the id reads as one (the schema checks it properly).
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


def value_at(instance: object, path: Path) -> object:
    """The value at `path`, or None where the path does not lead anywhere."""
    for step in path:
        if isinstance(step, int) and isinstance(instance, list) and step < len(instance):
            instance = instance[step]
        elif isinstance(step, str) and isinstance(instance, dict):
            instance = instance.get(step)
        else:
            return None
    return instance


def where(instance: object, path: Path) -> str:
    """The place at `path`, for example "option 2 of question 'crs-signs'"."""
    if not path:
        return "the quiz"
    *parent, last = path
    if isinstance(last, str):
        return f"{shown(last)} in {where(instance, tuple(parent))}"
    noun = _ITEM_NAMES.get(str(parent[-1]) if parent else "", "item")
    if noun == "question" and len(parent) == 1:
        question_id = value_at(instance, (*path, "id"))
        if isinstance(question_id, str) and _NAME.fullmatch(question_id):
            return f"question {question_id!r}"
    owner = tuple(parent[:-1])
    return f"{noun} {last + 1}" + (f" of {where(instance, owner)}" if owner else "")
