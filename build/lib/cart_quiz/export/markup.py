"""Quiz text as learning systems want it: the quiz-text profile's HTML and plain text."""

from ..text import to_html as inline_html
from ..text import to_plain as inline_plain

__all__ = ["inline_html", "inline_plain"]
