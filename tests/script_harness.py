"""Test-only stand-ins for two things the Python side of cart_quiz will register.

Both are no-ops once the build does the real thing, so the browser tests keep passing
before and after the integrator's change:

* `cart-storage.js`, the one storage module cart-quiz.js and cart-my-questions.js share, must
  load (with `defer`, before them) on every page with a quiz or the My questions list;
* the quiz widget's strings need `storageFull` and `storageUnreadable`.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

STORAGE_SCRIPT = "cart-storage.js"
#: English text of the quiz strings the widget needs; the integrator adds them to
#: cart_quiz.translation.script_strings() so they are translated.
QUIZ_STRINGS = {
    "storageFull": (
        "Could not save: your browser’s storage for this site is full. "
        "Write the question down instead."
    ),
    "storageUnreadable": (
        "Could not save: the questions already saved in this browser could not be read, "
        "so nothing was changed. Open My questions to see them, or write the question "
        "down instead."
    ),
}

_WIDGET_SCRIPT = re.compile(
    r'<script defer="defer" src="(?P<prefix>[^"]*?)_static/cart-(?:quiz|my-questions)\.js[^"]*">'
)
_QUIZ_STRINGS = re.compile(r'(<section[^>]*class="[^"]*cart-quiz[^>]*data-cart-strings=")([^"]*)"')


def _add_storage_script(text: str) -> str:
    if f"_static/{STORAGE_SCRIPT}" in text:
        return text
    match = _WIDGET_SCRIPT.search(text)
    if match is None:
        return text
    tag = f'<script defer="defer" src="{match["prefix"]}_static/{STORAGE_SCRIPT}"></script>'
    return text[: match.start()] + tag + "\n    " + text[match.start() :]


def _add_quiz_strings(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        strings = json.loads(html.unescape(match[2]))
        for key, value in QUIZ_STRINGS.items():
            strings.setdefault(key, value)
        return match[1] + html.escape(json.dumps(strings, ensure_ascii=False)) + '"'

    return _QUIZ_STRINGS.sub(fill, text)


def prepare(outdir: Path) -> Path:
    """Add what the build does not add yet to every built page of `outdir`."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = _add_quiz_strings(_add_storage_script(text))
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return outdir
