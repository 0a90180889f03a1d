"""Quiz text is MyST inline markup; learning systems want simple HTML or plain text.

Emphasis, strong and code keep their meaning as `<em>`, `<strong>` and `<code>`. Links to
other sites (http, https, mailto) stay links; links into this site and roles such as
``{term}`CRS <cytokine release syndrome (CRS)>` `` become their shown text, because a learning
system cannot follow them. Raw HTML is shown as text, never passed through, as on the site."""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.myst_role import myst_role_plugin

_INLINE = MarkdownIt("commonmark", {"html": False}).use(myst_role_plugin)
_ROLE_WITH_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
EXTERNAL_SCHEMES = ("http://", "https://", "mailto:")
_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
}


def _role_text(token: Token) -> str:
    """The text a role shows: its explicit title, else its content."""
    found = _ROLE_WITH_TITLE.match(token.content.strip())
    return found.group("title") if found else token.content


def _is_external(href: str) -> bool:
    return href.lower().startswith(EXTERNAL_SCHEMES)


def _tokens(text: str) -> list[Token]:
    parsed = _INLINE.parseInline(text)
    return list(parsed[0].children or []) if parsed else []


def inline_html(text: str) -> str:
    """MyST inline markup as a fragment of simple HTML (no block elements)."""
    out: list[str] = []
    open_links: list[bool] = []
    for token in _tokens(text):
        kind = token.type
        if kind == "text":
            out.append(escape(token.content, quote=False))
        elif kind in _TAGS:
            out.append(_TAGS[kind])
        elif kind == "code_inline":
            out.append(f"<code>{escape(token.content, quote=False)}</code>")
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br>")
        elif kind == "myst_role":
            out.append(escape(_role_text(token), quote=False))
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            external = _is_external(href)
            open_links.append(external)
            if external:
                out.append(f'<a href="{escape(href)}">')
        elif kind == "link_close":
            if open_links.pop():
                out.append("</a>")
        elif kind == "image":
            out.append(escape(token.content, quote=False))
        else:
            out.append(escape(token.content, quote=False))
    return "".join(out).strip()


def inline_plain(text: str) -> str:
    """MyST inline markup as plain text: what a reader of the page would see."""
    out: list[str] = []
    for token in _tokens(text):
        kind = token.type
        if kind in {"text", "code_inline", "image"}:
            out.append(token.content)
        elif kind in {"softbreak", "hardbreak"}:
            out.append(" ")
        elif kind == "myst_role":
            out.append(_role_text(token))
    return re.sub(r"\s+", " ", "".join(out)).strip()
