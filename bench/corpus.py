"""The content the bench builds: a generated corpus of N topic pages (each with a 10-question
quiz, all in one toctree) for this project and, from the same questions, for the peers
(mkdocs-material + mkdocs-quiz, Sphinx + sphinx-exercise); and the real site stripped of the
tier and quiz directives, or in plain furo, for the same text without the extensions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "cart_tiers", "cart_quiz", "cart_static.search",
              "cart_static.compiled_templates", "cart_static.toctree_parents"{navigation}]
quiz_directory = "quizzes"
project = "Synthetic quiz corpus"
html_theme = {theme!r}
html_copy_source = False  # as the site's conf.py
"""

PAGE = """\
({label})=
# Topic {number}

::::{{tier}} simple
This is topic {number}. It has a short text and a self-check. Read it, then try the quiz.
::::

```{{quiz}} {quiz_id}
```
"""

SINGLE = """\
  - id: single-{n}
    type: single
    prompt: Which answer is right for question {n} of topic {number}?
    hint: Think about what the page said.
    options:
      - text: A wrong answer
        feedback: Not quite, because the page says something else here.
      - text: The **right** answer
        correct: true
        feedback: Yes, because the page says this in its first lines.
      - text: Another wrong answer
        feedback: No, because the page does not say this anywhere.
    explanation: This explains the point of question {n} in one or two sentences.
    learn_more: {label}
"""

MULTIPLE = """\
  - id: multiple-{n}
    type: multiple
    prompt: Which of these are true for topic {number}? Pick all that apply.
    options:
      - text: A false thing
        feedback: No, this is not true, because the page says the opposite.
      - text: The first true thing
        correct: true
        feedback: Yes, this is true, because the page says it.
      - text: The second true thing
        correct: true
        feedback: Yes, this is true too, because the page says it as well.
      - text: Another false thing
        feedback: No, this is not true, because the page does not say it.
    explanation: Two of these are true, and two are not.
    learn_more: {label}
    ask_your_team: What does topic {number} mean for me?
"""

TRUE_FALSE = """\
  - id: true-false-{n}
    type: true-false
    prompt: Topic {number} is explained on its own page.
    answer: true
    feedback_true: Right. Each topic has a page.
    feedback_false: Not right. Each topic has a page.
    explanation: Every topic of this corpus has its own page.
    learn_more: {label}
"""

ORDERING = """\
  - id: ordering-{n}
    type: ordering
    prompt: Put these steps of topic {number} in order.
    steps:
      - text: Collect the cells
        feedback: This comes first, because the cells are needed to make the product.
      - text: Make the CAR T cells
        feedback: This comes second, because the lab changes the cells next.
      - text: Chemotherapy to make room
        feedback: This comes third, because it makes room just before the cells go back.
      - text: Infusion
        feedback: This comes last, because the cells go back once everything is ready.
    explanation: Cells are collected, changed, then given back after chemotherapy.
    learn_more: {label}
"""

#: Ten questions per quiz, in the proportions a real quiz has.
QUESTIONS = [SINGLE, MULTIPLE, TRUE_FALSE, SINGLE, ORDERING, MULTIPLE, SINGLE, TRUE_FALSE, SINGLE,
             MULTIPLE]  # fmt: skip
#: The same ten questions as (prompt, [(option, right)], explanation), for the peers, which
#: have no ordering questions: an ordering question becomes "which step comes first?".
PEER_QUESTIONS = {
    SINGLE: (
        "Which answer is right for question {n} of topic {number}?",
        [("A wrong answer", False), ("The **right** answer", True),
         ("Another wrong answer", False)],
        "This explains the point of question {n} in one or two sentences.",
    ),
    MULTIPLE: (
        "Which of these are true for topic {number}? Pick all that apply.",
        [("A false thing", False), ("The first true thing", True),
         ("The second true thing", True), ("Another false thing", False)],
        "Two of these are true, and two are not.",
    ),
    TRUE_FALSE: (
        "Topic {number} is explained on its own page.",
        [("True", True), ("False", False)],
        "Every topic of this corpus has its own page.",
    ),
    ORDERING: (
        "Which step of topic {number} comes first?",
        [("Collect the cells", True), ("Make the CAR T cells", False),
         ("Chemotherapy to make room", False), ("Infusion", False)],
        "Cells are collected, changed, then given back after chemotherapy.",
    ),
}  # fmt: skip
PEER_TEXT = (
    "This is topic {number}. It has a short text and a self-check. Read it, then try the quiz."
)


def name(number: int) -> str:
    return f"topic-{number:04d}"


def quiz_yaml(number: int) -> str:
    label = name(number)
    header = (
        "schema_version: 1\n"
        f"id: synthetic-{number:04d}\n"
        f"title: Topic {number}, the basics\n"
        "category: understanding\n"
        "tier: simple\n"
        "minutes: 5\n"
        "objectives:\n"
        f"  - Say in one sentence what topic {number} is.\n"
        "questions:\n"
    )
    return header + "".join(
        template.format(n=n, number=number, label=label)
        for n, template in enumerate(QUESTIONS, start=1)
    )


def write_corpus(root: Path, size: int, theme: str = "furo") -> Path:
    """conf.py, an index with one toctree, `size` pages and `size` quizzes under `root`.

    In furo (the site's theme) every page shows the whole toctree; the site's
    `cart_static.navigation` renders it once per build. Sphinx's "basic" theme has no
    site-wide navigation, which leaves what the extensions themselves cost."""
    (root / "quizzes").mkdir(parents=True)
    navigation = ', "cart_static.navigation"' if theme == "furo" else ""
    (root / "conf.py").write_text(CONF.format(theme=theme, navigation=navigation), "utf-8")
    for number in range(1, size + 1):
        label = name(number)
        (root / f"{label}.md").write_text(
            PAGE.format(label=label, number=number, quiz_id=f"synthetic-{number:04d}"),
            encoding="utf-8",
        )
        (root / "quizzes" / f"synthetic-{number:04d}.yaml").write_text(
            quiz_yaml(number), encoding="utf-8"
        )
    _index(root / "index.md", size)
    return root


def _index(path: Path, size: int) -> None:
    names = "\n".join(name(number) for number in range(1, size + 1))
    path.write_text(
        f"# Synthetic corpus\n\n```{{toctree}}\n:maxdepth: 1\n\n{names}\n```\n", "utf-8"
    )


def _peer_questions(number: int):
    for n, template in enumerate(QUESTIONS, start=1):
        prompt, options, explanation = PEER_QUESTIONS[template]
        yield (
            prompt.format(n=n, number=number),
            options,
            explanation.format(n=n, number=number),
        )


def write_mkdocs_corpus(root: Path, size: int) -> Path:
    """The same pages and questions for mkdocs-material with mkdocs-quiz: one nav with every
    page (furo's one toctree), the search plugin on (as Sphinx's search)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    nav = "\n".join(f"  - {name(number)}.md" for number in range(1, size + 1))
    (root / "mkdocs.yml").write_text(
        "site_name: Synthetic quiz corpus\ntheme:\n  name: material\n"
        f"plugins:\n  - search\n  - mkdocs_quiz\nnav:\n  - index.md\n{nav}\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Synthetic corpus\n\nThe topics.\n", encoding="utf-8")
    for number in range(1, size + 1):
        quizzes = "\n".join(
            "<quiz>\n"
            + prompt
            + "\n"
            + "".join(f"- [{'x' if right else ' '}] {text}\n" for text, right in options)
            + f"\n{explanation}\n</quiz>\n"
            for prompt, options, explanation in _peer_questions(number)
        )
        (docs / f"{name(number)}.md").write_text(
            f"# Topic {number}\n\n{PEER_TEXT.format(number=number)}\n\n{quizzes}",
            encoding="utf-8",
        )
    return root


def write_exercise_corpus(root: Path, size: int) -> Path:
    """The same pages and questions for Sphinx (furo) with sphinx-exercise: each question an
    exercise with its answer in a solution."""
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_exercise"]\nproject = "Synthetic corpus"\n'
        'html_theme = "furo"\nmyst_enable_extensions = ["colon_fence"]\n'
        "html_copy_source = False\n",
        encoding="utf-8",
    )
    for number in range(1, size + 1):
        blocks = []
        for n, (prompt, options, explanation) in enumerate(_peer_questions(number), start=1):
            label = f"ex-{number:04d}-{n}"
            listed = "".join(f"- {text}\n" for text, _ in options)
            right = ", ".join(text for text, correct in options if correct)
            blocks.append(
                f":::{{exercise}}\n:label: {label}\n\n{prompt}\n\n{listed}:::\n\n"
                f":::{{solution}} {label}\n:class: dropdown\n\n{right}. {explanation}\n:::\n"
            )
        (root / f"{name(number)}.md").write_text(
            f"# Topic {number}\n\n{PEER_TEXT.format(number=number)}\n\n" + "\n".join(blocks),
            encoding="utf-8",
        )
    _index(root / "index.md", size)
    return root


_EXTENSION_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?:quiz|quiz-worksheet|quiz-links|quiz-catalog|my-questions|"
    r"readability-report)\}.*?^(?P=fence)[ \t]*$\n?",
    re.MULTILINE | re.DOTALL,
)
_TIER = re.compile(r"^(:{3,})\{tier\}", re.MULTILINE)
_OURS = re.compile(r'^\s*"cart_(?:tiers|quiz)",\n', re.MULTILINE)


def strip_extensions(docs: Path) -> None:
    """The real site's pages without the extensions' directives, in place: each tier block's
    text kept in a plain container, the quiz, catalogue, my-questions and report blocks
    removed, and `cart_tiers` and `cart_quiz` left out of conf.py (the navigation stays)."""
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        stripped = _TIER.sub(r"\1{container}", _EXTENSION_BLOCK.sub("", text))
        page.write_text(stripped, encoding="utf-8")
    # The quiz pages cart_quiz generates (docs/quiz/, gitignored) are its own work.
    shutil.rmtree(docs / "quiz", ignore_errors=True)
    conf = docs / "conf.py"
    conf.write_text(_OURS.sub("", conf.read_text(encoding="utf-8")), encoding="utf-8")


PLAIN_CONF = """\
project = "CAR-T learning site"
extensions = ["myst_parser"]
myst_enable_extensions = {myst!r}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "CAR-T learning site"
html_copy_source = False
html_show_sourcelink = False
"""


def plain_furo(docs: Path, myst_extensions: list[str]) -> None:
    """The stripped pages in plain furo: no templates, no site styles or scripts, no
    extensions (the figures in `_static/` stay, as pages show them)."""
    strip_extensions(docs)
    shutil.rmtree(docs / "_templates", ignore_errors=True)
    (docs / "conf.py").write_text(PLAIN_CONF.format(myst=myst_extensions), encoding="utf-8")
