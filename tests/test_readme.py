"""The README's authoring steps, followed literally, give a building page and quiz."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import DOCS, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def example_block(section: str, fence: str, language: str) -> str:
    """The first `language` code block of a README section, its indentation removed."""
    body = README.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(
        rf"^(?P<indent> *){fence}{language}\n(?P<code>.*?)^(?P=indent){fence}$",
        body,
        re.DOTALL | re.MULTILINE,
    )
    assert found, f"no {language} example under '{section}'"
    indent = len(found.group("indent"))
    return "".join(line[indent:] for line in found.group("code").splitlines(keepends=True))


@pytest.mark.slow
def test_the_readme_page_and_quiz_build_strictly_in_the_real_site(tmp_path):
    from sphinx.cmd.build import build_main

    docs, quizzes = tmp_path / "docs", tmp_path / "quizzes"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("quiz", "_build"))
    shutil.copytree(REPO / "quizzes", quizzes)
    (docs / "my-topic.md").write_text(example_block("Add a page", "````", "md"), encoding="utf-8")
    (quizzes / "my-topic-basics.yaml").write_text(
        example_block("Add a quiz", "```", "yaml"), encoding="utf-8"
    )
    index = docs / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace(":hidden:\n\n", ":hidden:\n\nmy-topic\n", 1), encoding="utf-8")

    warnings = tmp_path / "warnings.txt"
    arguments = ["-b", "html", "-W", "--keep-going", "-n", "-q", "-w", str(warnings)]
    code = build_main([*arguments, str(docs), str(tmp_path / "html")])
    assert code == 0, warnings.read_text(encoding="utf-8")

    page = BeautifulSoup(
        (tmp_path / "html" / "my-topic.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [block["data-tier"] for block in page.select(".cart-tier")] == [
        "simple",
        "detail",
        "clinical",
    ]
    kinds = [q["data-question-type"] for q in page.select(".cart-quiz .cart-question")]
    assert kinds == ["single", "multiple", "true-false", "ordering"]
