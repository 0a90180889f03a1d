"""The site's PDF (`nox -s pdf`): it compiles with pdflatex, strictly, and carries every
question of every quiz, with its answer key. Skipped, with the reason, where TeX is not
installed; the build takes about a minute."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from cart_quiz.loader import load_quiz_directory
from cart_quiz.text import to_plain

ROOT = Path(__file__).parent.parent
STRICT = ("-W", "--keep-going", "-n", "-q")
TEX_PACKAGES = "latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("latexmk") is None or shutil.which("pdflatex") is None,
        reason=f"the PDF needs TeX and latexmk (apt-get install -y {TEX_PACKAGES})",
    ),
]


def letters(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation, ligatures and quote styles differ
    between the quiz file and the PDF's text."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", text).lower())


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(ROOT / "docs"), str(out), *STRICT],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "latex"


@pytest.fixture(scope="module")
def pdf_text(pdf_build: Path) -> str:
    """The PDF's text, read by poppler's pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.skip("reading the PDF needs pdftotext (apt-get install -y poppler-utils)")
    pdf = pdf_build / "cart-learning-site.pdf"
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_compiles(pdf_build):
    pdf = pdf_build / "cart-learning-site.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    log = (pdf_build / "cart-learning-site.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_the_pdf_carries_every_question_and_its_answer(pdf_text):
    text = letters(pdf_text)
    collection = load_quiz_directory(ROOT / "quizzes")
    assert collection.quizzes
    missing = []
    for quiz in collection.quizzes.values():
        if letters(f"Answer key: {quiz.title}") not in text:
            missing.append(f"{quiz.id}: answer key")
        for question in quiz.questions:
            for part, value in (("prompt", question.prompt), ("explanation", question.explanation)):
                if letters(to_plain(value)) not in text:
                    missing.append(f"{quiz.id}/{question.id}: {part}")
    assert missing == []


def test_the_question_set_page_is_one_paragraph_in_the_pdf(pdf_build):
    tex = (pdf_build / "cart-learning-site.tex").read_text(encoding="utf-8")
    assert "A question set is made in a web browser" in tex
    # Neither the hidden questions nor the catalogue's checkboxes reach paper.
    assert "cart-set" not in tex
    assert "tick to add them to your question set" not in tex
