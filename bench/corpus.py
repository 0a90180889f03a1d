"""A synthetic site of N quizzes (10 questions each), each embedded in its own page."""

from __future__ import annotations

from pathlib import Path

CONF = """\
extensions = ["myst_parser", "cart_tiers", "cart_quiz"]
quiz_directory = "quizzes"
project = "Synthetic quiz corpus"
html_theme = {theme!r}
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
      - text: The **right** answer
        correct: true
        feedback: Yes. This is the right answer.
      - text: A wrong answer
        feedback: Not quite. Read the page again.
      - text: Another wrong answer
        feedback: No. Read the page again.
    explanation: This explains the point of question {n} in one or two sentences.
    learn_more: {label}
"""

MULTIPLE = """\
  - id: multiple-{n}
    type: multiple
    prompt: Which of these are true for topic {number}? Pick all that apply.
    options:
      - text: The first true thing
        correct: true
        feedback: Yes. This is true.
      - text: The second true thing
        correct: true
        feedback: Yes. This is true too.
      - text: A false thing
        feedback: No. This is not true.
    explanation: Two of these are true, and one is not.
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
        feedback: This comes first.
      - text: Make the CAR T cells
        feedback: This comes second.
      - text: Chemotherapy to make room
        feedback: This comes third.
      - text: Infusion
        feedback: This comes last.
    explanation: Cells are collected, changed, then given back after chemotherapy.
    learn_more: {label}
"""

#: Ten questions per quiz, in the proportions a real quiz has.
QUESTIONS = [SINGLE, MULTIPLE, TRUE_FALSE, SINGLE, ORDERING, MULTIPLE, SINGLE, TRUE_FALSE, SINGLE,
             MULTIPLE]  # fmt: skip


def quiz_yaml(number: int) -> str:
    label = f"topic-{number:04d}"
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
    """Write conf.py, an index with a toctree, `size` pages and `size` quizzes under `root`.

    With "furo" (the site's theme) every page shows the whole toctree, so page writing grows
    with pages x pages; Sphinx's "basic" theme has no site-wide navigation, which leaves
    what the extensions themselves cost.
    """
    (root / "quizzes").mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(theme=theme), encoding="utf-8")
    names = []
    for number in range(1, size + 1):
        name = f"topic-{number:04d}"
        names.append(name)
        (root / f"{name}.md").write_text(
            PAGE.format(label=name, number=number, quiz_id=f"synthetic-{number:04d}"),
            encoding="utf-8",
        )
        (root / "quizzes" / f"synthetic-{number:04d}.yaml").write_text(
            quiz_yaml(number), encoding="utf-8"
        )
    index = "# Synthetic corpus\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(names) + "\n```\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    return root
