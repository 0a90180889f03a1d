"""The real site's "My questions" page: every care-team prompt, linked to its question."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from cart_quiz.loader import load_quiz_directory
from cart_quiz.model import STAGES
from cart_quiz.suggestions import collect_suggestions, same_question_key
from conftest import REPO


def test_every_prompt_of_the_real_quizzes_is_suggested_once_in_journey_order():
    quizzes = load_quiz_directory(REPO / "quizzes").quizzes.values()
    prompts = {
        same_question_key(question.ask_your_team)
        for quiz in quizzes
        for question in quiz.questions
        if question.ask_your_team
    }
    grouped = collect_suggestions(quizzes)
    listed = [same_question_key(s.text) for group in grouped.values() for s in group]
    assert sorted(listed) == sorted(prompts)
    assert list(grouped) == [stage for stage in STAGES if stage in grouped]


def test_the_page_links_every_suggestion_to_a_question_on_the_site(built_site):
    page = BeautifulSoup(
        (built_site / "my-questions.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.select_one("article")
    assert article.h1.get_text(strip=True).startswith("My questions for the care team")
    assert re.search(
        r"Last reviewed: \d{1,2} [A-Z][a-z]+ 20\d\d", article.get_text(" ", strip=True)
    )
    items = article.select(".cart-mq-suggestion")
    assert items
    for item in items:
        links = item.select(".cart-mq-from a")
        assert links, item["data-text"]
        for link in links:
            target = urlsplit(link["href"])
            html = (built_site / target.path).read_text(encoding="utf-8")
            assert f'id="{target.fragment}"' in html, link["href"]
    assert page.select_one('script[src^="_static/cart-my-questions.js"]')
