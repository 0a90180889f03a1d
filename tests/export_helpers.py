"""Helpers shared by the export tests: read an HTML fragment as a browser would."""

from __future__ import annotations

from html.parser import HTMLParser


class _TextAndTags(HTMLParser):
    """Collects the text a browser would show and every tag it would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_html(fragment: str) -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    """The text of an HTML fragment, and its tags with their attributes."""
    parser = _TextAndTags()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.text), parser.tags
