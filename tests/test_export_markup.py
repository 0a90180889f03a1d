"""Quiz text (MyST inline markup) as the simple HTML and plain text the exports carry."""

from __future__ import annotations

import pytest
from cart_quiz.export.markup import inline_html, inline_plain
from export_helpers import read_html
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("plain words", "plain words"),
        ("the **first** sign", "the <strong>first</strong> sign"),
        ("an *emphasised* word", "an <em>emphasised</em> word"),
        ("some `code ~ =`", "some <code>code ~ =</code>"),
        ("{term}`CRS <cytokine release syndrome (CRS)>`", "CRS"),
        ("{term}`leukapheresis`", "leukapheresis"),
        ("see {ref}`the risks <risks-crs>`", "see the risks"),
        (
            "[FDA](https://www.fda.gov/a?b=1&c=2)",
            '<a href="https://www.fda.gov/a?b=1&amp;c=2">FDA</a>',
        ),
        ("[a page](risks.md)", "a page"),
        ("[bad](javascript:alert(1))", "[bad](javascript:alert(1))"),  # never a link
        ("<https://example.org>", '<a href="https://example.org">https://example.org</a>'),
        ("<b>not bold</b> & more", "&lt;b&gt;not bold&lt;/b&gt; &amp; more"),
        ("a\nb", "a b"),
    ],
)
def test_inline_markup_becomes_simple_html(source, html):
    assert inline_html(source) == html


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("the **first** sign", "the first sign"),
        ("{term}`CRS <cytokine release syndrome (CRS)>` and *more*", "CRS and more"),
        ("[FDA](https://www.fda.gov)", "FDA"),
        (
            'Tom & "Jerry" <b>x</b> ~ = # { } : \\ café 😀',
            'Tom & "Jerry" <b>x</b> ~ = # { } : \\ café 😀',
        ),
    ],
)
def test_inline_markup_becomes_plain_text(source, plain):
    assert inline_plain(source) == plain


@given(st.text())
def test_any_text_gives_only_the_simple_tags_and_the_same_words_as_plain_text(text):
    html = inline_html(text)
    shown, tags = read_html(html)
    assert {tag for tag, _ in tags} <= {"em", "strong", "code", "a", "br"}
    for tag, attributes in tags:
        if tag == "a":
            assert set(attributes) == {"href"}
            assert attributes["href"].lower().startswith(("http://", "https://", "mailto:"))
        else:
            assert attributes == {}
    assert " ".join(shown.split()) == inline_plain(text)
