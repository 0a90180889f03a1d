"""The quiz-text profile: the one, fixed markup that quiz fields accept, whatever the host site
enables.

Quiz files often come from people other than the maintainers, so their text is data: it can
emphasise (`*a*`, `**a**`), show code (`` `a` ``), link to other sites (`[a](https://...)`,
`<https://...>`, `mailto:`), name a glossary term (``{term}`CRS <cytokine release syndrome>` ``)
and point at a label of the site (``{ref}`risks-crs` ``). Nothing else is markup: raw HTML,
MyST substitutions (`{{ ... }}`), attributes (`{#id .class}`), directives and other roles are
text, and images or links the site cannot keep private are problems the loader reports with
the file and line. One parse feeds the page (docutils nodes), the printables and every export
(simple HTML, plain text), so they always agree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.myst_role import myst_role_plugin

ROLES = ("term", "ref")
LINK_SCHEMES = ("http://", "https://", "mailto:")
_PARSER = (
    MarkdownIt("commonmark", {"html": False})
    .disable(["html_inline", "html_block"], ignoreInvalid=True)
    .use(myst_role_plugin)
)
#: Every token `problems` looks at (an image `![`, a link `[` or `<`, a role `{`) begins with
#: one of these characters: text without them is parsed only when it is shown.
_MARKUP_REFUSED_FROM = re.compile(r"[\[<{]")
_TITLED_TARGET = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """A piece of quiz text: `kind` is text, emphasis, strong, code, link, term, ref or break;
    `text` is what a reader sees, `target` a link's address or a role's target."""

    kind: str
    text: str = ""
    target: str = ""
    children: tuple[Span, ...] = ()
    explicit: bool = False


def _role(token: Token) -> Span:
    content = token.content.strip()
    titled = _TITLED_TARGET.match(content)
    if titled:
        return Span(token.meta["name"], titled["title"], titled["target"].strip(), explicit=True)
    return Span(token.meta["name"], content, content)


def _is_allowed_link(href: str) -> bool:
    return href.lower().startswith(LINK_SCHEMES)


def _spans(tokens: list[Token]) -> tuple[Span, ...]:
    """Nest markdown-it's flat inline tokens into spans; anything outside the profile is text."""
    stack: list[tuple[str, str, list[Span]]] = [("root", "", [])]
    for token in tokens:
        kind = token.type
        if kind in ("em_open", "strong_open", "link_open"):
            href = str(token.attrs.get("href", "")) if kind == "link_open" else ""
            stack.append((kind.removesuffix("_open"), href, []))
        elif kind in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            name, href, children = stack.pop()
            kind_name = {"em": "emphasis", "strong": "strong", "link": "link"}[name]
            if kind_name == "link" and not _is_allowed_link(href):
                stack[-1][2].extend(children)
                continue
            stack[-1][2].append(Span(kind_name, target=href, children=tuple(children)))
        elif kind == "code_inline":
            stack[-1][2].append(Span("code", token.content))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1][2].append(Span("text", " "))
        elif kind == "myst_role" and token.meta.get("name") in ROLES:
            stack[-1][2].append(_role(token))
        elif kind == "myst_role":
            stack[-1][2].append(Span("text", f"{{{token.meta.get('name')}}}`{token.content}`"))
        elif kind == "image":
            stack[-1][2].append(Span("text", token.content))
        else:
            stack[-1][2].append(Span("text", token.content))
    while len(stack) > 1:
        _, _, children = stack.pop()
        stack[-1][2].extend(children)
    return tuple(stack[0][2])


def _inline_tokens(text: str) -> list[Token]:
    parsed = _PARSER.parseInline(text)
    return list(parsed[0].children or []) if parsed else []


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Span, ...]:
    """Quiz text as spans, the one reading every output is made from."""
    return _spans(_inline_tokens(text))


def problems(text: str, *, answer: bool = False) -> list[str]:
    """What in this text the profile refuses, each with how to fix it. `answer` texts (options
    and ordering steps) become form labels, so they may hold no link or term either."""
    if not _MARKUP_REFUSED_FROM.search(text):
        return []  # no image, role or link can start without one of these characters
    found: list[str] = []
    tokens = _inline_tokens(text)
    for token in tokens:
        if token.type == "image":
            found.append(
                "images are not allowed in quiz text (a picture from another site would be "
                "loaded by every reader); describe it in words"
            )
        elif token.type == "myst_role" and token.meta.get("name") not in ROLES:
            found.append(
                f"the role {{{token.meta.get('name')}}} is not allowed in quiz text; quiz text "
                "may use {term} for glossary terms and {ref} for labels of the site"
            )
        elif token.type == "link_open" and not _is_allowed_link(str(token.attrs.get("href"))):
            found.append(
                f"the link to {str(token.attrs.get('href'))!r} is not allowed in quiz text; "
                "link to other sites with https://, or to this site with {ref}`label`"
            )
    if answer and any(token.type in ("link_open", "myst_role") for token in tokens):
        found.append(
            "an answer text contains a link or glossary term, which would sit inside the "
            "answer's label; move it to the feedback or the explanation"
        )
    return found


def _html(spans: tuple[Span, ...]) -> str:
    out: list[str] = []
    for span in spans:
        if span.kind == "emphasis":
            out.append(f"<em>{_html(span.children)}</em>")
        elif span.kind == "strong":
            out.append(f"<strong>{_html(span.children)}</strong>")
        elif span.kind == "code":
            out.append(f"<code>{escape(span.text, quote=False)}</code>")
        elif span.kind == "link":
            out.append(f'<a href="{escape(span.target)}">{_html(span.children)}</a>')
        else:
            out.append(escape(span.text, quote=False))
    return "".join(out)


def to_html(text: str) -> str:
    """Simple HTML for learning systems: em, strong, code and links to other sites; glossary
    terms and links into this site become their shown text."""
    return _html(parse(text)).strip()


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(_plain(span.children) if span.children else span.text for span in spans)


def to_plain(text: str) -> str:
    """What a reader of the page sees, as plain text on one line."""
    return re.sub(r"\s+", " ", _plain(parse(text))).strip()
